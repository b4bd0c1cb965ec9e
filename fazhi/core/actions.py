"""Writes of the core app: the year's holiday table (DAY-07), entered from the State Council's notice."""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.core.models import HolidayYear, SpecialDay
from fazhi.law.holiday_notice import Notice
from fazhi.law.rules import violation


def may_enter_holidays(user) -> bool:
    """A leader (负责人、分管领导) or a system administrator enters the year's notice: who that is, the org kernel
    answers (`may_enter_holidays`, registered in org/apps.py)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    may = registry.provided("may_enter_holidays")
    return bool(may and may(user))


def enter_holiday_year(notice: Notice, *, by, on: date, title: str) -> HolidayYear:
    """Record (or correct) one year's statutory holidays and 调休 working days, all or nothing, with its event in
    the `calendar:<year>` stream. The year is then known to every deadline (DAY-07); the caller settles the
    deadlines that waited for it (cases.actions.settle_deadlines)."""
    if not may_enter_holidays(by):
        raise NotPermitted("节假日安排须由机关负责人或系统管理员录入")
    if not title.strip():
        raise violation("DAY-07", "请填写通知的文号及标题")
    if notice.problems:
        raise violation("DAY-07", "；".join(notice.problems))
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")
    with transaction.atomic():
        year, created = HolidayYear.objects.select_for_update().get_or_create(
            year=notice.year, defaults={"notice": title.strip(), "entered_by": by})
        if not created:
            year.days.all().delete()
            year.notice, year.entered_by = title.strip(), by
            year.save()
        SpecialDay.objects.bulk_create([SpecialDay(year=year, day=d.day, is_off_day=d.is_off_day, name=d.name[:40])
                                        for d in notice.days])
        append_event(f"calendar:{notice.year}", "enter_holidays" if created else "correct_holidays", actor=by, on=on,
                     data={"year": notice.year, "notice": year.notice,
                           "days": [{"date": d.day.isoformat(), "off": d.is_off_day, "name": d.name}
                                    for d in notice.days]})
    from fazhi.core.calendar import forget_calendar

    forget_calendar()
    return year
