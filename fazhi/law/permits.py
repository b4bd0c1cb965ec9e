"""行政许可 rules (legal-rules §A.8, §A.16: LIC-01..11; every period in working days, DAY-03 行政许可法 Art 82).

Pure functions over the law calendar: the clocks of an application (一次告知 within 5, decision within 20 (+10)
or 45 (+15) for joint handling, certificate within 10, publication within 7, renewal at least 30 before expiry),
the hearing pause (LIC-04/05), and the gates of the 城管 items (the road no-dig years and the 24-hour emergency
catch-up, LIC-09; replanting and 古树名木, LIC-10). Each refusal is a RuleViolation with its rule ID and basis.

The day of the triggering event is not counted (periods.py): a notice "within 5 days" of a receipt on day T is in
time on the 5th working day after T, and late on the 6th.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fazhi.law.basis import Basis
from fazhi.law.calendar import LawCalendar
from fazhi.law.laws import XZXK
from fazhi.law.periods import DayKind, Period, add_working_days, working_day_before, working_days_after
from fazhi.law.rules import violation

CORRECTION = Period("LIC-01", 5, DayKind.WORKING, Basis(XZXK, 32, 1, 4), "一次告知补正期限")
DECISION = Period("LIC-02", 20, DayKind.WORKING, Basis(XZXK, 42, 1), "许可决定期限")
EXTENSION_DAYS = 10
JOINT = Period("LIC-11", 45, DayKind.WORKING, Basis(XZXK, 42, 2), "联合办理期限")
JOINT_EXTENSION_DAYS = 15
CERTIFICATE = Period("LIC-03", 10, DayKind.WORKING, Basis(XZXK, 44), "颁发、送达许可证件期限")
PUBLICATION = Period("LIC-07", 7, DayKind.WORKING, Basis(XZXK, 40, note="双公示七个工作日"), "公示期限")
RENEWAL_DAYS = 30            # LIC-06: apply at least 30 (working) days before expiry, Art 50
HEARING_REQUEST_DAYS = 5     # LIC-05: the party asks within 5 days of being told (Art 47)
HEARING_ORGANISE_DAYS = 20   # LIC-05: the agency holds it within 20 days of the request (Art 47)
HEARING_NOTICE_DAYS = 7      # LIC-05: notice 7 days before the hearing (Art 48 (1))
NEW_ROAD_YEARS = 5           # LIC-09: 城市道路管理条例 Art 33 ¶2
REPAIRED_ROAD_YEARS = 3
EMERGENCY_HOURS = 24         # LIC-09: Art 34


def deemed_accepted(cal: LawCalendar, received_on: date, today: date) -> bool:
    """LIC-01: a window that did not tell the applicant everything missing within 5 WD of receipt has accepted the
    application from the day it received it."""
    return working_days_after(cal, received_on, today) > CORRECTION.length


def check_correction_notice(cal: LawCalendar, received_on: date, on: date, missing: list[str], told_before: bool) -> None:
    """LIC-01: the 补正 notice names every missing item at once (one notice), on the spot or within 5 WD."""
    if told_before:
        raise violation("LIC-01", "补正内容应当一次告知：本申请已告知过补正，不得再次要求补正")
    if not [m for m in missing if m.strip()]:
        raise violation("LIC-01", "补正告知应当列明需要补正的全部内容")
    if working_days_after(cal, received_on, on) > CORRECTION.length:
        due = CORRECTION.end(cal, received_on)
        raise violation("LIC-01", f"收到申请材料后五个工作日内（{due:%Y年%m月%d日}前）未一次告知补正，"
                                  f"自收到申请材料之日（{received_on:%Y年%m月%d日}）起即为受理，不得再要求补正",
                        due=due.isoformat())


@dataclass(frozen=True)
class DecisionClock:
    """The decision clock of one application: from acceptance, 20 (+10 approved) working days, or 45 (+15) for
    joint handling, plus the working days a hearing (or testing, expert review) paused it (LIC-04)."""

    accepted_on: date
    extended: bool = False
    paused_days: int = 0
    joint: bool = False

    @property
    def base(self) -> int:
        return JOINT.length if self.joint else DECISION.length

    @property
    def extra(self) -> int:
        return JOINT_EXTENSION_DAYS if self.joint else EXTENSION_DAYS

    @property
    def limit(self) -> int:
        return self.base + (self.extra if self.extended else 0)

    def due(self, cal: LawCalendar) -> date:
        return add_working_days(cal, self.accepted_on, self.limit + self.paused_days)

    def base_due(self, cal: LawCalendar) -> date:
        return add_working_days(cal, self.accepted_on, self.base + self.paused_days)

    def elapsed(self, cal: LawCalendar, on: date) -> int:
        """Working days counted on `on` (the paused days excluded)."""
        return max(0, working_days_after(cal, self.accepted_on, on) - self.paused_days)

    def days_late(self, cal: LawCalendar, on: date) -> int:
        return max(0, self.elapsed(cal, on) - self.limit)


def check_decision_in_time(cal: LawCalendar, clock: DecisionClock, on: date, late_reason: str = "") -> int:
    """LIC-02: a decision within the period, or later only with the reason why it is late recorded (a decision must
    still be made; the lateness stays on the record). Returns the working days late."""
    late = clock.days_late(cal, on)
    if late and not late_reason.strip():
        rule = "LIC-11" if clock.joint else "LIC-02"
        if clock.extended:
            raise violation(rule, f"已超过经批准延长后的{clock.limit}个工作日决定期限（逾期{late}个工作日）："
                                  f"逾期作出决定的，应当写明逾期原因")
        raise violation(rule, f"自受理之日起{clock.base}个工作日内未作出决定，且未经本机关负责人批准延长"
                              f"（已计{clock.elapsed(cal, on)}个工作日）：须先经负责人批准延长并告知申请人理由，"
                              f"或写明逾期原因")
    return late


def check_extension(cal: LawCalendar, clock: DecisionClock, on: date, reasons: str) -> date:
    """LIC-02: the extension is approved by the bureau's 负责人 within the first period, once, with the reasons
    sent to the applicant. Returns the new due day."""
    rule = "LIC-11" if clock.joint else "LIC-02"
    if clock.extended:
        raise violation(rule, "决定期限只能延长一次")
    if not reasons.strip():
        raise violation(rule, "延长决定期限应当写明理由，并将理由告知申请人")
    if clock.elapsed(cal, on) > clock.base:
        raise violation(rule, f"延长须在{clock.base}个工作日的决定期限内批准（届满日{clock.base_due(cal):%Y年%m月%d日}）")
    return DecisionClock(clock.accepted_on, True, clock.paused_days, clock.joint).due(cal)


def check_hearing(cal: LawCalendar, *, told_on: date, requested_on: date, notice_on: date, held_on: date,
                  presider: str, reviewers: set[str]) -> None:
    """LIC-05: requested within 5 WD of being told; held within 20 WD of the request; notified at least 7 WD
    before; presided by someone other than who reviews the application."""
    if requested_on < told_on:
        raise violation("LIC-05", "听证申请日期不得早于告知听证权利的日期")
    if working_days_after(cal, told_on, requested_on) > HEARING_REQUEST_DAYS:
        raise violation("LIC-05", f"申请人、利害关系人应当在被告知听证权利之日起五个工作日内提出听证申请"
                                  f"（{told_on:%Y年%m月%d日}告知，{requested_on:%Y年%m月%d日}申请）")
    if held_on < requested_on:
        raise violation("LIC-05", "听证日期不得早于听证申请日期")
    if working_days_after(cal, requested_on, held_on) > HEARING_ORGANISE_DAYS:
        raise violation("LIC-05", f"应当在收到听证申请之日起二十个工作日内组织听证"
                                  f"（最迟{add_working_days(cal, requested_on, HEARING_ORGANISE_DAYS):%Y年%m月%d日}）")
    last_notice = working_day_before(cal, held_on, HEARING_NOTICE_DAYS)
    if notice_on > last_notice:
        raise violation("LIC-05", f"应当于举行听证的七个工作日前通知申请人、利害关系人（最迟{last_notice:%Y年%m月%d日}）")
    if not presider.strip():
        raise violation("LIC-05", "应当指定听证主持人")
    if presider in reviewers:
        raise violation("LIC-05", "听证主持人应当是审查该许可申请的工作人员以外的人员")


def paused_days(cal: LawCalendar, start: date, end: date) -> int:
    """LIC-04: the working days a hearing (testing, expert review) took, from the day the count stopped to the day
    it ended, not counted in the decision period."""
    return working_days_after(cal, start, end)


def renewal_last_day(cal: LawCalendar, valid_until: date) -> date:
    """LIC-06: the last day to apply for renewal — the 30th working day before expiry."""
    return working_day_before(cal, valid_until, RENEWAL_DAYS)


def check_renewal_application(cal: LawCalendar, valid_until: date, on: date) -> None:
    if on > valid_until:
        raise violation("LIC-06", f"许可有效期已于{valid_until:%Y年%m月%d日}届满，不能申请延续，应当重新申请")
    last = renewal_last_day(cal, valid_until)
    if on > last:
        raise violation("LIC-06", f"应当在许可有效期届满三十个工作日前提出延续申请（最迟{last:%Y年%m月%d日}）")


def deemed_renewed(valid_until: date, applied: bool, decided: bool, today: date) -> bool:
    """LIC-06: a renewal applied for in time and not decided by expiry counts as granted."""
    return applied and not decided and today > valid_until


def check_renewal_decision(valid_until: date, on: date) -> None:
    if on > valid_until:
        raise violation("LIC-06", f"有效期（{valid_until:%Y年%m月%d日}）届满前未作出是否准予延续的决定，视为准予延续")


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def no_dig_until(road_done_on: date, major_repair: bool) -> date:
    """LIC-09: the last day of the no-dig window: 5 years after a new, widened or rebuilt road was opened, 3 after
    a major repair was completed (calendar years; the opening day not counted)."""
    return add_years(road_done_on, REPAIRED_ROAD_YEARS if major_repair else NEW_ROAD_YEARS)


def check_no_dig(road_done_on: date | None, major_repair: bool, dig_from: date, government_approval: str) -> None:
    """LIC-09: a road in its no-dig years is dug only with the approval of the city (county-level) government."""
    if road_done_on is None:
        return
    until = no_dig_until(road_done_on, major_repair)
    if dig_from <= until and not government_approval.strip():
        years = "大修竣工后3年" if major_repair else "交付使用后5年"
        raise violation("LIC-09", f"该道路{years}内（至{until:%Y年%m月%d日}）不得挖掘；因特殊情况需要挖掘的，"
                                  f"须经县级以上城市人民政府批准（请填写批准文件）")


def emergency_late_hours(dug_at: datetime, applied_at: datetime) -> int:
    """LIC-09: an emergency repair may break the road at once and completes approval within 24 hours; the hours
    by which the catch-up application came late (0 when in time)."""
    late = applied_at - dug_at - timedelta(hours=EMERGENCY_HOURS)
    return max(0, int(-(-late.total_seconds() // 3600)))


def check_trees(felling: bool, replanting: str, ancient: bool, government_approval: str) -> None:
    """LIC-10: felling is approved with replanting (or another remedy); a 古树名木 is moved only with the
    government's approval, and never felled."""
    if ancient and felling:
        raise violation("LIC-10", "严禁砍伐古树名木（城市绿化条例第二十四条）")
    if ancient and not government_approval.strip():
        raise violation("LIC-10", "迁移古树名木须经城市绿化行政主管部门审查同意，并报同级或者上级人民政府批准（请填写批准文件）")
    if felling and not replanting.strip():
        raise violation("LIC-10", "砍伐城市树木应当按照国家有关规定补植树木或者采取其他补救措施（请写明补植要求）")


