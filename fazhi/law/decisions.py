"""重大行政决策程序 (重大行政决策程序暂行条例, 国务院令第713号) and the other legal reviews: pure rules, no Django.

Each function answers one question the 条例 asks and raises `RuleViolation` (MJD-01..07) when the step would be
unlawful. Calendar-day periods (the 30-day comment period, Art 15; the 7 days a hearing's materials reach the
participants ahead, Art 16) count as DAY-05 does: the start day is not counted, and "N日前" counts back from the
later day, that day not counted. The review time of Art 26 is in working days (一般不少于7个工作日).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import working_days_after, working_days_estimated
from fazhi.law.rules import violation

COMMENT_DAYS = 30        # Art 15: 公开征求意见的期限一般不少于30日
HEARING_NOTICE_DAYS = 7  # Art 16 ¶3: 听证会材料应当于召开听证会7日前送达听证参加人
REVIEW_WD = 7            # Art 26 ¶2: 送请合法性审查……一般不少于7个工作日

# Art 3 ¶1: the kinds of 决策事项.
CATEGORIES = {
    "policy": "制定公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施",
    "plan": "制定经济和社会发展等方面的重要规划",
    "resources": "制定开发利用、保护重要自然资源和文化资源的重大公共政策和措施",
    "project": "决定在本行政区域实施的重大公共建设项目",
    "other": "决定对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项",
}

# The steps a decision's procedure may require, in the 条例's order, and which of them the 条例 lets be left out
# and on what ground (the reason is recorded when the decision is launched).
STEPS = {
    "participation": "公众参与",
    "experts": "专家论证",
    "risk": "风险评估",
}
SKIP_GROUNDS = {
    "participation": "依法不予公开的决策事项（第十四条第一款）",
    "experts": "不属于专业性、技术性较强的决策事项（第十九条第一款）",
    "risk": "决策实施不会对社会稳定、公共安全等方面造成不利影响，或已按有关规定评估（第二十二条）",
}

# Art 25 ¶2 and Art 27: what a 合法性审查 may conclude. An exploratory reform with no clear national rule may go
# to the meeting with its legal risks stated.
CONCLUSIONS = {
    "lawful": "合法",
    "lawful_amend": "修改后合法",
    "exploratory": "探索性改革事项，已明示法律风险",
    "unlawful": "不合法",
}
PASSING = ("lawful", "lawful_amend", "exploratory")

OPINIONS = {"agree": "同意", "disagree": "不同意", "abstain": "弃权"}
OUTCOMES = {"adopt": "通过", "amend": "修改后通过", "reject": "不予通过", "defer": "暂缓决策"}
ADOPTING = ("adopt", "amend")

# Art 36 ¶1: when a 决策后评估 may be organised.
EVALUATION_GROUNDS = {
    "below_expectation": "重大行政决策实施后明显未达到预期效果",
    "many_comments": "公民、法人或者其他组织提出较多意见",
    "necessary": "决策机关认为有必要",
}

# MJD-07: the other legal reviews the 法制科 and the advisers do.
REVIEW_KINDS = {
    "decision": "重大行政决策合法性审查",
    "contract": "合同协议审查",
    "normative_draft": "规范性文件合法性审核",
    "normative_filing": "规范性文件备案审查",
    "normative_cleanup": "规范性文件清理",
    "dispute_reply": "复议答复和应诉意见审查",
    "penalty": "行政处罚法制审核",
    "other": "其他法律事务审查",
}


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


# --- MJD-01 the 目录 --------------------------------------------------------------------------------------------

def check_listed(*, in_catalogue: bool, outside_reason: str = "") -> None:
    """MJD-01: a decision follows an item of the published 目录, or is declared 重大 with its reasons."""
    if not in_catalogue and _blank(outside_reason):
        raise violation("MJD-01", "该事项不在本年度重大行政决策事项目录内；作为重大行政决策办理的，应当写明认定理由")


def check_catalogue_change(*, published: bool, reason: str) -> None:
    """MJD-01 (Art 3 ¶3: 根据实际情况调整): once published, each change to the 目录 states why."""
    if published and _blank(reason):
        raise violation("MJD-01", "目录已公布，调整目录事项应当写明调整理由")


def check_steps(required: dict[str, bool], skip_reasons: dict[str, str]) -> None:
    """The steps the item needs are declared at the launch; a step left out states its ground (Art 14, 19, 22)."""
    for step, needed in required.items():
        if step not in STEPS:
            raise ValueError(step)
        if not needed and _blank(skip_reasons.get(step)):
            rule = "MJD-02" if step == "participation" else "MJD-03"
            raise violation(rule, f"不履行{STEPS[step]}程序的，应当写明理由（{SKIP_GROUNDS[step]}）")


# --- MJD-02 公众参与 --------------------------------------------------------------------------------------------

def comment_days(published_on: date, ends_on: date) -> int:
    """The comment period in days, the day of publication not counted (DAY-05)."""
    return (ends_on - published_on).days


def check_comment_period(published_on: date, ends_on: date, *, short_reason: str = "",
                         minimum: int = COMMENT_DAYS) -> None:
    """MJD-02 (Art 15): at least `minimum` days, unless the publication itself states why it is shorter."""
    days = comment_days(published_on, ends_on)
    if days < 1:
        raise violation("MJD-02", "征求意见的截止日期应当晚于公布日期")
    if days < minimum and _blank(short_reason):
        raise violation("MJD-02", f"公开征求意见的期限为{days}日，少于{minimum}日；因情况紧急等原因缩短期限的，"
                                  "应当在公开征求意见时说明理由")


def check_consultation_closed(ends_on: date, closed_on: date, feedback: str) -> None:
    """MJD-02 (Art 18): comments are studied once the period has run, and the adoption is stated."""
    if closed_on < ends_on:
        raise violation("MJD-02", f"公开征求意见期限至{ends_on:%Y年%m月%d日}，期限届满前不得结束征求意见")
    if _blank(feedback):
        raise violation("MJD-02", "应当归纳整理公众意见并说明采纳情况")


def hearing_notice_days(materials_on: date, hearing_on: date) -> int:
    return (hearing_on - materials_on).days


def check_hearing_notice(materials_on: date, hearing_on: date, *, minimum: int = HEARING_NOTICE_DAYS) -> None:
    """MJD-02 (Art 16 ¶3): the materials reach the participants `minimum` days before the hearing (the hearing
    day not counted: materials on the 7th day before a hearing are in time, on the 6th they are late)."""
    days = hearing_notice_days(materials_on, hearing_on)
    if days < minimum:
        raise violation("MJD-02", f"听证会材料应当于召开听证会{minimum}日前送达听证参加人（现仅提前{max(days, 0)}日）")


# --- MJD-03 专家论证, 风险评估 -------------------------------------------------------------------------------------

def check_expert(*, no_conflict: bool, signed: bool, opinion: str) -> None:
    """MJD-03 (Art 19 ¶2, Art 20): no expert with a direct interest; a written opinion is signed."""
    if not no_conflict:
        raise violation("MJD-03", "不得选择与决策事项有直接利害关系的专家、专业机构")
    if _blank(opinion):
        raise violation("MJD-03", "应当记录专家论证意见")
    if not signed:
        raise violation("MJD-03", "专家、专业机构提供书面论证意见的，应当署名、盖章")


def check_risk_report(*, risk_points: str, measures: str) -> None:
    """MJD-03 (Art 23 ¶2): the report names the risk points, the prevention measures and the contingency plan."""
    if _blank(risk_points) or _blank(measures):
        raise violation("MJD-03", "风险评估报告应当明确风险点，提出风险防范措施和处置预案")


# --- MJD-04 合法性审查 -------------------------------------------------------------------------------------------

def review_working_days(cal: LawCalendar, requested_on: date, needed_by: date) -> int:
    """The review's working days; days in a year whose holiday table is not yet entered are estimated (MJD-04
    asks for a time that is "一般" sufficient, not a statutory deadline: submitting in December is not refused for
    a January date)."""
    return working_days_estimated(cal, requested_on, needed_by)[0]


def check_review_time(cal: LawCalendar, requested_on: date, needed_by: date, *, short_reason: str = "",
                      minimum: int = REVIEW_WD) -> None:
    """MJD-04 (Art 26 ¶2): the review is given at least `minimum` working days, as a rule: a shorter time states
    why."""
    if needed_by <= requested_on:
        raise violation("MJD-04", "要求审结日期应当晚于送审日期")
    wd = review_working_days(cal, requested_on, needed_by)
    if wd < minimum and _blank(short_reason):
        raise violation("MJD-04", f"送请合法性审查应当保证必要的审查时间，一般不少于{minimum}个工作日（现为{wd}个工作日）；"
                                  "确需缩短的，应当写明理由")


def check_review_opinion(*, kind: str, conclusion: str, opinion: str, adviser_opinion: str) -> None:
    """MJD-04 (Art 27, 28) / MJD-07: an opinion with its conclusion; for a major decision the adviser's or
    公职律师's legal opinion is part of the review."""
    if conclusion not in CONCLUSIONS:
        raise violation("MJD-04", "审查结论不正确")
    if _blank(opinion):
        raise violation("MJD-04" if kind == "decision" else "MJD-07", "应当写明审查意见")
    if kind == "decision" and _blank(adviser_opinion):
        raise violation("MJD-04", "合法性审查过程中应当组织法律顾问、公职律师提出法律意见")


