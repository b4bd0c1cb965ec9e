"""行政强制 as the bureau takes it (§A.4, §A.9): 查封/扣押 (ENF-01..03) and 强制执行 by the bureau where a law gives it the
power — the demolition of an illegal structure under 城乡规划法 Art 68 and 行政强制法 Art 44 (ENF-04..06, ENF-08,
REC-01). Pure functions: each takes the facts and raises the rule's RuleViolation, or returns what the law computes.

Readings taken here (docs/architecture.md "行政强制"):
- ENF-02: the 24 hours run from the moment the measure was taken on the spot; a report (and the approval made on it)
  at exactly 24 hours is in time, a minute later is not, and the measure must then be lifted.
- ENF-03: the 30 days are a calendar period (DAY-05, the seizure day not counted, a last day on a rest day rolled
  to the next working day, as `enforcement.seizure_deadline`); one extension of at most 30 days, approved within the
  first period; the decision on the items (没收, 销毁) must fall within the period, release is always possible.
- ENF-05: night is 22:00–06:00 (`enforcement.NIGHT_START`/`NIGHT_END`); an execution must begin at or after 06:00 and
  end by 22:00 on the same day; a statutory holiday is a rest day the holiday table names. In a year whose holiday
  table is missing (DAY-07) a day is refused only where it is a holiday whatever the notice says (元旦, 劳动节's
  first two days, 国庆节's first three: 全国年节及纪念日放假办法 Art 2); elsewhere the answer waits for the table and
  the execution is recorded with `holiday_unknown`.
- ENF-06: the 复议 period (60 days, REV-01) and the 起诉期限 (6 months, REV-08) both run from the service of the
  demolition decision; forced demolition is lawful from the day after the later of the two last days.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fazhi.law.calendar import CalendarUnknown, LawCalendar
from fazhi.law.enforcement import NIGHT_END, NIGHT_START, SEIZURE_PERIOD
from fazhi.law.periods import DayKind, Period, Reckoned
from fazhi.law.rules import basis, violation

MIN_OFFICERS = 2
REPORT_HOURS = 24
EXTENSION = Period("ENF-03", 60, DayKind.CALENDAR, basis("ENF-03"), "查封、扣押期限（经批准延长）")
RECONSIDERATION = Period("REV-01", 60, DayKind.CALENDAR, basis("REV-01"), "申请行政复议期限")
LAWSUIT = Period("REV-08", 6, DayKind.MONTHS, basis("REV-08"), "提起行政诉讼期限")
# 全国年节及纪念日放假办法 Art 2: holidays fixed by the solar calendar, whatever a year's notice arranges around them.
FIXED_HOLIDAYS = {(1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节", (10, 1): "国庆节", (10, 2): "国庆节",
                  (10, 3): "国庆节"}

# --- 查封/扣押 -------------------------------------------------------------------------------------------------------


def check_officers(certified: list[bool]) -> None:
    """ENF-01 (Art 18 (2)): at least two officers, each holding a valid 行政执法证 on the day (PEN-04)."""
    if len(certified) < MIN_OFFICERS:
        raise violation("ENF-01", "行政强制措施应当由两名以上行政执法人员实施")
    if not all(certified):
        raise violation("ENF-01", "实施行政强制措施的执法人员应当持有有效的行政执法证件")


@dataclass(frozen=True)
class SiteRecord:
    """ENF-01 (Art 18 (3)–(9)) and ENF-03 (Art 24): what the on-site record of a 查封/扣押 shows."""

    showed_ids: bool
    party_present: bool
    witness: str
    told_rights: bool
    heard_statement: bool
    signed_or_refusal_noted: bool
    handed_over: bool
    no_necessities: bool
    video: str


# ENF-03 (行政强制法 Art 28): the grounds on which a 查封/扣押 is released.
RELEASE_GROUNDS = ("当事人没有违法行为", "查封、扣押的场所、设施或者财物与违法行为无关",
                   "对违法行为已经作出处理决定，不再需要查封、扣押", "查封、扣押期限已经届满", "其他不再需要采取查封、扣押措施的情形")


def check_site_record(r: SiteRecord) -> None:
    missing = []
    if not r.showed_ids:
        missing.append("出示执法身份证件")
    if not r.party_present and not r.witness.strip():
        missing.append("当事人不到场的，邀请见证人到场")
    if not r.told_rights:
        missing.append("当场告知理由、依据以及当事人的权利、救济途径")
    if not r.heard_statement:
        missing.append("听取当事人的陈述和申辩")
    if not r.signed_or_refusal_noted:
        missing.append("现场笔录由当事人和执法人员签名（当事人拒绝的予以注明）")
    if missing:
        raise violation("ENF-01", "实施行政强制措施缺少法定程序：" + "、".join(missing), missing=missing)
    if not r.handed_over:
        raise violation("ENF-03", "查封、扣押决定书和清单应当当场交付当事人")
    if not r.no_necessities:
        raise violation("ENF-03", "不得查封、扣押公民个人及其所扶养家属的生活必需品，不得查封、扣押与违法行为无关的财物")
    if not r.video.strip():
        raise violation("REC-01", "查封、扣押财产应当进行全程音像记录，请填写音像记录的编号或存放位置")


def report_deadline(taken_at: datetime) -> datetime:
    """ENF-02 (Art 19): the report to the 负责人 of an emergency measure is due 24 hours after it was taken."""
    return taken_at + timedelta(hours=REPORT_HOURS)


def check_emergency_report(taken_at: datetime, reported_at: datetime) -> None:
    """ENF-02: a report (and the approval made on it) within 24 hours; later, the measure must be lifted."""
    if reported_at < taken_at:
        raise violation("ENF-02", "报告时间不得早于当场实施的时间")
    due = report_deadline(taken_at)
    if reported_at > due:
        raise violation("ENF-02", f"情况紧急当场实施的，应当在二十四小时内（{due:%Y年%m月%d日%H时%M分}前）向行政机关负责人报告"
                                  "并补办批准手续；已超过二十四小时，不得补办批准，应当立即解除", due=due.isoformat())


def seizure_limit(cal: LawCalendar, seized_on: date, extended: bool) -> Reckoned:
    """ENF-03 (Art 25): the last day of the seizure, 30 days (60 with the approved extension) after the seizure day;
    while the year's holiday table is missing, the unrolled day marked provisional (DAY-07, never raises)."""
    return (EXTENSION if extended else SEIZURE_PERIOD).reckon(cal, seized_on)