def check_quantity(limit: float | None, unit: str, asked: float | None) -> None:
    """The item's quantity limit (Art 30 数量; the item's published conditions)."""
    if limit is not None and asked is not None and asked > limit:
        raise violation("LIC-ITEM", f"申请数量{asked:g}{unit}超过本事项的数量限制{limit:g}{unit}")


def fee(rate: float | None, quantity: float | None, days: int | None, per_day: bool) -> float:
    """LIC-08: the fee by the item's published standard (rate × quantity, × days where it is charged by day)."""
    if rate is None:
        return 0.0
    amount = rate * (quantity or 1.0) * ((days or 1) if per_day else 1)
    return round(amount, 2)


def check_fee(item_charges: bool, waived: bool, waiver_basis: str, receipt: str) -> None:
    """LIC-08: a fee only where a law or 行政法规 provides; paid to the treasury (a receipt); a waiver names its
    basis."""
    if not item_charges:
        raise violation("LIC-08", "本事项没有法律、行政法规规定的收费项目，不得收费")
    if waived and not waiver_basis.strip():
        raise violation("LIC-08", "减免收费应当写明依据")
    if not waived and not receipt.strip():
        raise violation("LIC-08", "许可收费应当全部上缴国库：请填写非税收入缴款书（票据）号码")
