"""Report figures: 重大行政决策和合法性审查 (issue #19): decisions by stage, deliberations held, reviews by kind (a
penalty case's 法制审核 counted from the case's own event, not from the register's link to it), contract reviews
and the average turnaround."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from fazhi.reports.base import Figure, Scope, missing


def _decisions(s: Scope):
    from fazhi.decisions.models import Decision

    return Decision.objects.filter(s.within("bureau"))


def _reviews(s: Scope):
    """Reviews the 法制科 finished in the period, penalty links left out (the case's event counts those)."""
    from fazhi.decisions.models import Review

    return Review.objects.filter(s.within("bureau"), status="done",
                                 done_on__range=(s.start, s.end)).exclude(kind="penalty")


def _by_stage(s: Scope) -> dict[str, int]:
    from fazhi.decisions.models import Status

    labels = dict(Status.choices)
    rows = _decisions(s).filter(launched_on__lte=s.end).exclude(archived_on__lt=s.start) \
        .values("status").annotate(n=Count("id"))
    counts = {r["status"]: r["n"] for r in rows}
    return {labels[k]: counts[k] for k in labels if counts.get(k)}


def _by_kind(s: Scope) -> dict[str, int]:
    from fazhi.law.decisions import REVIEW_KINDS

    counts = dict(_reviews(s).values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    counts["penalty"] = s.events("legal_review").count()
    return {REVIEW_KINDS[k]: counts[k] for k in REVIEW_KINDS if counts.get(k)}


def _turnaround(s: Scope) -> Decimal:
    avg = _reviews(s).exclude(turnaround_wd=None).aggregate(a=Avg("turnaround_wd"))["a"]
    return Decimal(str(avg)).quantize(Decimal("0.1"), ROUND_HALF_UP) if avg is not None else Decimal(0)


def _catalogue_items(s: Scope) -> int:
    from fazhi.decisions.models import CatalogueItem

    return CatalogueItem.objects.filter(s.within("catalogue__bureau"), catalogue__year=s.end.year,
                                        withdrawn_on=None).exclude(catalogue__published_on=None).count()


def _advisers(s: Scope):
    """The 法律顾问 and 公职律师 under contract for some day of the period."""
    from fazhi.decisions.models import Adviser

    return Adviser.objects.filter(s.within("bureau"), contract_from__lte=s.end, contract_until__gte=s.start)


def _adviser_register(s: Scope) -> dict[str, int]:
    counts = dict(_advisers(s).values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {label: counts[k] for k, label in (("adviser", "法律顾问"), ("public", "公职律师")) if counts.get(k)}


def _adviser_work(s: Scope) -> dict[str, int]:
    """Opinions the register's advisers gave in the period: on legal reviews (the review names its adviser) and on
    复议、诉讼 (the dispute opinion is given by the adviser's account)."""
    from fazhi.decisions.models import Adviser
    from fazhi.disputes.models import Opinion

    reviews = _reviews(s).exclude(adviser=None).count()
    accounts = Adviser.objects.filter(s.within("bureau")).exclude(staff=None).values("staff_id")
    disputes = Opinion.objects.filter(s.within("dispute__bureau"), given_on__range=(s.start, s.end),
                                      by_id__in=accounts).count()
    out = {"合法性审查和合同审查": reviews, "行政复议、行政诉讼": disputes}
    return {k: v for k, v in out.items() if v}


FIGURES: list[Figure] = [
    Figure("major_decisions", "重大行政决策事项数（按阶段）",
           "期间内在办或办结的重大行政决策事项，按所处阶段（重大行政决策程序暂行条例）",
           _by_stage, None, "件", "重大行政决策事项", "breakdown"),
    Figure("major_catalogue_items", "重大行政决策事项目录事项数", "期间所在年度公布的目录中的事项（不含调出的）",
           _catalogue_items, None, "项", "公布的目录事项"),
    Figure("major_deliberations", "集体讨论决定的重大行政决策数", "期间内经局务会议等集体讨论决定的重大行政决策",
           lambda s: _decisions(s).filter(meeting_on__range=(s.start, s.end)).count(), None, "件", "集体讨论"),
    Figure("legal_reviews", "法律审查件数（按类别）",
           "期间内出具意见的合法性审查、合同协议、规范性文件和复议应诉答复审查；行政处罚法制审核按案件记录计",
           _by_kind, None, "件", "法律审查", "breakdown"),
    Figure("contract_reviews", "合同协议审查件数", "期间内法制机构出具审查意见的合同、协议",
           lambda s: _reviews(s).filter(kind="contract").count(), None, "件", "合同审查"),
    Figure("review_turnaround", "法律审查平均用时", "期间内出具意见的法律审查（不含行政处罚法制审核）自收件至出具意见的平均工作日",
           _turnaround, None, "个工作日", "法律审查"),
    Figure("advisers", "法律顾问、公职律师人数", "期间内在聘的法律顾问和公职律师（法律顾问名册）", _adviser_register, None, "名",
           "在聘的法律顾问", "breakdown"),
    Figure("adviser_work", "法律顾问出具意见件数", "期间内名册中的法律顾问在法律审查和行政复议、行政诉讼中出具意见的件数",
           _adviser_work, None, "件", "法律顾问出具的意见", "breakdown"),
    Figure("review_followups", "法制人员跟案数", "法制审核人员提前介入、跟踪办理的案件",
           missing("法制审核人员提前介入、跟案办理的案件"), kind="missing"),
]
