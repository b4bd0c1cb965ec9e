"""fazhi import-categories FILE: 部件/事件 subclasses with their 立案条件, 处置时限 and 结案条件 from CSV or XLSX
(columns as in fazhi/citydesk/data/categories.csv); all rows or none, with a row report."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.catalog.importers import ImportRejected
from fazhi.citydesk.importers import import_categories


class Command(BaseCommand):
    help = "导入部件、事件分类及其立案条件、处置时限、结案条件（CSV / XLSX）"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **opts):
        path = Path(file)
        try:
            report = import_categories(path.read_bytes(), path.name)
        except ImportRejected as e:
            for p in e.report.problems:
                self.stderr.write(str(p))
            raise CommandError(f"导入被拒绝：{len(e.report.problems)}处问题，未导入任何数据")
        self.stdout.write(f"已导入 {report.rules} 个小类")
