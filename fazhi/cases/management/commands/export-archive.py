"""fazhi export-archive CASE [-o FILE]: one closed case as one ZIP (一案一卷), with its seal printed."""
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from fazhi.cases.archive import export
from fazhi.cases.models import PenaltyCase


class Command(BaseCommand):
    help = "导出已结案案件的案卷压缩包（一案一卷）"

    def add_arguments(self, parser):
        parser.add_argument("case", help="案件编号、决定书文号或UUID")
        parser.add_argument("-o", "--output", help="输出文件（默认：<案件编号>.zip）")

    def handle(self, *args, case, output=None, **options):
        q = Q(case_no=case) | Q(decision_no=case)
        if len(case) == 36:
            q |= Q(uuid=case)
        found = list(PenaltyCase.objects.filter(q)[:2])
        if len(found) != 1:
            raise CommandError(f"未找到唯一的案件：{case}")
        c = found[0]
        try:
            path, seal = export(c, output or f"{c.case_no or c.decision_no or c.uuid}.zip")
        except ValueError as e:
            raise CommandError(str(e))
        self.stdout.write(f"已导出：{path}\n封存值：{seal}")
