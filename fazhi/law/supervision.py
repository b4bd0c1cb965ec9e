"""案卷评查 scoring (SUP-01), pure: a standard is sections → items, each item deducts up to its points; veto items
(否决项, 基本标准) make the file 不合格 with score 0 whatever its points; a section never goes below 0 (deduct-only,
floor 0); the grade comes from the standard's bands (local configuration)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

VETO = "veto"           # 基本标准: pass / fail, no points
POINTS = "points"       # 卷面 / 内容: deduct-only

# What the record can prove (SUP-03). A standard's item names one of these in 自动核查 to be pre-scored.
CHECKS = {
    "two_officers": "每个执法环节均有两名以上持证执法人员",
    "review_before_decision": "作出决定前经法制审核",
    "deadlines": "各环节在法定期限内完成",
    "service": "文书依法送达且未逾期",
    "publication": "处罚决定按期公开",
    "chain": "案卷记录完整未被篡改（哈希链校验通过）",
    "documents": "案卷文书齐全",
}


class Unreadable(ValueError):
    pass


def points(value: object) -> Decimal:
    """'2', '0.5', 2 → Decimal; refuses negatives and non-numbers."""
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Unreadable(f"“{value}”不是分值") from None
    if not d.is_finite() or d < 0:
        raise Unreadable(f"“{value}”不是非负分值")
    return d


@dataclass(frozen=True)
class Band:
    grade: str          # 优秀 / 合格 / 不合格
    min_score: Decimal  # inclusive


def parse_bands(text: str) -> list[Band]:
    """'优秀:90；合格:70；不合格:0' → bands, highest first. The lowest band must start at 0."""
    bands = []
    for part in [p.strip() for p in str(text or "").replace(";", "；").split("；") if p.strip()]:
        name, sep, score = part.replace("：", ":").partition(":")
        if not sep or not name.strip():
            raise Unreadable(f"无法识别的等级“{part}”，应为“等级:最低分”")
        bands.append(Band(name.strip(), points(score)))
    if not bands:
        raise Unreadable("没有评定等级")
    bands.sort(key=lambda b: b.min_score, reverse=True)
    if bands[-1].min_score != 0:
        raise Unreadable("最低等级的起点应为0分")
    if len({b.min_score for b in bands}) != len(bands):
        raise Unreadable("两个等级的起点分数相同")
    return bands


def grade_of(score: Decimal, bands: list[Band]) -> str:
    for b in bands:
        if score >= b.min_score:
            return b.grade
    return bands[-1].grade


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    kind: str            # VETO or POINTS
    points: Decimal      # the most this item can deduct (0 for veto items)


@dataclass
class Result:
    score: Decimal
    grade: str
    vetoed: list[str] = field(default_factory=list)   # codes of failed veto items
    by_section: dict[str, Decimal] = field(default_factory=dict)


def score(items: list[Item], section_points: dict[str, Decimal], deductions: dict[str, Decimal],
          failed_vetoes: set[str], bands: list[Band], fail_grade: str | None = None) -> Result:
    """The file's score: each section's points less its deductions (an item deducts at most its points; a section
    not below 0); any failed veto item → score 0 and the lowest grade (or `fail_grade`)."""
    by_item = {i.code: i for i in items}
    by_section = dict(section_points)
    for code, d in deductions.items():
        item = by_item[code]
        if item.kind != POINTS:
            continue
        by_section[item.section] = by_section[item.section] - min(points(d), item.points)
    by_section = {k: max(Decimal(0), v) for k, v in by_section.items()}
    vetoed = sorted(c for c in failed_vetoes if c in by_item and by_item[c].kind == VETO)
    if vetoed:
        return Result(Decimal(0), fail_grade or bands[-1].grade, vetoed, by_section)
    total = sum(by_section.values(), Decimal(0))
    return Result(total, grade_of(total, bands), [], by_section)


# --- 督办 (SUP-05) ---------------------------------------------------------------------------------------------
# An upper bureau's supervision order names a matter and a due date; the lower bureau answers by that date. The
# due date is the last day to answer: an answer on the due date is on time, the order is overdue from the next day.

@dataclass(frozen=True)
class OrderClock:
    days_left: int | None    # None once answered
    overdue: bool
    overdue_days: int


def order_due_problem(issued_on: date, due: date) -> str | None:
    """SUP-05: a 督办 names a due date after the day it is issued."""
    if due <= issued_on:
        return f"办理期限（{due:%Y-%m-%d}）应当晚于下达日期（{issued_on:%Y-%m-%d}）"
    return None


def order_clock(due: date, today: date, answered_on: date | None = None) -> OrderClock:
    """Where an order stands against its due date today: open orders count down; past the due date they are
    overdue (the due date itself is still on time); an answered order no longer runs."""
    if answered_on is not None:
        return OrderClock(None, False, 0)
    left = (due - today).days
    return OrderClock(left, left < 0, -left if left < 0 else 0)


def answered_on_time(due: date, answered_on: date | None) -> bool | None:
    """SUP-05: answered on or before the due date; None while unanswered."""
    if answered_on is None:
        return None
    return answered_on <= due


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------
# A campaign (专项整治) runs over its scope between two dates and keeps a 问题清单: each problem, wherever it was
# found, has an owning bureau and a due date, and is tracked until the organiser accepts the evidence of its fix
# (整改销号). A problem's due date is the last day to report the fix: reported on the due date is on time; an
# unreported problem is overdue from the next day; once reported it no longer runs (the organiser's acceptance is
# not the owner's delay); returned for another fix, it runs again under the same due date.

SOURCES = {
    "review": "案卷评查",
    "citydesk": "数字化城管",
    "complaint": "投诉举报",
    "self_check": "自查自纠",
    "visit": "督查走访",
}
LINKED_SOURCES = ("review", "citydesk")   # these name the record the problem came from; the others may


def campaign_dates_problem(starts_on: date, ends_on: date) -> str | None:
    """SUP-04: a campaign runs from its first day to its last, the last not before the first."""
    if ends_on < starts_on:
        return f"整治结束日期（{ends_on:%Y-%m-%d}）不得早于开始日期（{starts_on:%Y-%m-%d}）"
    return None


def found_problem(found_on: date, starts_on: date, ends_on: date) -> str | None:
    """SUP-04: a problem of the campaign is found within its dates (both days included)."""
    if found_on < starts_on:
        return f"发现日期（{found_on:%Y-%m-%d}）早于整治开始日期（{starts_on:%Y-%m-%d}），不属于本次专项整治"
    if found_on > ends_on:
        return f"发现日期（{found_on:%Y-%m-%d}）晚于整治结束日期（{ends_on:%Y-%m-%d}），不属于本次专项整治"
    return None


def problem_due_problem(found_on: date, due: date) -> str | None:
    """SUP-04: a problem's 整改期限 falls after the day it was found."""
    if due <= found_on:
        return f"整改期限（{due:%Y-%m-%d}）应当晚于发现日期（{found_on:%Y-%m-%d}）"
    return None


