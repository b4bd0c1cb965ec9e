"""Rules of the 行政处罚法 (2021) that gate a penalty case (§A.1 of the rules catalogue).

Every function is pure: it takes facts and returns a value, or raises RuleViolation with the rule's ID.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from fazhi.law.calendar import LawCalendar
from fazhi.law.money import yuan
from fazhi.law.periods import (
    DayKind,
    Period,
    Reckoned,
    add_calendar_days,
    add_months_raw,
    working_day_before,
    working_days_after,
)
from fazhi.law.rules import basis, violation


class PartyKind(StrEnum):
    CITIZEN = "citizen"          # 公民
    ORG = "org"                  # 法人或者其他组织

    @property
    def label(self) -> str:
        return {"citizen": "公民", "org": "法人或者其他组织"}[self.value]


class PenaltyKind(StrEnum):
    """PEN-33 (Art 9). 行政拘留 is deliberately absent: a 城管 bureau cannot impose it."""

    WARNING = "warning"
    CRITICISM = "criticism"
    FINE = "fine"
    CONFISCATE_INCOME = "confiscate_income"
    CONFISCATE_PROPERTY = "confiscate_property"
    SUSPEND_PERMIT = "suspend_permit"
    DOWNGRADE = "downgrade"
    REVOKE_PERMIT = "revoke_permit"
    RESTRICT_BUSINESS = "restrict_business"
    SUSPEND_BUSINESS = "suspend_business"
    CLOSE = "close"
    RESTRICT_PRACTICE = "restrict_practice"

    @property
    def label(self) -> str:
        return PENALTY_KIND_LABELS[self]


PENALTY_KIND_LABELS = {
    PenaltyKind.WARNING: "警告",
    PenaltyKind.CRITICISM: "通报批评",
    PenaltyKind.FINE: "罚款",
    PenaltyKind.CONFISCATE_INCOME: "没收违法所得",
    PenaltyKind.CONFISCATE_PROPERTY: "没收非法财物",
    PenaltyKind.SUSPEND_PERMIT: "暂扣许可证件",
    PenaltyKind.DOWNGRADE: "降低资质等级",
    PenaltyKind.REVOKE_PERMIT: "吊销许可证件",
    PenaltyKind.RESTRICT_BUSINESS: "限制开展生产经营活动",
    PenaltyKind.SUSPEND_BUSINESS: "责令停产停业",
    PenaltyKind.CLOSE: "责令关闭",
    PenaltyKind.RESTRICT_PRACTICE: "限制从业",
}


def parse_penalty_kinds(values: Iterable[str]) -> frozenset[PenaltyKind]:
    kinds = set()
    for v in values:
        if v in ("detention", "行政拘留"):
            raise violation("PEN-33", "城市管理部门无权实施行政拘留")
        try:
            kinds.add(PenaltyKind(v))
        except ValueError:
            raise violation("PEN-33", f"“{v}”不是法定的行政处罚种类")
    return frozenset(kinds)


@dataclass(frozen=True)
class Penalty:
    """A proposed or decided penalty. One fine at most per violation (PEN-23, Art 29): one `fine` field."""

    kinds: frozenset[PenaltyKind] = frozenset()
    fine: Decimal = Decimal("0.00")
    confiscated_income: Decimal = Decimal("0.00")
    confiscated_property_value: Decimal = Decimal("0.00")

    def __post_init__(self) -> None:
        object.__setattr__(self, "fine", yuan(self.fine))
        object.__setattr__(self, "confiscated_income", yuan(self.confiscated_income))
        object.__setattr__(self, "confiscated_property_value", yuan(self.confiscated_property_value))
        if self.fine < 0 or self.confiscated_income < 0 or self.confiscated_property_value < 0:
            raise violation("PEN-33", "罚没金额不得为负数")
        if (self.fine > 0) != (PenaltyKind.FINE in self.kinds):
            raise violation("PEN-23", "罚款种类与罚款金额不一致：每个违法行为只能有一个罚款金额")
        if not self.kinds:
            raise violation("PEN-33", "处罚决定至少应包含一种处罚种类")

    @property
    def label(self) -> str:
        parts = []
        for k in sorted(self.kinds, key=lambda k: list(PenaltyKind).index(k)):
            if k is PenaltyKind.FINE:
                parts.append(f"罚款人民币{self.fine:,.2f}元")
            elif k is PenaltyKind.CONFISCATE_INCOME and self.confiscated_income:
                parts.append(f"没收违法所得人民币{self.confiscated_income:,.2f}元")
            else:
                parts.append(k.label)
        return "；".join(parts)

    def severity_key(self) -> tuple[Decimal, ...]:
        """Orders penalties by how heavy they are, for PEN-09 (no heavier penalty after a statement).

        A penalty is heavier if it adds a kind or raises any amount; we compare kind-sets by inclusion."""
        return (self.fine, self.confiscated_income, self.confiscated_property_value)

    def is_heavier_than(self, other: Penalty) -> bool:
        if not self.kinds <= other.kinds:
            return True
        return any(a > b for a, b in zip(self.severity_key(), other.severity_key(), strict=True))


# --- PEN-01 / PEN-03: summary procedure --------------------------------------------------------------

SIMPLE_FINE_LIMIT = {PartyKind.CITIZEN: Decimal("200"), PartyKind.ORG: Decimal("3000")}
ON_SPOT_COLLECTION_LIMIT = Decimal("100")


def check_simple_procedure(party: PartyKind, penalty: Penalty, *, facts_certain: bool, has_legal_basis: bool) -> None:
    """PEN-01 (Art 51): facts certain, a legal basis, and only a warning or a fine within the limit."""
    if not facts_certain or not has_legal_basis:
        raise violation("PEN-01", "适用简易程序须违法事实确凿并有法定依据，否则应适用普通程序")
    allowed = {PenaltyKind.WARNING, PenaltyKind.FINE}
    if not penalty.kinds <= allowed:
        extra = "、".join(k.label for k in penalty.kinds - allowed)
        raise violation("PEN-01", f"简易程序只能给予警告或者罚款，不能给予{extra}，应适用普通程序")
    limit = SIMPLE_FINE_LIMIT[party]
    if penalty.fine > limit:
        raise violation(
            "PEN-01",
            f"对{party.label}当场罚款不得超过{limit:.0f}元（拟罚{penalty.fine:,.2f}元），应适用普通程序",
            limit=str(limit),
        )


def check_on_spot_collection(*, simple_procedure: bool, fine: Decimal, hard_to_collect: bool,
                             remote_area: bool, party_requested: bool, receipt_number: str) -> None:
    """PEN-03 (Art 68–70): 罚缴分离 is the rule; collecting on the spot is the narrow exception."""
    if not receipt_number:
        raise violation("PEN-03", "当场收缴罚款必须向当事人出具财政部门统一制发的专用票据，请填写票据号")
    if remote_area and party_requested:
        return  # Art 69: remote or hard-to-reach areas, either procedure, at the party's request.
    if not simple_procedure:
        raise violation("PEN-03", "普通程序作出的罚款不得当场收缴（偏远、水上、交通不便地区经当事人提出的除外），应由当事人到指定银行或通过电子支付缴纳")
    if yuan(fine) > ON_SPOT_COLLECTION_LIMIT and not hard_to_collect:
        raise violation("PEN-03", f"当场收缴仅限一百元以下罚款或不当场收缴事后难以执行的情形（本案罚款{yuan(fine):,.2f}元）")


COLLECTED_FINE_HANDOVER = Period("PEN-03", 2, DayKind.WORKING, basis("PEN-03"), "当场收缴罚款交至行政机关")


# --- PEN-04 / PEN-05: who may act ---------------------------------------------------------------------

def check_two_officers(certified_officer_ids: Iterable[int]) -> None:
    """PEN-04 (Art 42): at least two officers holding valid enforcement certificates."""
    n = len(set(certified_officer_ids))
    if n < 2:
        raise violation("PEN-04", f"执法人员不得少于两人且须持有有效行政执法证件（当前{n}人）")


def check_not_recused(staff_id: int, recused_ids: Iterable[int]) -> None:
    """PEN-05 (Art 43): an officer whose recusal was granted may not act in the case."""
    if staff_id in set(recused_ids):
        raise violation("PEN-05", "该执法人员已决定回避，不得参与本案调查、审核或决定")


# --- PEN-06 / PEN-07 / PEN-20: filing, decision deadline, preservation, limitation ------------------------

DECISION_PERIOD = Period("PEN-06", 90, DayKind.CALENDAR, basis("PEN-06"), "作出行政处罚决定")
PRESERVATION_PERIOD = Period("PEN-07", 7, DayKind.WORKING, basis("PEN-07"), "先行登记保存物品处理决定")


def decision_deadline(cal: LawCalendar, filed_on: date, extension_days: int = 0) -> date:
    """PEN-06: 90 calendar days from 立案 (DAY-05), plus any extension approved by the 负责人."""
    return add_calendar_days(cal, filed_on, DECISION_PERIOD.length + extension_days)


def decision_deadline_reckoned(cal: LawCalendar, filed_on: date, extension_days: int = 0) -> Reckoned:
    """PEN-06 as far as the calendar allows: the unrolled 90th day at once, marked provisional while the roll
    depends on a year whose holiday table is not yet entered (DAY-07)."""
    return Period("PEN-06", DECISION_PERIOD.length + extension_days, DayKind.CALENDAR, basis("PEN-06"),
                  DECISION_PERIOD.label).reckon(cal, filed_on)


def check_decision_in_time(cal: LawCalendar, filed_on: date, on: date, extension_days: int = 0) -> None:
    """PEN-06: refuse a decision after the 90-day period (+ approved extension).

    A decision on or before the unrolled last day is in time whatever the holidays are (rolling only
    lengthens a period), so the calendar is consulted only past that day — a case filed in November can be
    decided in December before next year's holiday notice is out."""
    raw_end = filed_on + timedelta(days=DECISION_PERIOD.length + extension_days)
    if on <= raw_end:
        return
    limit = decision_deadline(cal, filed_on, extension_days)
    if on > limit:
        raise violation("PEN-06", f"应当自立案之日起九十日内作出行政处罚决定（期限{limit:%Y年%m月%d日}），"
                                  "已超期且未经批准延长", due=limit.isoformat())