def check_may_deliberate(conclusion: str | None) -> None:
    """MJD-04 (Art 25 ¶2): a draft not reviewed, or found unlawful, is not put to the meeting."""
    if conclusion is None:
        raise violation("MJD-04", "决策草案未经合法性审查，不得提交决策机关讨论")
    if conclusion not in PASSING:
        raise violation("MJD-04", "决策草案经合法性审查不合法，不得提交决策机关讨论")


# --- MJD-05 集体讨论决定 ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Speaker:
    name: str
    opinion: str          # agree | disagree | abstain
    remarks: str = ""
    is_head: bool = False


def majority(speakers: Sequence[Speaker]) -> str | None:
    """The opinion more than half of the members other than the 行政首长 hold ("agree"/"disagree"), or None."""
    members = [s for s in speakers if not s.is_head]
    for opinion in ("agree", "disagree"):
        if members and sum(s.opinion == opinion for s in members) * 2 > len(members):
            return opinion
    return None


def against_majority(speakers: Sequence[Speaker], outcome: str) -> bool:
    m = majority(speakers)
    if m is None:
        return False
    adopting = outcome in ADOPTING
    return (m == "agree") != adopting


def check_deliberation(speakers: Sequence[Speaker], outcome: str, reasons: str = "") -> None:
    """MJD-05 (Art 30): members speak, each opinion minuted (a dissent with its content), the 行政首长 last; a
    decision that departs from the majority states its reasons at the meeting."""
    if outcome not in OUTCOMES:
        raise violation("MJD-05", "决定结果不正确")
    heads = [i for i, s in enumerate(speakers) if s.is_head]
    if len(heads) != 1:
        raise violation("MJD-05", "应由行政首长（主要负责人）在集体讨论的基础上作出决定")
    if len([s for s in speakers if not s.is_head]) < 1:
        raise violation("MJD-05", "决策草案应当经集体讨论，会议组成人员应当充分发表意见")
    if heads[0] != len(speakers) - 1:
        raise violation("MJD-05", "讨论决策草案，行政首长应当最后发表意见")
    for s in speakers:
        if s.opinion not in OPINIONS:
            raise violation("MJD-05", f"应当如实记录{s.name}的意见")
        if s.opinion == "disagree" and _blank(s.remarks):
            raise violation("MJD-05", f"{s.name}的不同意见应当如实载明")
    if against_majority(speakers, outcome) and _blank(reasons):
        raise violation("MJD-05", "行政首长拟作出的决定与会议组成人员多数人的意见不一致，应当在会上说明理由")


