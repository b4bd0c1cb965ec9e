"""fazhi import-list KIND FILE --bureau CODE: 权责清单 (powers), 免罚/从轻减轻清单 (exemptions) or 涉企检查事项
(inspection-items) from CSV or XLSX. All or nothing, with a row report."""
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.catalog import powers
from fazhi.catalog.importers import ImportRejected
from fazhi.law.jurisdiction import area_of
from fazhi.org.models import Bureau


class Command(BaseCommand):
    help = "导入权责清单、免罚清单或涉企行政检查事项清单（CSV / XLSX）"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["powers", "exemptions", "inspection-items"])
        parser.add_argument("file")
        parser.add_argument("--bureau", required=True, help="机构编码，如 430200")
        parser.add_argument("--effective-from", default=None, help="施行日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--code", help="权责清单版本编码")
        parser.add_argument("--title", help="权责清单名称")

    def handle(self, *args, kind, file, bureau, effective_from, code, title, **opts):
        b = Bureau.objects.filter(code=bureau).first()
        if b is None:
            raise CommandError(f"没有编码为“{bureau}”的机构")
        path = Path(file)
        since = date.fromisoformat(effective_from) if effective_from else date.today()
        try:
            if kind == "powers":
                rows, pre = powers.read_table(path.read_bytes(), path.name, powers.POWER_COLUMNS,
                                              ["事项类型", "事项名称", "实施主体"])
                _, report = powers.load(rows, code=code or path.stem, title=title or f"{b.name}权责清单",
                                        issuing_authority=b.name, effective_from=since, source=path.name,
                                        pre_problems=pre, area=area_of(b.code))  # CAT-01: the bureau's area
            elif kind == "exemptions":
                rows, pre = powers.read_table(path.read_bytes(), path.name, powers.EXEMPTION_COLUMNS,
                                              ["类别", "违法行为", "适用条件", "法律依据"])
                report = powers.load_exemptions(rows, bureau=b, effective_from=since, pre_problems=pre)
            else:
                rows, pre = powers.read_table(path.read_bytes(), path.name, powers.INSPECTION_COLUMNS,
                                              ["检查事项", "检查依据", "检查对象"])
                report = powers.load_inspection_items(rows, bureau=b, pre_problems=pre)
        except ImportRejected as e:
            for p in e.report.problems:
                self.stderr.write(str(p))
            raise CommandError(f"导入被拒绝：{len(e.report.problems)}处问题，未导入任何数据")
        self.stdout.write(f"已导入 {report.rules} 行")