def check_within_limit(limit: Reckoned, on: date, what: str) -> None:
    """ENF-03 (Art 25, 27): `what` (the extension, the decision on the items) only within the period. A provisional
    last day is a lower bound, so a step on or before it is in time whatever the table brings."""
    if limit.due is None or on <= limit.due:
        return
    if limit.provisional:
        raise violation("DAY-07", f"查封、扣押期限末日为{limit.due:%Y年%m月%d日}（{limit.note}），{what}是否在期限内"
                                  "须待节假日安排录入后确定；期限届满应当解除查封、扣押")
    raise violation("ENF-03", f"查封、扣押期限已于{limit.due:%Y年%m月%d日}届满，不能再{what}，应当作出解除查封、扣押的决定",
                    due=limit.due.isoformat())


def check_extension(*, extended: bool, reason: str) -> None:
    """ENF-03 (Art 25 ¶1–2): one extension, for a complex case, with reasons told to the party in writing."""
    if extended:
        raise violation("ENF-03", "查封、扣押期限只能延长一次，延长期限不得超过三十日")
    if not reason.strip():
        raise violation("ENF-03", "延长查封、扣押期限应当说明理由（情况复杂）")


# --- 强制执行: demolition by the bureau ----------------------------------------------------------------------------


def appeal_periods_end(cal: LawCalendar, served_on: date) -> Reckoned:
    """ENF-06: the later of the 复议 period (60 days) and the 起诉期限 (6 months) from the service of the decision."""
    a, b = RECONSIDERATION.reckon(cal, served_on), LAWSUIT.reckon(cal, served_on)
    if a.due is not None and b.due is not None and a.due > b.due:  # never: 6 months outlast 60 days
        return a
    return b


