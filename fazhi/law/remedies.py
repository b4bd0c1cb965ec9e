"""复议 and 诉讼 as they bear on a decision: the notice it must carry (REV-02/03/08) and its periods."""
from __future__ import annotations

from fazhi.law.periods import DayKind, Period
from fazhi.law.rules import basis

RECONSIDERATION = Period("REV-01", 60, DayKind.CALENDAR, basis("REV-01"), "申请行政复议")
LAWSUIT = Period("REV-08", 6, DayKind.MONTHS, basis("REV-08"), "提起行政诉讼")


# REV-07: how a 复议 or 诉讼 ends. The first four change or void the decision, so a published decision must leave
# the portal within 3 working days (PEN-29).
APPEAL_RESULTS = ("变更", "撤销", "确认违法", "确认无效", "责令履行", "维持", "驳回", "调解", "和解", "撤回申请")
DECISION_CHANGING = frozenset(APPEAL_RESULTS[:4])
# §C.2 复议纠错率 / 败诉率: the results that correct the agency (the four above and 责令履行) over those decided on the
# merits (调解, 和解 and a withdrawn application end a matter without a ruling).
CORRECTING = DECISION_CHANGING | {"责令履行"}
RULED = frozenset(APPEAL_RESULTS[:7])


def remedy_notice(*, government: str, court: str, on_the_spot: bool) -> str:
    """The 复议/诉讼 route and time limits printed on a decision (PEN-15, REV-02, REV-03, REV-08).

    REV-03: the 复议机关 of a county-level-or-above government department is the 本级人民政府.
    REV-02: a decision made on the spot must first go to 复议 (复议前置) and must say so."""
    if on_the_spot:
        return (f"当事人对本决定不服的，应当自收到本决定书之日起六十日内向{government}申请行政复议；"
                f"对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向{court}提起行政诉讼。"
                "根据《中华人民共和国行政复议法》第二十三条，对当场作出的行政处罚决定不服的，应当先申请行政复议，"
                "未经行政复议不得直接提起行政诉讼。")
    return (f"当事人对本决定不服的，可以自收到本决定书之日起六十日内向{government}申请行政复议，"
            f"或者自收到本决定书之日起六个月内向{court}提起行政诉讼。"
            "行政复议和行政诉讼期间，本决定不停止执行，法律另有规定的除外。")
