"""行政复议答复 and 行政应诉 as pure rules (legal-rules §A.5 REV-04..10, §A.12 DSP-01..08). No Django.

The clocks run on the law calendar from the day the bureau *received* the document (DSP-02, DSP-04): a 复议 answer
in working days (复议法 Art 48, 54, 88 ¶2), a court defence, an appeal and a correction report in calendar days
rolled past rest days (DAY-05), a 检察建议 reply in months. Who counts as a 负责人 in court (REV-10, DSP-06), which
result corrects the bureau (REV-07, DSP-08) and what a lawsuit's final result is across its 审级 are decided here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import DayKind, Period, working_day_before
from fazhi.law.remedies import APPEAL_RESULTS, CORRECTING, DECISION_CHANGING, RULED
from fazhi.law.rules import basis, violation


class DisputeKind(StrEnum):
    RECONSIDERATION = "reconsideration"  # 行政复议 (the bureau is 被申请人)
    LAWSUIT = "lawsuit"                  # 行政诉讼 (the bureau is 被告)
    COMPENSATION = "compensation"        # 行政赔偿 (诉讼 or 复议 for compensation; a lawsuit's clocks)


KIND_LABELS = {DisputeKind.RECONSIDERATION: "行政复议", DisputeKind.LAWSUIT: "行政诉讼",
               DisputeKind.COMPENSATION: "行政赔偿"}


class ActKind(StrEnum):
    """DSP-01: what a dispute may concern (复议法 Art 11; 行诉法 Art 12)."""

    PENALTY = "penalty"        # 行政处罚决定
    INSPECTION = "inspection"  # 行政检查
    PERMIT = "permit"          # 行政许可决定
    INACTION = "inaction"      # 不履行法定职责（申请责令履职）
    OTHER = "other"            # 其他行政行为（强制措施等）


ACT_LABELS = {ActKind.PENALTY: "行政处罚决定", ActKind.INSPECTION: "行政检查", ActKind.PERMIT: "行政许可决定",
              ActKind.INACTION: "不履行法定职责（责令履职）", ActKind.OTHER: "其他行政行为"}


# --- clocks ---------------------------------------------------------------------------------------------------

ANSWER = Period("REV-04", 10, DayKind.WORKING, basis("REV-04"), "提出行政复议书面答复并提交证据、依据")
ANSWER_SIMPLE = Period("REV-04", 5, DayKind.WORKING, basis("REV-04"), "提出行政复议书面答复（简易程序）")
DEFENCE = Period("REV-09", 15, DayKind.CALENDAR, basis("REV-09"), "提交答辩状及作出行政行为的证据和依据")
APPEAL_JUDGMENT = Period("DSP-05", 15, DayKind.CALENDAR, basis("DSP-05"), "不服第一审判决提起上诉")
APPEAL_RULING = Period("DSP-05", 10, DayKind.CALENDAR, basis("DSP-05"), "不服第一审裁定提起上诉")
CORRECTION_REPORT = Period("DSP-07", 60, DayKind.CALENDAR, basis("DSP-07"), "报送纠正违法或不当行政行为的情况")
PROCURATORATE_REPLY = Period("DSP-07", 2, DayKind.MONTHS, basis("DSP-07"), "书面回复检察建议")
HEARING_NOTICE_WD = 5  # DSP-03: the 复议 hearing notice goes out five (working) days ahead (复议法 Art 51, 88 ¶2)

# What missing each clock means, shown beside its due date on the board (DSP-02 asks for it on the due date).
CONSEQUENCES = {
    "answer": "逾期未提出书面答复、提交证据和依据的，视为该行政行为没有证据、依据，复议机关决定撤销、确认违法或责令履行"
              "（行政复议法第七十条）",
    "defence": "逾期不提供证据的，视为被诉行政行为没有相应证据（行政诉讼法第三十四条第二款）",
    "appeal": "逾期不上诉的，第一审判决、裁定发生法律效力（行政诉讼法第八十五条）",
    "correction": "逾期未报送纠正情况的，复议机关可责令限期履行、约谈负责人或通报批评（行政复议法第七十七条）",
    "procuratorate": "逾期未书面回复的，检察院可跟进监督并向上级机关通报（人民检察院检察建议工作规定）",
    "judicial": "未按本局规定期限回复的，计入司法建议未按期办复",
    "hearing": "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（行政复议法第五十一条）",
}


def answer_period(kind: str, simple: bool = False) -> Period:
    """REV-04 (10 WD; 5 WD under the 复议 简易程序, REV-05) for a 复议; REV-09 (15 days) for a lawsuit."""
    if kind == DisputeKind.RECONSIDERATION:
        return ANSWER_SIMPLE if simple else ANSWER
    return DEFENCE


def appeal_period(judgment: bool) -> Period:
    """DSP-05: 15 days from service of a 一审 judgment, 10 days of a ruling (行诉法 Art 85)."""
    return APPEAL_JUDGMENT if judgment else APPEAL_RULING


def simple_eligible(*, on_the_spot: bool, warning_only: bool, amount: Decimal | int | None) -> bool:
    """REV-05 (复议法 Art 53): acts made on the spot, 警告/通报批评, or amounts of 3,000 yuan or less."""
    return on_the_spot or warning_only or (amount is not None and amount <= 3000)


def hearing_notice_in_time(cal: LawCalendar, notice_on: date, hearing_on: date) -> bool:
    """DSP-03: the notice is in time when sent on or before the 5th working day before the hearing, counting back
    as every "N日前" period does (periods.working_day_before)."""
    return notice_on <= working_day_before(cal, hearing_on, HEARING_NOTICE_WD)


# --- the answer package -----------------------------------------------------------------------------------------

def check_answer_package(kind: str, *, document: str, evidence_count: int, basis_text: str) -> None:
    """DSP-02/DSP-04: the 答复书 (复议) or 答辩状 (诉讼) with the evidence and the normative basis of the act; each
    part missing is named."""
    rule = "DSP-02" if kind == DisputeKind.RECONSIDERATION else "DSP-04"
    doc = "行政复议答复书" if kind == DisputeKind.RECONSIDERATION else "答辩状"
    missing = [what for what, ok in ((doc, bool(document.strip())), ("证据清单（至少一项证据）", evidence_count > 0),
                                     ("作出行政行为的依据", bool(basis_text.strip()))) if not ok]
    if missing:
        raise violation(rule, "答复材料不全，不能标记为已提交：缺少" + "、".join(missing))


def collected_after_act(act_on: date | None, collected_on: date | None) -> bool:
    """DSP-04 (行诉法 Art 34, 35): evidence gathered after the act was made does not show the act lawful."""
    return bool(act_on and collected_on and collected_on > act_on)


# --- who counts in court (REV-10, DSP-06) --------------------------------------------------------------------------

class Position(StrEnum):
    PRINCIPAL = "principal"              # 正职负责人
    DEPUTY = "deputy"                    # 副职负责人
    IN_CHARGE = "in_charge"              # 分管被诉行为的副职级负责人
    OTHER_IN_CHARGE = "other_in_charge"  # 其他参与分管的负责人
    COMMISSIONED_HEAD = "commissioned"   # 受委托组织的负责人 — does not count
    LOWER_HEAD = "lower"                 # 下级行政机关的负责人 — does not count
    STAFF = "staff"                      # 相应的工作人员 (appears for the bureau; not a 负责人)


POSITION_LABELS = {
    Position.PRINCIPAL: "正职负责人", Position.DEPUTY: "副职负责人", Position.IN_CHARGE: "分管副职负责人",
    Position.OTHER_IN_CHARGE: "其他参与分管的负责人", Position.COMMISSIONED_HEAD: "受委托组织的负责人",
    Position.LOWER_HEAD: "下级行政机关的负责人", Position.STAFF: "本机关工作人员",
}
HEADS = frozenset({Position.PRINCIPAL, Position.DEPUTY, Position.IN_CHARGE, Position.OTHER_IN_CHARGE})

# 负责人出庭规定 Art 8: the reasons a 负责人 may not appear; each needs proof (Art 9).
ABSENCE_REASONS = ("不可抗力", "意外事件", "需要履行他人不能代替的公务", "其他正当事由")


def counts_as_head(position: str) -> bool:
    """REV-10: 正职, 副职 and the 分管 副职级 count; a commissioned body's or a lower agency's head does not."""
    return position in HEADS


def registered_position(declared: str, held: tuple[str, ...], *, in_register: bool) -> str:
    """DSP-06 (负责人出庭规定 Art 2, 10): an appearance counts as a 负责人's on the position the bureau's staff register
    holds for the person (`held`: 正职 for its head; 副职, 分管 for a deputy; nothing for anyone else); a name typed
    in cannot claim one. Returns the position to record (the register's first when none was declared)."""
    if not in_register:
        if counts_as_head(declared):
            raise violation("DSP-06", "出庭的负责人应从本机关人员名册中选择：名册中的正职、副职负责人出庭才计入负责人出庭")
        return declared
    if not declared:
        return held[0] if held else Position.STAFF
    if counts_as_head(declared) and declared not in held:
        shown = "、".join(POSITION_LABELS[Position(p)] for p in held) if held else "非负责人"
        raise violation("DSP-06", f"人员名册中该人员为{shown}，不能按“{POSITION_LABELS[Position(declared)]}”计入负责人出庭")
    return declared


def check_appearance(position: str, *, head_already: bool, absence_reason: str, absence_proof: str,
                     agent: str) -> None:
    """DSP-06 for one hearing: a 负责人 appears; or, where none has yet appeared in this 审级 (one appearance per
    审级 counts), the absence has one of the Art 8 reasons with its proof, and a staff member appears instead."""
    if position and position not in POSITION_LABELS:
        raise violation("DSP-06", "出庭人员职务应为：" + "、".join(POSITION_LABELS.values()))
    if counts_as_head(position) or head_already:
        return
    if absence_reason not in ABSENCE_REASONS:
        who = f"{POSITION_LABELS[Position(position)]}出庭不视为行政机关负责人出庭；" if position else ""
        raise violation("DSP-06", who + "负责人不能出庭的，应当说明理由（" + "、".join(ABSENCE_REASONS) + "）")
    if not absence_proof.strip():
        raise violation("DSP-06", "负责人不能出庭的，应当提交证明材料（加盖印章或由主要负责人签字认可）")
    if not agent.strip():
        raise violation("REV-10", "负责人不能出庭的，应当委托本机关相应的工作人员出庭，不得仅委托律师出庭")


@dataclass(frozen=True)
class StageAppearance:
    """A stage's appearance as the rate counts it: whether it was heard, whether a 负责人 appeared at least once
    (one appearance per 审级, 负责人出庭规定 Art 7), and whether the 正职 did."""

    heard: bool
    head: bool
    principal: bool


def stage_appearance(positions: Iterable[str | None]) -> StageAppearance:
    """`positions`: who appeared for the bureau at each hearing of one stage (None/"" for nobody or only staff)."""
    ps = list(positions)
    return StageAppearance(bool(ps), any(counts_as_head(p or "") for p in ps),
                           any(p == Position.PRINCIPAL for p in ps))


# --- results (REV-07, DSP-08) ----------------------------------------------------------------------------------------

UPHOLD = "维持原判"      # 二审/再审: 驳回上诉，维持原判 — the earlier stage's result stands
REMAND = "发回重审"      # 二审: the case goes back to 一审
STAGE_RESULTS = APPEAL_RESULTS + (UPHOLD, REMAND)
NO_RULING = frozenset(APPEAL_RESULTS) - RULED  # 调解, 和解, 撤回申请: end the matter without a ruling


class Level(StrEnum):
    RECONSIDERATION = "reconsideration"  # 复议
    FIRST = "first"                      # 一审
    SECOND = "second"                    # 二审
    RETRIAL = "retrial"                  # 再审


LEVEL_LABELS = {Level.RECONSIDERATION: "行政复议", Level.FIRST: "一审", Level.SECOND: "二审", Level.RETRIAL: "再审"}


def check_stage_result(level: str, result: str) -> None:
    """REV-07: a result from the enumeration; 维持原判 and 发回重审 only in 二审/再审 (发回重审 in 二审)."""
    if result not in STAGE_RESULTS:
        raise violation("REV-07", "结果应为：" + "、".join(APPEAL_RESULTS))
    if result == UPHOLD and level not in (Level.SECOND, Level.RETRIAL):
        raise violation("REV-07", "“维持原判”只适用于二审或再审")
    if result == REMAND and level != Level.SECOND:
        raise violation("REV-07", "“发回重审”只适用于二审")


def final_result(results: Iterable[str | None]) -> str | None:
    """The result on the act that stands after every 审级 so far (DSP-08 counts it once): 维持原判 keeps the earlier
    stage's, 发回重审 clears it until the retried 一审 decides, any other result replaces it."""
    effective = None
    for r in results:
        if not r or r == UPHOLD:
            continue
        effective = None if r == REMAND else r
    return effective


def changes_decision(result: str | None) -> bool:
    """变更, 撤销, 确认违法, 确认无效 change or void the decision: its publication comes down (PEN-29)."""
    return result in DECISION_CHANGING


def against_bureau(result: str | None) -> bool:
    """DSP-08: a correcting result (纠错) in a 复议, a lost lawsuit (败诉) in court."""
    return result in CORRECTING


def ruled(result: str | None) -> bool:
    """Decided on the merits (审结 for 纠错率/败诉率); 调解, 和解 and a withdrawal are not."""
    return result in RULED
