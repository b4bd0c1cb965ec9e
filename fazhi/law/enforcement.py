"""行政强制法 rules for executing a penalty decision (§A.4): demand notice, late fee, court application."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import DayKind, Period, add_calendar_days, add_months, add_months_raw, add_working_days
from fazhi.law.rules import basis, violation

SEIZURE_PERIOD = Period("ENF-03", 30, DayKind.CALENDAR, basis("ENF-03"), "查封、扣押期限")
DEMAND_WAIT = Period("ENF-10", 10, DayKind.WORKING, basis("ENF-10"), "催告后等待履行")
COURT_WINDOW_MONTHS = 3
LAWSUIT_MONTHS = 6   # REV-08: the 起诉期限 whose expiry opens the ENF-09 window

def seizure_deadline(cal: LawCalendar, seized_on: date, extended: bool) -> date:
    """ENF-03 (Art 25): 30 days, once extendable by 30 days with the 负责人's approval."""

    return add_calendar_days(cal, seized_on, SEIZURE_PERIOD.length * (2 if extended else 1))

@dataclass(frozen=True)
class DemandNotice:
    """ENF-04 (Art 35): what a 催告书 states."""

    deadline: date | None
    method: str
    amount: str
    states_statement_rights: bool

def check_demand_notice(n: DemandNotice, *, issued_on: date) -> None:
    missing = []
    if not n.deadline:
        missing.append("履行义务的期限")
    if not n.method:
        missing.append("履行义务的方式")
    if not n.amount:
        missing.append("涉及金钱给付的金额和给付方式")
    if not n.states_statement_rights:
        missing.append("当事人依法享有的陈述权和申辩权")
    if missing:
        raise violation("ENF-04", "催告书缺少法定事项：" + "、".join(missing), missing=missing)
    if n.deadline is not None and n.deadline <= issued_on:
        raise violation("ENF-04", "催告书载明的履行期限应晚于催告日期")

NIGHT_START = time(22, 0)
NIGHT_END = time(6, 0)

def check_enforcement_time(cal: LawCalendar, at: datetime, *, emergency: bool = False) -> None:
    """ENF-05 (Art 43): no enforcement at night or on statutory holidays, except in an emergency.

    Night is 22:00–06:00 (the span used by 环境噪声污染防治 law for 夜间); configurable by code change only."""
    if emergency:
        return
    t = at.time()
    if t >= NIGHT_START or t < NIGHT_END:
        raise violation("ENF-05", "行政机关不得在夜间（22时至次日6时）实施行政强制执行，情况紧急的除外")
    if cal.is_rest_day(at.date()) and cal.holiday_name(at.date()):
        raise violation("ENF-05", f"行政机关不得在法定节假日（{cal.holiday_name(at.date())}）实施行政强制执行，情况紧急的除外")

def lawsuit_period_end(cal: LawCalendar, served_on: date) -> date:
    """REV-08: the 6-month 起诉期限 from service (the party knew of the act when served)."""
    return add_months(cal, served_on, LAWSUIT_MONTHS)

def court_application_window(cal: LawCalendar, served_on: date, demand_served_on: date) -> tuple[date, date]:
    """ENF-09 + ENF-10: the first and last day on which a 非诉执行 application may be filed.

    Opens the day after both (a) the 起诉期限 expired (行诉法解释 Art 156) and (b) ten working days passed
    after the 催告书 was served (Art 54 + 69); closes 3 months after the 起诉期限 expired (Art 53)."""
    expiry = lawsuit_period_end(cal, served_on)
    demand_ready = add_working_days(cal, demand_served_on, DEMAND_WAIT.length) + timedelta(days=1)
    first = max(expiry + timedelta(days=1), demand_ready)
    last = add_months(cal, expiry, COURT_WINDOW_MONTHS)
    return first, last

def check_court_application(cal: LawCalendar, *, served_on: date, demand_served_on: date | None,
                            apply_on: date, good_reason_for_delay: str = "") -> None:
    if demand_served_on is None:
        raise violation("ENF-10", "申请人民法院强制执行前，应当催告当事人履行义务")
    expiry = lawsuit_period_end(cal, served_on)
    if apply_on <= expiry:
        raise violation(
            "ENF-09",
            f"当事人的起诉期限至{expiry:%Y年%m月%d日}届满，期限届满前不得申请人民法院强制执行",
            opens=(expiry + timedelta(days=1)).isoformat(),
        )
    demand_ready = add_working_days(cal, demand_served_on, DEMAND_WAIT.length)
    if apply_on <= demand_ready:
        raise violation(
            "ENF-10",
            f"催告书送达十个工作日后（{demand_ready:%Y年%m月%d日}之后）当事人仍未履行的，方可申请人民法院强制执行",
        )
    # Rolling only lengthens the window, so the calendar is needed only past the unrolled last day.
    if apply_on <= add_months_raw(expiry, COURT_WINDOW_MONTHS):
        return
    last = add_months(cal, expiry, COURT_WINDOW_MONTHS)
    if apply_on > last and not good_reason_for_delay:
        raise violation(
            "ENF-09",
            f"应当自起诉期限届满之日起三个月内（{last:%Y年%m月%d日}前）申请人民法院强制执行，已逾期；如有正当理由请说明",
            last_day=last.isoformat(),
        )

COURT_PACKAGE = {
    "application": "强制执行申请书（负责人签名、加盖印章）",
    "decision": "行政决定书及作出决定的事实、理由和依据",
    "party_opinion": "当事人的意见及行政机关催告情况",
    "property": "申请强制执行标的情况",
}

def check_court_package(items: dict[str, bool]) -> None:
    """ENF-11 (Art 55): the materials an application must include."""
    missing = [label for key, label in COURT_PACKAGE.items() if not items.get(key)]
    if missing:
        raise violation("ENF-11", "申请人民法院强制执行材料不全：" + "、".join(missing), missing=missing)

def enforcement_after_late_fee(due: date, demand_served_on: date | None, as_of: date) -> bool:
    """ENF-07 (Art 46): an agency with enforcement power may enforce once late fees ran > 30 days and a
    催告 was served."""
    return demand_served_on is not None and (as_of - due).days > 30

def check_demolition(*, public_notice_on: date | None, appeal_periods_lapsed: bool, self_demolished: bool) -> None:
    """ENF-06 (Art 44): forced demolition needs a public notice and the lapse of the 复议/诉讼 periods."""
    if public_notice_on is None:
        raise violation("ENF-06", "强制拆除违法建筑物、构筑物、设施，应当由行政机关予以公告，限期当事人自行拆除")
    if not appeal_periods_lapsed:
        raise violation("ENF-06", "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，方可依法强制拆除")
    if self_demolished:
        raise violation("ENF-06", "当事人已自行拆除，无需强制拆除")

COURT_ACCEPT = Period("ENF-12", 5, DayKind.WORKING, basis("ENF-12"), "人民法院受理")

def court_ruling_due(cal: LawCalendar, accepted_on: date, hearing: bool) -> date:
    """ENF-12 (Art 57, 58): ruling within 7 working days of acceptance, or 30 days where the court hears."""

    return add_calendar_days(cal, accepted_on, 30) if hearing else add_working_days(cal, accepted_on, 7)

