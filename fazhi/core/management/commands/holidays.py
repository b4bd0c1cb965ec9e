"""fazhi holidays YEAR FILE --title T --by USER [--save]: import the State Council's notice for a year (DAY-07).

Without --save it prints each day against the weekends (the preview the 节假日安排 page shows); with --save it
records the year, all or nothing, and makes every deadline that waited for it concrete. `fazhi holidays --settle
--by USER` does only the latter (e.g. after an upgrade whose package data gained a year)."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.actions import enter_holiday_year
from fazhi.law.basis import RuleViolation
from fazhi.law.holiday_notice import parse_notice


class Command(BaseCommand):
    help = "导入国务院办公厅节假日安排通知（预览；--save 录入并确定相关期限）"

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int)
        parser.add_argument("file", nargs="?", help="通知正文（UTF-8 文本，每个节日一行，或每行一天）")
        parser.add_argument("--title", default="", help="通知文号及标题")
        parser.add_argument("--by", required=True, help="录入人（机关负责人或系统管理员的登录名）")
        parser.add_argument("--save", action="store_true", help="确认录入")
        parser.add_argument("--settle", action="store_true", help="仅按现有节假日数据确定待定期限")

    def handle(self, *args, year=None, file=None, title="", by, save=False, settle=False, **options):
        person = get_user_model().objects.filter(username=by, is_active=True).first()
        if person is None:
            raise CommandError(f"工作人员“{by}”不存在")
        today = timezone.localdate()
        if not settle:
            if not year or not file:
                raise CommandError("请给出年度和通知正文文件")
            notice = parse_notice(year, Path(file).read_text("utf-8"))
            for row in notice.preview():
                self.stdout.write(f"{row['day']:%Y-%m-%d} {row['weekday']} {row['kind']} {row['name']} {row['note']}")
            for w in notice.warnings:
                self.stdout.write(f"请核对：{w}")
            if notice.problems:
                raise CommandError("；".join(notice.problems))
            if not save:
                self.stdout.write("（预览；确认无误后加 --save 录入）")
                return
            try:
                enter_holiday_year(notice, by=person, on=today, title=title)
            except RuleViolation as e:
                raise CommandError(f"不予办理（{e.code}）：{e.message}")
            self.stdout.write(f"{year}年节假日安排已录入（{len(notice.days)}天）")
        settled = registry.settle_holiday_year(by=person, on=today)  # what each context registered
        self.stdout.write("；".join(s.told.format(n=n) for s, n in settled))
