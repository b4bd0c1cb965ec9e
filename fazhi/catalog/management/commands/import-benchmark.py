"""fazhi import-benchmark FILE: load a discretion benchmark (JSON as published by 深圳, or XLSX/CSV with the
columns of catalog.importers.COLUMNS). Everything or nothing: a bad file prints its row report and loads none."""
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.catalog import importers


class Command(BaseCommand):
    help = "导入行政处罚裁量基准（JSON / XLSX / CSV），有错误则整体不导入并列出行号"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--code", help="本版本的编码（唯一）")
        parser.add_argument("--title", help="名称（XLSX/CSV 必填）")
        parser.add_argument("--document-no", default="")
        parser.add_argument("--authority", default="")
        parser.add_argument("--effective-from", help="施行日期 YYYY-MM-DD（XLSX/CSV 必填）")
        parser.add_argument("--effective-until", help="失效日期 YYYY-MM-DD")
        parser.add_argument("--method", default="",
                            help="按法定幅度分档的裁量方法编码（如 liling-2017，醴城〔2017〕22号）：文件每行一个违法行为，"
                                 "列为 " + "、".join(importers.METHOD_COLUMNS) + "，各档由方法推算")
        parser.add_argument("--area", help="适用地域：行政区划代码前缀（如 43、4302、4403），全国适用填“全国”；"
                                           "XLSX/CSV 必填，深圳 JSON 默认 4403")

    def handle(self, *args, file, code, title, document_no, authority, effective_from, effective_until, area,
               method="", **opts):
        path = Path(file)
        data = path.read_bytes()
        try:
            if path.suffix.lower() == ".json":
                b, report = importers.import_shenzhen(json.loads(data), code=code or path.stem,
                                                      area=_area(area) if area else "4403")
            else:
                if not (title and effective_from and area):
                    raise CommandError("XLSX/CSV 导入须指定 --title、--effective-from 和 --area")
                read = importers.rows_from_xlsx if path.suffix.lower() == ".xlsx" else importers.rows_from_csv
                if method:
                    rows, pre = read(data, importers.METHOD_COLUMNS, importers.METHOD_REQUIRED)
                    load = lambda rows, **kw: importers.load_method(rows, method_code=method, **kw)  # noqa: E731
                else:
                    rows, pre = read(data)
                    load = importers.load
                b, report = load(rows, code=code or path.stem, title=title, document_no=document_no,
                                           issuing_authority=authority, effective_from=date.fromisoformat(effective_from),
                                           effective_until=date.fromisoformat(effective_until) if effective_until else None,
                                           source=path.name, pre_problems=pre, area=_area(area))
        except importers.ImportRejected as e:
            for p in e.report.problems:
                self.stderr.write(str(p))
            raise CommandError(f"导入被拒绝：{len(e.report.problems)}处问题，未导入任何数据")
        self.stdout.write(f"已导入：{b}，违法行为{report.violations}项、裁量阶次{report.rules}条")
        for w in report.warnings:
            self.stdout.write(f"提示：{w}")


def _area(text: str) -> str:
    """'全国' is the whole country (stored as ""); anything else is a division code prefix, checked by the import."""
    return "" if text.strip() == "全国" else text.strip()
