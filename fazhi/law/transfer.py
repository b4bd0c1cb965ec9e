"""两法衔接: transferring a suspected crime to the police (TRF-01)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from fazhi.law.rules import violation

DECIDE_DAYS = 3       # the 正职负责人 decides within 3 days of the report (TRF-01; day type not fixed: calendar)
TRANSFER_HOURS = 24   # after approval, transfer to the police within 24 hours


def transfer_decision_due(reported_on: date) -> date:
    """TRF-01 (移送规定 Art 5): decide within 3 days of the 专案组 report. The text does not say working
    days, so we count calendar days — the stricter reading."""
    return reported_on + timedelta(days=DECIDE_DAYS)


def check_transfer_team(member_ids: Iterable[object]) -> None:
    if len(set(member_ids)) < 2:
        raise violation("TRF-01", "涉嫌犯罪案件应当指定2名或者2名以上行政执法人员组成专案组")


def check_transfer_timing(approved_on: date, transferred_on: date) -> None:
    """Transfer within 24 hours of approval: the same or the next calendar day."""
    if transferred_on > approved_on + timedelta(days=1):
        raise violation("TRF-01", "批准移送后应当在24小时内向同级公安机关移送")