LIMITATION_YEARS = 2
LIMITATION_YEARS_SERIOUS = 5


def limitation_ends(act_ended_on: date, *, life_health_or_finance_harm: bool) -> date:
    """PEN-20 (Art 36): the last day on which the violation may still be discovered.

    Counted from the day the act was done, or ended if continuing. Not rolled past rest days: discovery is a
    fact, not a step a party must take, and rolling would lengthen exposure to penalty."""
    years = LIMITATION_YEARS_SERIOUS if life_health_or_finance_harm else LIMITATION_YEARS
    return add_months_raw(act_ended_on, 12 * years)


def check_limitation(act_ended_on: date, discovered_on: date, *, life_health_or_finance_harm: bool = False) -> None:
    last = limitation_ends(act_ended_on, life_health_or_finance_harm=life_health_or_finance_harm)
    if discovered_on > last:
        years = LIMITATION_YEARS_SERIOUS if life_health_or_finance_harm else LIMITATION_YEARS
        raise violation(
            "PEN-20",
            f"违法行为自{act_ended_on:%Y年%m月%d日}起{years}年内未被发现（{discovered_on:%Y年%m月%d日}方发现），依法不再给予行政处罚，不得立案",
            last_day=last.isoformat(),
        )
    if discovered_on < act_ended_on:
        raise violation("CASE-DATE", "发现日期不得早于违法行为发生（终了）日期")