def problem_clock(due: date, today: date, reported_on: date | None = None) -> OrderClock:
    """Where an unreported problem stands against its due date (the same clock as a 督办's answer)."""
    return order_clock(due, today, reported_on)


@dataclass
class Tally:
    """Problems found, rectified (accepted), reported and waiting for acceptance, and overdue."""
    found: int = 0
    rectified: int = 0
    pending: int = 0
    overdue: int = 0

    @property
    def open(self) -> int:
        return self.found - self.rectified


@dataclass(frozen=True)
class ProblemFact:
    source: str
    bureau: str
    rectified: bool
    due: date
    reported_on: date | None   # None while no report of the fix is pending or accepted


@dataclass
class CampaignStats:
    total: Tally
    by_source: dict[str, Tally]
    by_bureau: dict[str, Tally]


def tally(facts: list[ProblemFact], today: date) -> CampaignStats:
    """A campaign's statistics: found / rectified / waiting for acceptance / overdue, in all, by source (in the
    order of SOURCES) and by owning bureau (in the order first met)."""
    total = Tally()
    by_source: dict[str, Tally] = {s: Tally() for s in SOURCES}
    by_bureau: dict[str, Tally] = {}
    for f in facts:
        overdue = not f.rectified and problem_clock(f.due, today, f.reported_on).overdue
        for t in (total, by_source.setdefault(f.source, Tally()), by_bureau.setdefault(f.bureau, Tally())):
            t.found += 1
            t.rectified += f.rectified
            t.pending += (not f.rectified and f.reported_on is not None)
            t.overdue += overdue
    return CampaignStats(total, {k: v for k, v in by_source.items() if v.found}, by_bureau)