def check_demolition_day(cal: LawCalendar, *, served_on: date | None, notice_on: date | None,
                         notice_deadline: date | None, on: date, dispute_open: bool) -> None:
    """ENF-06 (Art 44; 城乡规划法 Art 68): a 公告 with a deadline to demolish, the deadline passed, no 复议 or lawsuit
    pending, and both periods lapsed (forced demolition from the day after the later last day)."""
    if served_on is None:
        raise violation("ENF-06", "限期拆除决定尚未送达当事人，不能强制拆除")
    if notice_on is None or notice_deadline is None:
        raise violation("ENF-06", "强制拆除违法建筑物、构筑物、设施，应当由行政机关予以公告，限期当事人自行拆除")
    if on <= notice_deadline:
        raise violation("ENF-06", f"公告限期当事人自行拆除至{notice_deadline:%Y年%m月%d日}，期限届满前不得强制拆除")
    if dispute_open:
        raise violation("ENF-06", "当事人已申请行政复议或者提起行政诉讼，尚未终结，不得强制拆除")
    end = appeal_periods_end(cal, served_on)
    assert end.due is not None
    if on <= end.due:
        raise violation("ENF-06", f"当事人申请行政复议或者提起行政诉讼的法定期限至{end.due:%Y年%m月%d日}届满"
                                  f"{'（' + end.note + '）' if end.provisional else ''}，期限届满后方可强制拆除",
                        lapses=(end.due + timedelta(days=1)).isoformat())
    if end.provisional:  # past the unrolled day, but a roll past a rest day could still reach `on`
        raise violation("DAY-07", f"法定期限末日{end.due:%Y年%m月%d日}{end.note}；期限是否已届满须待节假日安排录入后确定")


def check_notice(*, on: date, deadline: date) -> None:
    """ENF-06: the 公告 names a deadline after its own day for the party to demolish."""
    if deadline <= on:
        raise violation("ENF-06", "公告限期当事人自行拆除的期限应当晚于公告日期")


def holiday_at(cal: LawCalendar, day: date) -> tuple[str | None, bool]:
    """The statutory holiday `day` falls on (None if none) and whether the answer waits for the year's table."""
    try:
        name = cal.holiday_name(day) if cal.is_rest_day(day) else None
    except CalendarUnknown:
        return FIXED_HOLIDAYS.get((day.month, day.day)), (day.month, day.day) not in FIXED_HOLIDAYS
    if name and "调休上班" in name:
        name = None
    return name, False


def check_execution_time(cal: LawCalendar, start: datetime, end: datetime, *, emergency: str = "") -> bool:
    """ENF-05 (Art 43): no execution at night (22:00–06:00) nor on a statutory holiday, except in an emergency
    (its reason given). Returns whether the holiday question waits for a missing year's table (DAY-07)."""
    if end < start:
        raise violation("ENF-05", "执行结束时间不得早于开始时间")
    if emergency.strip():
        return False
    if start.time() < NIGHT_END or start.time() >= NIGHT_START or end.date() != start.date() or end.time() > NIGHT_START:
        raise violation("ENF-05", "行政机关不得在夜间（22时至次日6时）实施行政强制执行，情况紧急的除外")
    name, unknown = holiday_at(cal, start.date())
    if name:
        raise violation("ENF-05", f"行政机关不得在法定节假日（{name}）实施行政强制执行，情况紧急的除外")
    return unknown


def check_execution_record(*, video: str, officers: list[bool]) -> None:
    """REC-01 (国办发〔2018〕118号): a forced demolition is recorded by continuous audio-video; ENF-01 two officers."""
    check_officers(officers)
    if not video.strip():
        raise violation("REC-01", "强制拆除应当进行全程不间断音像记录，请填写音像记录的编号或存放位置")


def check_agreement(*, stages: str, remedied: bool, reduction: str, no_harm: bool) -> None:
    """ENF-08 (Art 42): an 执行协议 only where it harms neither the public interest nor others' lawful rights; it may
    stage performance; a 加处罚款 may be reduced or waived only where the party took remedial measures."""
    if not no_harm:
        raise violation("ENF-08", "执行协议不得损害公共利益和他人合法权益")
    if not stages.strip() and not reduction:
        raise violation("ENF-08", "执行协议应当约定分阶段履行的内容，或者减免加处的罚款")
    if reduction and not remedied:
        raise violation("ENF-08", "当事人采取补救措施的，方可减免加处的罚款或者滞纳金")