# --- PEN-08 / PEN-09: notice and statement ------------------------------------------------------------

def check_notice_given(*, notified: bool, statement_done: bool, waived: bool, statement_window_over: bool) -> None:
    """PEN-08 (Art 44, 62): no decision without notice, nor without hearing the party unless it waived."""
    if not notified:
        raise violation("PEN-08", "未向当事人告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、听证权利，不得作出行政处罚决定")
    if not (statement_done or waived or statement_window_over):
        raise violation("PEN-08", "当事人陈述、申辩期限尚未届满且未明确放弃权利，不得作出行政处罚决定")


def check_not_heavier(proposed: Penalty, final: Penalty, *, renotified: bool) -> None:
    """PEN-09 (Art 45 ¶2): the final penalty may not exceed the one in the notice unless the party was
    notified again (new facts → a new 告知)."""
    if final.is_heavier_than(proposed) and not renotified:
        raise violation(
            "PEN-09",
            f"处罚决定（{final.label}）重于告知书拟处罚内容（{proposed.label}）。不得因当事人陈述、申辩加重处罚；如有新的事实，应重新告知",
        )


# --- PEN-10 / PEN-11: hearing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class HearingThresholds:
    """较大数额 is set locally (PEN-10). Inclusive: "以上" includes the number itself (刑法 Art 99 usage,
    followed by local rules). `source` is shown to the user beside the values."""

    fine_citizen: Decimal
    fine_org: Decimal
    confiscation_citizen: Decimal
    confiscation_org: Decimal
    source: str


# Default: the Hunan provincial values quoted in the catalogue (PEN-10, tag S: pre-2021 text, currency unknown).
DEFAULT_HEARING_THRESHOLDS = HearingThresholds(
    Decimal("1000"), Decimal("20000"), Decimal("1000"), Decimal("20000"),
    "湖南省较大数额标准（公民1000元、法人或其他组织20000元以上；2021年前文件，现行效力待本局核实）",
)

