"""Report figures: 执法监督 (issue #18) — 案卷评查 (files reviewed, average score, grades, veto findings), the 整改
items they raised and those rectified, 督办 (SUP-05): issued by the scope's bureaus, answered on time, and 专项整治
(SUP-04): the problems found in the period in the campaigns the scope's bureaus organised, and those rectified
(accepted, 整改销号), per campaign."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from fazhi.reports.base import Figure, Rate, Scope


def _sheets(s: Scope):
    """Score sheets of files of the scope's bureaus scored in the period (whoever organised the review)."""
    from fazhi.supervision.models import ScoreSheet

    return ScoreSheet.objects.filter(s.within("case__bureau"), status="done",
                                     scored_on__range=(s.start, s.end))


def _average(s: Scope) -> Decimal:
    avg = _sheets(s).aggregate(a=Avg("score"))["a"]
    return Decimal(str(avg)).quantize(Decimal("0.1"), ROUND_HALF_UP) if avg is not None else Decimal(0)


def _grades(s: Scope) -> dict[str, int]:
    rows = dict(_sheets(s).values_list("grade").annotate(n=Count("id")).values_list("grade", "n"))
    order = ["优秀", "良好", "合格", "不合格"]
    return {g: rows[g] for g in [*order, *sorted(set(rows) - set(order))] if rows.get(g)}


def _rectifications(s: Scope):
    from fazhi.supervision.models import Rectification

    return Rectification.objects.filter(s.within("owner"), sheet__scored_on__range=(s.start, s.end))


def _orders(s: Scope):
    """督办单 issued in the period by the scope's bureaus (for the part: the bureau itself, those below it, or both) to
    bureaus below them."""
    from fazhi.supervision.models import SupervisionOrder

    return SupervisionOrder.objects.filter(s.within("issuer"), issued_on__range=(s.start, s.end))


def _answered_on_time(s: Scope) -> Rate:
    from django.db.models import F

    qs = _orders(s)
    done = qs.exclude(status="open").filter(answered_on__lte=F("due")).count()
    return Rate(done, qs.count())


def _problems(s: Scope):
    """专项整治 problems found in the period in the campaigns organised by the scope's bureaus (for the part: the
    bureau itself, those below it, or both)."""
    from fazhi.supervision.models import CampaignProblem

    return (CampaignProblem.objects.filter(s.within("campaign__bureau"), found_on__range=(s.start, s.end))
            .select_related("campaign", "owner"))


def _per_campaign(qs) -> dict[str, int]:
    """Counts per campaign, by its title (campaigns of the same title told apart by their organiser), in the
    order the campaigns started."""
    rows = (qs.values("campaign_id", "campaign__title", "campaign__bureau__short_name", "campaign__starts_on")
            .annotate(n=Count("id")).order_by("campaign__starts_on", "campaign_id"))
    titles = [r["campaign__title"] for r in rows]
    out: dict[str, int] = {}
    for r in rows:
        name = r["campaign__title"]
        if titles.count(name) > 1:
            name = f"{r['campaign__bureau__short_name']}{name}（{r['campaign__starts_on']:%Y年%m月}起）"
        out[name] = out.get(name, 0) + r["n"]
    return out


def _fixed_per_campaign(s: Scope) -> dict[str, int]:
    found = _per_campaign(_problems(s))
    fixed = _per_campaign(_problems(s).filter(status="done"))
    return {name: fixed.get(name, 0) for name in found}


FIGURES: list[Figure] = [
    Figure("file_reviews", "案卷评查数", "期间内评定的本级及下级机关行政执法案卷（一卷一表）", lambda s: _sheets(s).count(),
           _sheets, "卷", "案卷评查"),
    Figure("file_review_score", "评查案卷平均得分", "期间内评定案卷的平均得分（满分100分，否决项不合格的计0分）", _average,
           None, "分", "案卷评查"),
    Figure("file_review_grades", "评查案卷等级", "期间内评定案卷按评定等级计数", _grades, None, "卷", "案卷评查",
           "breakdown"),
    Figure("file_review_vetoes", "否决项不合格案卷数", "期间内评定案卷中因基本标准（否决项）不符合而不合格的",
           lambda s: _sheets(s).exclude(vetoed=[]).count(), None, "卷", "否决项不合格"),
    Figure("review_problems", "评查发现问题数", "期间内评定案卷的扣分项和否决项，每项形成一个整改事项",
           lambda s: _rectifications(s).count(), _rectifications, "个", "评查问题"),
    Figure("review_problems_fixed", "评查问题已整改数", "上述整改事项中已提交整改佐证完成整改的",
           lambda s: _rectifications(s).filter(status="done").count(), None, "个", "已整改问题"),
    Figure("supervision_orders", "督办件数", "期间内本级及下级机关对下级机关下达的督办（案件、数字化城管问题、评查整改问题）",
           lambda s: _orders(s).count(), _orders, "件", "督办"),
    Figure("supervision_orders_on_time", "督办按期答复率",
           "上述督办中承办单位在办理期限内（含期限当日）答复且答复未被退回的，占督办件数的比例", _answered_on_time, None,
           "", "督办", "rate"),
    Figure("campaign_problems", "专项整治发现问题数",
           "期间内本级及下级机关组织的专项整治中发现并列入问题清单的问题（按发现日期），按专项整治分列",
           lambda s: _per_campaign(_problems(s)), _problems, "个", "专项整治问题", "breakdown"),
    Figure("campaign_problems_fixed", "专项整治问题已整改销号数",
           "上述问题中责任单位报送整改情况并经组织单位验收销号的，按专项整治分列", _fixed_per_campaign, None, "个",
           "已整改销号的专项整治问题", "breakdown"),
]
