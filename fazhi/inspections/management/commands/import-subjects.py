"""fazhi import-subjects FILE --bureau CODE: the 检查对象名录库 from CSV or XLSX (credit codes checked per GB 32100);
all rows or none, with a row report."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.catalog.importers import ImportRejected
from fazhi.inspections.importers import load_subjects, read_subjects
from fazhi.org.models import Bureau


class Command(BaseCommand):
    help = "导入检查对象名录库（CSV / XLSX），统一社会信用代码按GB 32100校验"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--bureau", required=True)

    def handle(self, *args, file, bureau, **opts):
        b = Bureau.objects.filter(code=bureau).first()
        if b is None:
            raise CommandError(f"没有编码为“{bureau}”的机构")
        path = Path(file)
        rows, pre = read_subjects(path.read_bytes(), path.name)
        try:
            report = load_subjects(rows, bureau=b, pre_problems=pre)
        except ImportRejected as e:
            for p in e.report.problems:
                self.stderr.write(str(p))
            raise CommandError(f"导入被拒绝：{len(e.report.problems)}处问题，未导入任何数据")
        self.stdout.write(f"已导入 {report.rules} 个检查对象")