HEARING_KINDS = {
    PenaltyKind.DOWNGRADE, PenaltyKind.REVOKE_PERMIT, PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.CLOSE,
    PenaltyKind.RESTRICT_PRACTICE, PenaltyKind.RESTRICT_BUSINESS,
}


def hearing_reasons(party: PartyKind, penalty: Penalty, t: HearingThresholds) -> list[str]:
    """PEN-10 (Art 63): why the party has the right to a hearing (empty list: no right)."""
    reasons = []
    fine_limit = t.fine_citizen if party is PartyKind.CITIZEN else t.fine_org
    conf_limit = t.confiscation_citizen if party is PartyKind.CITIZEN else t.confiscation_org
    if penalty.fine >= fine_limit:
        reasons.append(f"较大数额罚款（{penalty.fine:,.2f}元，标准{fine_limit:,.2f}元以上）")
    confiscated = penalty.confiscated_income + penalty.confiscated_property_value
    if confiscated >= conf_limit:
        reasons.append(f"没收较大数额违法所得或较大价值非法财物（{confiscated:,.2f}元）")
    for k in sorted(penalty.kinds & HEARING_KINDS, key=lambda k: k.value):
        reasons.append(k.label)
    return reasons


HEARING_REQUEST_PERIOD = Period("PEN-11", 5, DayKind.WORKING, basis("PEN-11"), "当事人申请听证")
HEARING_NOTICE_PERIOD = Period("PEN-11", 7, DayKind.WORKING, basis("PEN-11"), "听证通知提前送达")


def check_hearing_request(cal: LawCalendar, notified_on: date, requested_on: date) -> None:
    """PEN-11 (Art 64(1)): the request must come within 5 working days of the notice (DAY-01)."""
    n = working_days_after(cal, notified_on, requested_on)
    if n > HEARING_REQUEST_PERIOD.length:
        raise violation(
            "PEN-11",
            f"当事人应在告知后五个工作日内提出听证申请；本申请为告知后第{n}个工作日，已逾期",
            working_day=n,
        )


def check_hearing_schedule(cal: LawCalendar, notice_on: date, hearing_on: date) -> None:
    """PEN-11 (Art 64(2)): the party is notified "七日前" of the hearing (7 working days, DAY-01), counted back
    from the hearing with the hearing day not counted (DAY-05): the notice is in time on or before the 7th working
    day before the hearing, so a hearing on the 7th working day after the notice is allowed."""
    if hearing_on <= notice_on:
        raise violation("PEN-11", "听证日期应当在听证通知之后")
    last = working_day_before(cal, hearing_on, HEARING_NOTICE_PERIOD.length)
    if notice_on > last:
        between = working_days_after(cal, notice_on, hearing_on)
        raise violation(
            "PEN-11",
            f"应当在举行听证的七日（工作日）前通知当事人：听证定于{hearing_on:%Y年%m月%d日}，通知最迟应于"
            f"{last:%Y年%m月%d日}送达；听证日仅为通知后第{between}个工作日",
            last_notice_day=last.isoformat(),
        )


def check_presider(presider_id: int, investigator_ids: Iterable[int]) -> None:
    """PEN-11 (Art 64(4)): the presider is designated from staff who did not investigate the case."""
    if presider_id in set(investigator_ids):
        raise violation("PEN-11", "听证由行政机关指定的非本案调查人员主持，本案调查人员不得担任主持人")


# --- PEN-12 / LRV / PEN-13: legal review and collective deliberation ----------------------------------

@dataclass(frozen=True)
class MajorCasePolicy:
    """The bureau's 重大执法决定 list (LRV-04) and which general-procedure cases it reviews (LRV-01)."""

    major_fine_citizen: Decimal
    major_fine_org: Decimal
    review_all_general: bool
    deliberate_major: bool
    source: str


# No Hunan or 株洲 重大执法决定目录 could be verified, and another city's list does not bind a 株洲 bureau, so
# the default is marked as an example only: the bureau sets its own list (国办发〔2018〕118号) and its source.
DEFAULT_MAJOR_POLICY = MajorCasePolicy(
    Decimal("10000"), Decimal("100000"), review_all_general=False, deliberate_major=True,
    source="示例默认值（非任何机关发布的标准）：罚款公民1万元以上、法人或其他组织10万元以上；"
           "本局应按自己制定的重大执法决定事项目录修改并填写其名称和文号",
)


