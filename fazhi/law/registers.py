"""The registers of illegal buildings (违法建设) and of rectification notices (整改通知) outside a case (§A.4, §A.9).
Pure functions: each takes the facts and raises the rule's RuleViolation, or returns what the law computes.

Readings taken here (docs/architecture.md "违法建设和隐患整改台账"):
- HUD-02 (城乡规划法 Art 64): a site's outcome follows the article — 限期拆除 ends in the party's own demolition (自拆)
  or the bureau's forced demolition (强拆, only through a 强制拆除 record executed under Art 68 and 行政强制法 Art 44,
  ENF-06); 限期改正 (整改) and 没收实物 where demolition is impossible (保留处理) are penalty decisions, so those two
  outcomes need the site's penalty case to have been decided. Demolished m² are at most the site's recorded area.
- HUD-03 (城市市容和环境卫生管理条例 Art 34, 36, 37): a notice orders the correction within a time limit the bureau
  sets (the regulation names none, so there is no statutory minimum): the due day is after the day of issue. The
  party has the whole due day: compliance is recorded any day from issue; only from the day after the due day is
  the party 逾期 — then the bureau may remove the facility itself, with the approval of the 县级以上人民政府 (Art 37),
  or hand the violation to a penalty case (Art 34/36 fines).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.law.rules import violation

# The red lines the seed reports name for illegal buildings to be removed first (醴陵 2024: 城市开发边界区内、占用耕地、
# 侵占城市道路及公共设施、存在重大安全隐患).
RED_LINES = {"farmland": "占用耕地", "road": "侵占城市道路及公共设施", "hazard": "存在重大安全隐患",
             "boundary": "城市开发边界内"}
DEMOLISHED = ("self", "forced")   # outcomes whose m² are demolished m²
DECIDED = ("rectified", "retained")   # outcomes that are penalty decisions (HUD-02)


def check_area(area: Decimal | None, what: str = "面积") -> None:
    if area is None or area <= 0:
        raise violation("HUD-02", f"请填写{what}（平方米，大于零）")


def check_outcome(*, outcome: str, area: Decimal | None, site_area: Decimal, case_decided: bool,
                  demolition_executed: bool | None) -> None:
    """HUD-02: what each outcome needs. `demolition_executed`: None when no 强制拆除 record is linked."""
    if outcome not in ("self", "forced", "rectified", "retained"):
        raise violation("HUD-02", "处理结果应为自行拆除、强制拆除、整改或保留处理")
    if outcome in DEMOLISHED:
        check_area(area, "拆除面积")
        assert area is not None
        if area > site_area:
            raise violation("HUD-02", f"拆除面积（{area}平方米）不得大于登记的违法建设面积（{site_area}平方米）")
    if outcome == "forced" and not demolition_executed:
        raise violation("ENF-06", "强制拆除应当关联本案已实施的强制拆除记录（城乡规划法第六十八条、行政强制法第四十四条）")
    if outcome in DECIDED and not case_decided:
        raise violation("HUD-02", "整改（限期改正并处罚款）或保留处理（没收实物或者违法收入）须由处罚案件作出决定后登记")


def check_due(*, issued_on: date, due: date) -> None:
    """HUD-03: the notice's time limit is after its day of issue."""
    if due <= issued_on:
        raise violation("HUD-03", f"整改期限（{due:%Y年%m月%d日}）应当晚于通知日期（{issued_on:%Y年%m月%d日}）")


def overdue(due: date, on: date) -> bool:
    """The party has the whole due day; 逾期 from the day after."""
    return on > due


def check_overdue(*, due: date, on: date, what: str) -> None:
    """HUD-03 (Art 36, 37): removal by the bureau, or a penalty, only once the time limit has passed unperformed."""
    if not overdue(due, on):
        raise violation("HUD-03", f"整改期限至{due:%Y年%m月%d日}，期限届满当事人仍未整改的，方可{what}")


def check_removal(*, approval: str, area: Decimal | None) -> None:
    """HUD-03 (Art 37): the bureau removes a facility the party did not, with the 县级以上人民政府's approval."""
    if not approval.strip():
        raise violation("HUD-03", "逾期未改造或者未拆除的，经县级以上人民政府批准，方可组织强制拆除（请填写批准文件）")
    check_area(area, "拆除面积")
