"""fazhi report annual --bureau CODE --year YYYY [-o DIR]: the 法治政府建设年度报告 as DOCX and PDF, with progress."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.layout import to_docx, to_pdf
from fazhi.org.models import Bureau
from fazhi.reports.annual import build, build_quarterly


class Command(BaseCommand):
    help = "生成法治政府建设年度报告（DOCX、PDF）"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "quarterly"])
        parser.add_argument("--quarter", type=int, help="季度（quarterly）")
        parser.add_argument("--bureau", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output-dir", default=".")

    def handle(self, *args, kind, bureau, year, output_dir, quarter=None, **opts):
        b = Bureau.objects.filter(code=bureau).first()
        if b is None:
            raise CommandError(f"没有编码为“{bureau}”的机构")
        if kind == "quarterly":
            if not quarter:
                raise CommandError("季度报送须指定 --quarter")
            doc, _ = build_quarterly(b, year, quarter)
            name = f"{b.short_name}{year}年第{quarter}季度执法信息报送表"
        else:
            doc, _ = build(b, year, progress=lambda i, n, what: self.stderr.write(f"[{i}/{n}] {what}"))
            name = f"{b.short_name}{year}年法治政府建设年度报告"
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        stem = out / name
        stem.with_suffix(".docx").write_bytes(to_docx(doc))
        stem.with_suffix(".pdf").write_bytes(to_pdf(doc))
        self.stdout.write(f"已生成：{stem}.docx、{stem}.pdf")