@dataclass(frozen=True)
class CaseFlags:
    """Facts about a case that trigger review or deliberation. Set by the investigator, visible to all."""

    major_public_interest: bool = False           # 涉及重大公共利益
    major_social_impact: bool = False             # 可能造成重大社会影响或引发社会风险 (LRV-01)
    affects_major_rights: bool = False            # 直接关系当事人或第三人重大权益
    complex: bool = False                         # 案件情况疑难复杂、涉及多个法律关系
    other_legal_requirement: bool = False         # 法律、法规规定的其他情形
    mitigated: bool = False                       # 减轻处罚 (LRV-04 example list)


def legal_review_reasons(party: PartyKind, penalty: Penalty | None, flags: CaseFlags, *, hearing_held: bool,
                         policy: MajorCasePolicy) -> list[str]:
    """PEN-12 (Art 58) plus LRV-01 (118号) plus the bureau's LRV-04 list: why 法制审核 is required."""
    r = []
    if flags.major_public_interest:
        r.append("涉及重大公共利益（行政处罚法第五十八条第一款第一项）")
    if flags.affects_major_rights and hearing_held:
        r.append("直接关系当事人或者第三人重大权益，经过听证程序（第五十八条第一款第二项）")
    elif hearing_held:
        r.append("经过听证程序（国办发〔2018〕118号）")
    if flags.complex:
        r.append("案件情况疑难复杂、涉及多个法律关系（第五十八条第一款第三项）")
    if flags.other_legal_requirement:
        r.append("法律、法规规定应当进行法制审核的其他情形（第五十八条第一款第四项）")
    if flags.major_social_impact:
        r.append("可能造成重大社会影响或引发社会风险（国办发〔2018〕118号）")
    if flags.affects_major_rights and not hearing_held:
        r.append("直接关系当事人或者第三人重大权益（国办发〔2018〕118号）")
    r.extend(major_reasons(party, penalty, flags, policy))
    if policy.review_all_general and not r:
        r.append("本局规定普通程序案件均须法制审核")
    return r


def major_reasons(party: PartyKind, penalty: Penalty | None, flags: CaseFlags, policy: MajorCasePolicy) -> list[str]:
    """LRV-04: the bureau's list of 重大 decisions (configuration with its source)."""
    r = []
    if penalty is not None:
        limit = policy.major_fine_citizen if party is PartyKind.CITIZEN else policy.major_fine_org
        if penalty.fine >= limit:
            r.append(f"本局重大执法决定目录：罚款{limit:,.0f}元以上")
        heavy = penalty.kinds & {PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.REVOKE_PERMIT, PenaltyKind.CLOSE}
        if heavy:
            r.append("本局重大执法决定目录：" + "、".join(k.label for k in sorted(heavy, key=lambda k: k.value)))
    if flags.mitigated:
        r.append("本局重大执法决定目录：减轻处罚")
    return r


def deliberation_reasons(party: PartyKind, penalty: Penalty | None, flags: CaseFlags,
                         policy: MajorCasePolicy) -> list[str]:
    """PEN-13 (Art 57 ¶2): 情节复杂 or 重大 violations are decided collectively by the 负责人."""
    r = []
    if flags.complex:
        r.append("情节复杂")
    if policy.deliberate_major:
        r.extend(major_reasons(party, penalty, flags, policy))
    return r


def check_reviewer_qualified(*, is_legal_reviewer: bool, has_legal_qualification: bool, reviewed_before: bool) -> None:
    """PEN-12 (Art 58 ¶2): legal reviewers; a first-time reviewer must hold 法律职业资格."""
    if not is_legal_reviewer:
        raise violation("PEN-12", "法制审核应由本机关法制审核人员进行")
    if not has_legal_qualification and not reviewed_before:
        raise violation("PEN-12", "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格")


# --- PEN-14 / PEN-21 / PEN-22: outcomes and grounds ---------------------------------------------------

class Outcome(StrEnum):
    """PEN-14 (Art 57 ¶1): what an investigation may end in."""

    PENALTY = "penalty"                    # 确有应受行政处罚的违法行为 → 给予处罚
    NO_PENALTY_MINOR = "no_penalty_minor"  # 违法行为轻微，依法可以不予处罚
    UNFOUNDED = "unfounded"                # 违法事实不能成立，不予处罚
    TRANSFER = "transfer"                  # 涉嫌犯罪，移送司法机关

    @property
    def label(self) -> str:
        return {"penalty": "给予行政处罚", "no_penalty_minor": "不予行政处罚（违法行为轻微等法定情形）",
                "unfounded": "不予行政处罚（违法事实不能成立）", "transfer": "移送司法机关"}[self.value]