# --- MJD-06 公布, 归档, 后评估 -------------------------------------------------------------------------------------

def check_publication(*, published: bool, not_public_reason: str) -> None:
    """MJD-06 (Art 32): the decision is published, unless the law keeps it from the public (with the ground)."""
    if not published and _blank(not_public_reason):
        raise violation("MJD-06", "重大行政决策应当及时公布；依法不予公开的，应当写明理由")


def check_archive(materials: Sequence[str]) -> None:
    """MJD-06 (Art 33): the records and materials of the procedure are filed complete."""
    if not [m for m in materials if m.strip()]:
        raise violation("MJD-06", "应当将履行决策程序形成的记录、材料完整归档")


def check_evaluation(*, ground: str, evaluator: str, pre_decision_units: Sequence[str], result: str) -> None:
    """MJD-06 (Art 36): on one of its grounds; not by the unit that did the main pre-decision assessment."""
    if ground not in EVALUATION_GROUNDS:
        raise violation("MJD-06", "应当写明开展决策后评估的情形")
    if _blank(evaluator):
        raise violation("MJD-06", "应当确定承担评估具体工作的单位")
    if evaluator.strip() in {u.strip() for u in pre_decision_units if u.strip()}:
        raise violation("MJD-06", "决策作出前承担主要论证评估工作的单位不得承担决策后评估")
    if _blank(result):
        raise violation("MJD-06", "应当记录决策后评估结果")


# --- MJD-07 other reviews -----------------------------------------------------------------------------------------

def turnaround(cal: LawCalendar, received_on: date, done_on: date) -> int:
    """Working days a review took (the day received not counted; same-day is 0)."""
    return working_days_after(cal, received_on, done_on)


def check_adviser_contract(*, contract_from: date, contract_until: date, on: date, name: str) -> None:
    """MJD-07: an adviser's opinion counts within the adviser's contract period."""
    if not contract_from <= on <= contract_until:
        raise violation("MJD-07", f"{name}的法律顾问聘用期为{contract_from:%Y年%m月%d日}至{contract_until:%Y年%m月%d日}，"
                                  f"{on:%Y年%m月%d日}不在聘用期内")
