"""fazhi export-benchmark CODE [-o FILE.xlsx]: a benchmark back to XLSX (the import columns)."""
from django.core.management.base import BaseCommand, CommandError

from fazhi.catalog import importers
from fazhi.catalog.models import Benchmark


class Command(BaseCommand):
    help = "导出行政处罚裁量基准为 XLSX"

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("-o", "--output")

    def handle(self, *args, code, output=None, **opts):
        b = Benchmark.objects.filter(code=code).first()
        if b is None:
            raise CommandError(f"没有编码为“{code}”的裁量基准")
        out = output or f"{code}.xlsx"
        with open(out, "wb") as f:
            f.write(importers.to_xlsx(b))
        self.stdout.write(f"已导出：{out}")