class NoPenaltyGround(StrEnum):
    """PEN-21: the legal grounds for not imposing a penalty."""

    MINOR_CORRECTED = "minor_corrected"    # Art 33 ¶1 s1: 轻微并及时改正，没有造成危害后果 (应当)
    FIRST_OFFENCE = "first_offence"        # Art 33 ¶1 s2: 初次违法且危害后果轻微并及时改正 (可以)
    NO_FAULT = "no_fault"                  # Art 33 ¶2: 有证据足以证明没有主观过错
    UNDER_14 = "under_14"                  # Art 30: 不满十四周岁
    MENTAL = "mental"                      # Art 31: 精神病人、智力残疾人不能辨认或控制
    UNFOUNDED = "unfounded"                # Art 57 ¶1(3): 违法事实不能成立

    @property
    def label(self) -> str:
        return NO_PENALTY_GROUNDS[self][0]

    @property
    def article(self) -> tuple[int, int | None]:
        return NO_PENALTY_GROUNDS[self][1]


NO_PENALTY_GROUNDS = {
    NoPenaltyGround.MINOR_CORRECTED: ("违法行为轻微并及时改正，没有造成危害后果", (33, 1)),
    NoPenaltyGround.FIRST_OFFENCE: ("初次违法且危害后果轻微并及时改正（首违不罚）", (33, 1)),
    NoPenaltyGround.NO_FAULT: ("当事人有证据足以证明没有主观过错", (33, 2)),
    NoPenaltyGround.UNDER_14: ("不满十四周岁的未成年人", (30, None)),
    NoPenaltyGround.MENTAL: ("精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为", (31, None)),
    NoPenaltyGround.UNFOUNDED: ("违法事实不能成立", (57, 1)),
}


def check_no_penalty_ground(outcome: Outcome, ground: str | None, *,
                            exemption_entry: str = "") -> NoPenaltyGround | None:
    """PEN-21: a 不予处罚 outcome must name its legal ground (or an entry on the bureau's 免罚清单)."""
    if outcome not in (Outcome.NO_PENALTY_MINOR, Outcome.UNFOUNDED):
        return None
    if not ground and not exemption_entry:
        raise violation("PEN-21", "不予行政处罚应当载明法定理由（行政处罚法第三十条、第三十一条、第三十三条或第五十七条）或免罚清单事项")
    if not ground:
        return None
    try:
        g = NoPenaltyGround(ground)
    except ValueError:
        raise violation("PEN-21", f"“{ground}”不是法定的不予处罚理由")
    if outcome is Outcome.UNFOUNDED and g is not NoPenaltyGround.UNFOUNDED:
        raise violation("PEN-21", "违法事实不能成立的，不予处罚理由应为“违法事实不能成立”")
    if outcome is Outcome.NO_PENALTY_MINOR and g is NoPenaltyGround.UNFOUNDED:
        raise violation("PEN-21", "违法行为轻微等不予处罚情形不能以“违法事实不能成立”为理由")
    return g


# Art 33 ¶1: the facts each 不予处罚 ground needs, all of them established and recorded (首违不罚 included).
NO_PENALTY_CONDITIONS: dict[NoPenaltyGround, tuple[str, ...]] = {
    NoPenaltyGround.MINOR_CORRECTED: ("违法行为轻微", "及时改正", "没有造成危害后果"),
    NoPenaltyGround.FIRST_OFFENCE: ("初次违法", "危害后果轻微", "及时改正"),
}
ALL_NO_PENALTY_CONDITIONS = tuple(dict.fromkeys(c for cs in NO_PENALTY_CONDITIONS.values() for c in cs))


def check_no_penalty_conditions(ground: NoPenaltyGround | None, met: Iterable[str] | None) -> list[str]:
    """PEN-21 (Art 33 ¶1): 不予处罚 for a minor or first violation only when each of its conditions is recorded as
    established; returns the conditions that apply to the ground, in the law's order."""
    needed = NO_PENALTY_CONDITIONS.get(ground, ()) if ground else ()
    met = set(met or ())
    unknown = met - set(ALL_NO_PENALTY_CONDITIONS)
    if unknown:
        raise violation("PEN-21", "不予处罚条件应为：" + "、".join(ALL_NO_PENALTY_CONDITIONS))
    missing = [c for c in needed if c not in met]
    if missing:
        raise violation("PEN-21", f"以“{ground.label if ground else ''}”不予处罚，应当查明并记录：" + "、".join(missing),
                        missing=missing)
    return [c for c in needed]


def check_education_given(education: str) -> None:
    """PEN-21 (Art 33 ¶3): a violation not penalised is met with education, recorded in the decision."""
    if not education.strip():
        raise violation("PEN-21", "依法不予行政处罚的，应当对当事人进行教育，请记录教育的方式和内容（行政处罚法第三十三条第三款）")


