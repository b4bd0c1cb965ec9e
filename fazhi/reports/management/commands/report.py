"""fazhi report annual|quarterly --bureau CODE --year YYYY [--quarter N] [-o DIR] [--png DIR]: the 法治政府建设年度报告
or the quarterly 执法信息报送表 as DOCX and PDF, with progress; --png DIR also writes each PDF page as a PNG
(pdftoppm) into DIR, as docs/samples holds them (make samples)."""
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.layout import to_docx, to_pdf
from fazhi.org.models import Bureau
from fazhi.reports.annual import build, build_quarterly


class Command(BaseCommand):
    help = "生成法治政府建设年度报告或季度执法信息报送表（DOCX、PDF，可选逐页PNG）"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "quarterly"])
        parser.add_argument("--quarter", type=int, help="季度（quarterly）")
        parser.add_argument("--bureau", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output-dir", default=".")
        parser.add_argument("--png", metavar="DIR", help="同时将PDF逐页转为PNG（样张），写入该目录")
        parser.add_argument("--dpi", type=int, default=80)

    def handle(self, *args, kind, bureau, year, output_dir, quarter=None, png=None, dpi=80, **opts):
        b = Bureau.objects.filter(code=bureau).first()
        if b is None:
            raise CommandError(f"没有编码为“{bureau}”的机构")
        if png and shutil.which("pdftoppm") is None:
            raise CommandError("需要 pdftoppm（Debian 软件包 poppler-utils）")
        if kind == "quarterly":
            if quarter not in (1, 2, 3, 4):
                raise CommandError("季度报送须指定 --quarter（1至4）")
            doc, _ = build_quarterly(b, year, quarter)
            name, stem_png = f"{b.short_name}{year}年第{quarter}季度执法信息报送表", "quarterly"
        else:
            doc, _ = build(b, year, progress=lambda i, n, what: self.stderr.write(f"[{i}/{n}] {what}"))
            name, stem_png = f"{b.short_name}{year}年法治政府建设年度报告", "annual-report"
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        stem = out / name
        pdf = to_pdf(doc)
        stem.with_suffix(".docx").write_bytes(to_docx(doc))
        stem.with_suffix(".pdf").write_bytes(pdf)
        self.stdout.write(f"已生成：{stem}.docx、{stem}.pdf")
        if png:
            images = Path(png)
            images.mkdir(parents=True, exist_ok=True)
            for old in images.glob(f"{stem_png}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(stem.with_suffix(".pdf")), str(images / stem_png)],
                           check=True, timeout=300)
            pages = sorted(images.glob(f"{stem_png}-*.png"))
            self.stdout.write(f"样张：{len(pages)}页 → " + "、".join(p.name for p in pages))