class MitigationGround(StrEnum):
    """PEN-22 (Art 32) and Art 30 (age 14–18): grounds that make 从轻 or 减轻 mandatory."""

    ELIMINATED_HARM = "eliminated_harm"    # 主动消除或者减轻违法行为危害后果
    COERCED = "coerced"                    # 受他人胁迫或者诱骗
    CONFESSED = "confessed"                # 主动供述行政机关尚未掌握的违法行为
    MERITORIOUS = "meritorious"            # 配合查处有立功表现
    MINOR_14_18 = "minor_14_18"            # 已满十四周岁不满十八周岁
    OTHER_LAW = "other_law"                # 法律、法规、规章规定的其他情形


# --- PEN-15: decision contents --------------------------------------------------------------------------

DECISION_ELEMENTS = {
    "party_name": "当事人的姓名或者名称",
    "party_address": "当事人的地址",
    "facts": "违反法律、法规、规章的事实",
    "evidence": "证据",
    "penalty": "行政处罚的种类",
    "legal_basis": "行政处罚的依据",
    "performance": "行政处罚的履行方式和期限",
    "remedy": "申请行政复议、提起行政诉讼的途径和期限",
    "authority": "作出行政处罚决定的行政机关名称",
    "decided_on": "作出决定的日期",
    "seal": "行政机关的印章",
}


def check_decision_elements(elements: dict[str, object]) -> None:
    """PEN-15 (Art 59): every element must be present, or the decision may not be issued."""
    missing = [label for key, label in DECISION_ELEMENTS.items() if not elements.get(key)]
    if missing:
        raise violation("PEN-15", "行政处罚决定书缺少法定事项：" + "、".join(missing), missing=missing)


def check_correction_order(outcome: Outcome, correction_order: str) -> None:
    """PEN-31 (Art 28): a penalty comes with an order to correct the violation."""
    if outcome is Outcome.PENALTY and not correction_order.strip():
        raise violation("PEN-31", "实施行政处罚时，应当责令当事人改正或者限期改正违法行为，请填写责令改正内容")


# --- PEN-16 / PEN-17 / PEN-18: service, payment, late fee ----------------------------------------------

class ServiceMethod(StrEnum):
    ON_SPOT = "on_spot"          # 宣告后当场交付
    DIRECT = "direct"            # 直接送达
    LEFT = "left"                # 留置送达
    POST = "post"                # 邮寄送达
    ENTRUSTED = "entrusted"      # 委托送达
    PUBLIC_NOTICE = "public"     # 公告送达
    ELECTRONIC = "electronic"    # 传真、电子邮件等 (requires consent + 确认书)

    @property
    def label(self) -> str:
        return {"on_spot": "宣告后当场交付", "direct": "直接送达", "left": "留置送达", "post": "邮寄送达",
                "entrusted": "委托送达", "public": "公告送达", "electronic": "电子送达"}[self.value]


SERVICE_PERIOD = Period("PEN-16", 7, DayKind.WORKING, basis("PEN-16"), "送达行政处罚决定书")
PUBLIC_NOTICE_DAYS = 30  # 民事诉讼法 Art 95: deemed served 30 days after the notice is issued.
PAYMENT_PERIOD = Period("PEN-17", 15, DayKind.CALENDAR, basis("PEN-17"), "缴纳罚款")


def check_service_method(method: ServiceMethod, *, party_consented: bool, confirmation_signed: bool) -> None:
    """PEN-16 (Art 61 ¶2): fax or e-mail only with consent and a signed 送达地址确认书."""
    if method is ServiceMethod.ELECTRONIC and not (party_consented and confirmation_signed):
        raise violation("PEN-16", "采用传真、电子邮件等方式送达，须当事人同意并签订确认书")


def check_left_service(*, party_is_org: bool, refusal_reason: str, refused_by: str, witnesses: Sequence[str],
                       recorded: bool) -> None:
    """PEN-16 (Art 61, applying 民事诉讼法 Art 89): 留置送达 needs the refusal written on the 送达回证 — its 事由 and
    who refused (for an organisation, the person who refused for it: 民事诉讼法 Art 88 names who receives for it) —
    and either a witness invited to the scene (a 基层组织 or the party's unit) who signs, or the process recorded by
    photo or video."""
    if not refusal_reason.strip():
        raise violation("PEN-16", "留置送达应当在送达回证上记明拒收事由（民事诉讼法第八十九条）")
    if party_is_org and not refused_by.strip():
        raise violation("PEN-16", "受送达人是单位的，留置送达应当记明拒收人（法定代表人、主要负责人或者负责收件的人）及其职务")
    if not any(w.strip() for w in witnesses) and not recorded:
        raise violation("PEN-16", "留置送达应当邀请见证人到场并在送达回证上签名，或者采用拍照、录像等方式记录送达过程"
                                  "（民事诉讼法第八十九条）")


def effective_service_date(method: ServiceMethod, on: date) -> date:
    """The date the party is deemed to have received the decision."""
    if method is ServiceMethod.PUBLIC_NOTICE:
        return on + timedelta(days=PUBLIC_NOTICE_DAYS)
    return on


LATE_FEE_RATE = Decimal("0.03")


@dataclass(frozen=True)
class Pause:
    """A span when no late fee accrues (PEN-18: 复议/诉讼 pending; an approved 暂缓). `end` None = ongoing."""

    start: date
    end: date | None = None


def late_fee_days(due: date, as_of: date, pauses: Iterable[Pause] = ()) -> int:
    """Days of default after the due date up to `as_of`, excluding paused days (PEN-18)."""
    if as_of <= due:
        return 0
    days = 0
    d = due + timedelta(days=1)
    pauses = list(pauses)
    while d <= as_of:
        if not any(p.start <= d and (p.end is None or d <= p.end) for p in pauses):
            days += 1
        d += timedelta(days=1)
    return days


def late_fee(fine: Decimal, due: date, as_of: date, pauses: Iterable[Pause] = ()) -> Decimal:
    """PEN-18 (Art 72(1)): 3% of the fine per day in default, never more than the fine itself."""
    fine = yuan(fine)
    n = late_fee_days(due, as_of, pauses)
    return min(yuan(fine * LATE_FEE_RATE * n), fine)


# --- PEN-26 / PEN-27: evidence ---------------------------------------------------------------------------

class EvidenceKind(StrEnum):
    DOCUMENTARY = "documentary"          # 书证
    PHYSICAL = "physical"                # 物证
    AUDIOVISUAL = "audiovisual"          # 视听资料
    ELECTRONIC = "electronic"            # 电子数据
    WITNESS = "witness"                  # 证人证言
    PARTY_STATEMENT = "party_statement"  # 当事人的陈述
    EXPERT = "expert"                    # 鉴定意见
    INSPECTION = "inspection"            # 勘验笔录、现场笔录

    @property
    def label(self) -> str:
        return {"documentary": "书证", "physical": "物证", "audiovisual": "视听资料", "electronic": "电子数据",
                "witness": "证人证言", "party_statement": "当事人的陈述", "expert": "鉴定意见",
                "inspection": "勘验笔录、现场笔录"}[self.value]


def parse_evidence_kind(value: str) -> EvidenceKind:
    try:
        return EvidenceKind(value)
    except ValueError:
        raise violation("PEN-26", f"“{value}”不是行政处罚法第四十六条规定的证据种类")


# Kinds whose item may be a 笔录 (a 询问笔录 is a statement, a 听证笔录 records the party's case); 勘验笔录 and 现场笔录
# are 笔录 by their kind (Art 46).
STATEMENT_KINDS = (EvidenceKind.PARTY_STATEMENT, EvidenceKind.WITNESS)


def is_record(kind: EvidenceKind, title: str) -> bool:
    """Whether an item of evidence is a 笔录 (询问、勘验、现场、听证笔录): by its kind, or a statement named 笔录."""
    return kind is EvidenceKind.INSPECTION or (kind in STATEMENT_KINDS and "笔录" in title)


def check_record_made(kind: EvidenceKind, title: str, has_record: bool) -> None:
    """PEN-04 (Art 42, 55): a 笔录 names the officers who made it (at least two, certified), whom they questioned or
    who was present, and when it started and ended — every 笔录, not only those posted as one."""
    if is_record(kind, title) and not has_record:
        what = "勘验笔录、现场笔录" if kind is EvidenceKind.INSPECTION else f"“{title.strip()}”"
        raise violation("PEN-04", f"{what}应当按笔录登记：载明制作笔录的执法人员（不少于二名持证人员）、"
                                  "被询问人或在场人以及开始和结束时间")


def check_monitoring_evidence_reviewed(unreviewed_count: int) -> None:
    """PEN-27 (Art 41 ¶2): a monitoring-device record not reviewed for accuracy cannot be evidence."""
    if unreviewed_count:
        raise violation("PEN-27", f"有{unreviewed_count}条电子技术监控设备记录未经审核，不得作为处罚证据")

