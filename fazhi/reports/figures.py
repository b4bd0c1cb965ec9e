"""The figures of a 法治政府建设年度报告 (legal-rules §C.2), each defined once: a name, its definition as shown to
the user, how it is computed, and the records behind it (drill-down). Scope is a bureau with everything below
it; the period is [start, end]. A figure whose data the system does not record returns MISSING, never a guess."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, Count, DurationField, ExpressionWrapper, F, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat

from fazhi.cases.models import PenaltyCase, Procedure
from fazhi.core.models import Event
from fazhi.law.penalty import NO_PENALTY_GROUNDS, NoPenaltyGround
from fazhi.law.remedies import CORRECTING, RULED

MISSING = "未记录"


@dataclass(frozen=True)
class Scope:
    bureau: object
    start: date
    end: date

    def cases(self):
        return PenaltyCase.objects.filter(bureau__path__startswith=self.bureau.path)

    def decided(self):
        return self.cases().filter(decided_on__range=(self.start, self.end)).exclude(decision_no="")

    def events(self, kind: str):
        """The scope's case events of a kind in the period. Every case belongs to the tree, so the root's scope
        needs no stream filter; below it PostgreSQL takes a subquery (its uuid text is the stream's form),
        while SQLite (embedded, small) takes the list of streams."""
        qs = Event.objects.filter(kind=kind, effective_on__range=(self.start, self.end), stream__startswith="case:")
        if self.bureau.parent_id is None:
            return qs
        if connection.vendor == "postgresql":
            streams = self.cases().annotate(s=Concat(Value("case:"), Cast("uuid", CharField()))).values("s")
            return qs.filter(stream__in=Subquery(streams))
        return qs.filter(stream__in=[f"case:{u}" for u in self.cases().values_list("uuid", flat=True)])

    def desk(self) -> dict:
        """The 数字化城管 summary for the scope, computed once per Scope object (one aggregate query)."""
        if "_desk" not in self.__dict__:
            from fazhi.citydesk.figures import summary

            object.__setattr__(self, "_desk", summary(self.start, self.end, self.bureau))
        return self.__dict__["_desk"]


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    definition: str
    compute: Callable[[Scope], object]
    records: Callable[[Scope], object] | None = None   # drill-down queryset
    unit: str = ""


def _ratio(num: int, den: int):
    return round(num / den, 4) if den else None


def _yuan_wan(v) -> Decimal:
    return (Decimal(v or 0) / 10000).quantize(Decimal("0.0001"))


def _in_time(s: Scope):
    """Counted in the database: cases without an approved extension against 90 days; the few with one
    (each its own limit) in Python."""
    general = s.decided().filter(procedure=Procedure.GENERAL, on_spot=False).exclude(filed_on=None)
    took = ExpressionWrapper(F("decided_on") - F("filed_on"), output_field=DurationField())
    plain = general.filter(extension_days=0).annotate(took=took).filter(took__lte=timedelta(days=90)).count()
    extended = sum(1 for c in general.exclude(extension_days=0).only("filed_on", "decided_on", "extension_days")
                   if (c.decided_on - c.filed_on).days <= 90 + c.extension_days)
    return _ratio(plain + extended, general.count())


def _review_coverage(s: Scope):
    """review_required is fixed at the decision, by the same rule the decision was gated on (PEN-12, LRV-01)."""
    agg = s.decided().filter(procedure=Procedure.GENERAL, review_required=True).aggregate(
        required=Count("id"), passed=Count("id", filter=Q(review_passed_rev__gt=0)))
    return _ratio(agg["passed"], agg["required"])


def _no_penalty(s: Scope):
    rows = s.decided().filter(outcome__in=["no_penalty_minor", "unfounded"]).values("no_penalty_ground") \
        .annotate(n=Count("id"))
    out = {NO_PENALTY_GROUNDS[NoPenaltyGround(r["no_penalty_ground"])][0] if r["no_penalty_ground"] else "免罚清单事项":
           r["n"] for r in rows}
    return out


def _appeals(kind):
    return lambda s: s.events("record_appeal").filter(data__kind=kind).count()


def _appeal_outcomes(s: Scope) -> dict:
    """复议纠错率 and 败诉率 from the results recorded when a 复议/诉讼 ends (end_appeal, REV-07)."""
    out = {}
    for kind, label in (("reconsideration", "复议纠错率"), ("lawsuit", "败诉率")):
        results = list(s.events("end_appeal").filter(data__kind=kind).values_list("data__result", flat=True))
        ruled = [r for r in results if r in RULED]
        out[label] = _ratio(sum(r in CORRECTING for r in ruled), len(ruled))
    return out


def _publication(s: Scope):
    from fazhi.disclosure.models import Publication

    qs = Publication.objects.filter(bureau__path__startswith=s.bureau.path, decided_on__range=(s.start, s.end))
    return _ratio(qs.filter(on_time=True).count(), qs.count())


def _late_services(s: Scope):
    """Decisions (general procedure) in the period served after the PEN-16 limit: the service stands, recorded late."""
    return s.decided().filter(service_late_days__gt=0)


def _late_publications(s: Scope):
    from fazhi.disclosure.models import Publication

    return Publication.objects.filter(bureau__path__startswith=s.bureau.path, decided_on__range=(s.start, s.end),
                                      on_time=False)


def _inspections(key):
    def compute(s: Scope):
        from fazhi.inspections.figures import figures

        return figures(s.bureau, s.start.year)[key]
    return compute


FIGURES: list[Figure] = [
    Figure("cases", "行政处罚案件数", "期间内作出行政处罚决定（含不予处罚决定、当场处罚决定）的案件数",
           lambda s: s.decided().count(), lambda s: s.decided(), "起"),
    Figure("general", "一般程序案件数", "期间内按普通程序作出决定的案件数",
           lambda s: s.decided().filter(procedure=Procedure.GENERAL).count(),
           lambda s: s.decided().filter(procedure=Procedure.GENERAL), "起"),
    Figure("simple", "简易程序案件数", "期间内当场作出行政处罚决定的案件数",
           lambda s: s.decided().filter(procedure=Procedure.SIMPLE).count(),
           lambda s: s.decided().filter(procedure=Procedure.SIMPLE), "起"),
    Figure("fines", "罚没款金额", "期间内作出的处罚决定中罚款与没收违法所得之和（决定金额，非入库金额）",
           lambda s: _yuan_wan((s.decided().aggregate(v=Sum("fine"))["v"] or 0)
                               + (s.decided().aggregate(v=Sum("confiscated_income"))["v"] or 0)), None, "万元"),
    Figure("in_time", "按期办结率", "普通程序案件中自立案之日起九十日（含经批准延长的期限）内作出决定的比例（PEN-06）",
           _in_time, None, ""),
    Figure("review_opinions", "法制审核意见数", "期间内出具的法制审核意见份数（通过与退回均计）",
           lambda s: s.events("legal_review").count(), lambda s: s.events("legal_review"), "份"),
    Figure("review_coverage", "重大执法决定法制审核覆盖率",
           "依PEN-12/LRV-01应当法制审核的决定中，经审核通过后作出的比例（目标100%）", _review_coverage, None, ""),
    Figure("deliberations", "集体讨论次数", "期间内机关负责人集体讨论决定案件的次数（PEN-13）",
           lambda s: s.events("deliberate").count(), lambda s: s.events("deliberate"), "次"),
    Figure("no_penalty", "不予处罚案件数（按理由）", "期间内作出不予行政处罚决定的案件，按行政处罚法第三十三条等理由分列",
           _no_penalty, lambda s: s.decided().filter(outcome__in=["no_penalty_minor", "unfounded"]), "起"),
    Figure("published_on_time", "公示及时率", "期间内作出并公开的处罚决定中，在决定之日起七个工作日内公开的比例（PUB-03）",
           _publication, None, ""),
    Figure("late_services", "送达超期", "期间内作出的处罚决定中，超过决定之日起七个工作日送达的件数（PEN-16，送达有效，记为超期）",
           lambda s: _late_services(s).count(), _late_services, "件"),
    Figure("late_publications", "公示超期", "期间内作出并公开的处罚决定中，超过决定之日起七个工作日公开的件数（PUB-03，公开有效，记为超期）",
           lambda s: _late_publications(s).count(),
           lambda s: s.cases().filter(pk__in=_late_publications(s).values("case_id")), "件"),
    Figure("reconsiderations", "行政复议案件数", "期间内登记的当事人申请行政复议件数", _appeals("reconsideration"),
           None, "件"),
    Figure("lawsuits", "行政诉讼案件数", "期间内登记的当事人提起行政诉讼件数", _appeals("lawsuit"), None, "件"),
    Figure("appeal_outcomes", "复议纠错率、败诉率",
           "期间内审结的复议（诉讼）中，结果为变更、撤销、确认违法、确认无效或责令履行的比例；调解、和解、撤回不计入审结"
           "（REV-07）", _appeal_outcomes),
    Figure("court_applications", "申请法院强制执行件数", "期间内向人民法院申请强制执行的件数（ENF-09）",
           lambda s: s.events("apply_court").count(), lambda s: s.events("apply_court"), "件"),
    Figure("inspections", "涉企行政检查次数", "本年度已实施的涉企行政检查次数", _inspections("检查总数"), None, "次"),
    Figure("random_share", "双随机抽查占比", "涉企检查中通过双随机抽取实施的比例", _inspections("双随机抽查占比"), None, ""),
    Figure("file_reviews", "案卷评查数", "上级或本级组织评查的案卷数", lambda s: MISSING, None, "卷"),
    Figure("issues", "城市管理问题受理数", "期间内数字化城管平台受理的问题数（监督员巡查、热线、网站、Open311与自处理）",
           lambda s: s.desk()["received"], None, "件"),
    Figure("issues_registered", "城市管理问题立案数", "期间内受理并按立案条件立案的问题数（立案后撤销的不计）",
           lambda s: s.desk()["registered"], None, "件"),
    Figure("issues_closed", "问题结案率", "期间内立案的问题中已结案的比例",
           lambda s: _ratio(s.desk()["closed"], s.desk()["registered"]), None, ""),
    Figure("issues_in_time", "问题按期结案率", "已结案问题中在处置时限内处置（或超时申诉经两级审核获准）的比例",
           lambda s: _ratio(s.desk()["closed_in_time"], s.desk()["closed"]), None, ""),
]
BY_KEY = {f.key: f for f in FIGURES}


def compute_all(scope: Scope) -> dict[str, object]:
    return {f.key: f.compute(scope) for f in FIGURES}


def by_month(scope: Scope) -> list[tuple[int, int]]:
    rows = dict(scope.decided().values_list("decided_on__month").annotate(n=Count("id")).values_list(
        "decided_on__month", "n"))
    return [(m, rows.get(m, 0)) for m in range(1, 13)]


def by_cause(scope: Scope, top: int = 8) -> list[tuple[str, int]]:
    return list(scope.decided().values_list("cause").annotate(n=Count("id")).order_by("-n", "cause")[:top])


def by_bureau(scope: Scope) -> list[tuple[str, int]]:
    return list(scope.decided().values_list("bureau__short_name").annotate(n=Count("id")).order_by("-n"))


def anomaly_records(scope: Scope, today: date) -> dict[str, object]:
    """立而不查、查而不罚、罚而不执 and overdue deadlines (issue 7 §4), each as the cases behind it."""
    open_ = scope.cases()
    month_ago = today - timedelta(days=30)
    return {
        "立案30日未调查取证": open_.filter(status="investigating", filed_on__lt=month_ago, evidence__isnull=True),
        "调查终结30日未决定": open_.filter(status__in=["reported", "notified"], reported_on__lt=month_ago),
        "决定后逾期未执行": open_.filter(status="executing", payment_due__lt=today, paid_fine__lt=F("fine")),
        "期限已逾期": open_.filter(next_due__lt=today),
    }


def anomalies(scope: Scope, today: date) -> dict[str, int]:
    return {k: qs.count() for k, qs in anomaly_records(scope, today).items()}


def issues_by_month(scope: Scope) -> list[tuple[int, int]]:
    from fazhi.citydesk.figures import issues_in

    rows = dict(issues_in(scope.start, scope.end, scope.bureau).values_list("reported_at__month")
                .annotate(n=Count("id")).values_list("reported_at__month", "n"))
    return [(m, rows.get(m, 0)) for m in range(1, 13)]


def issues_by_region(scope: Scope) -> list[tuple[str, int]]:
    from fazhi.citydesk.figures import issues_in

    return list(issues_in(scope.start, scope.end, scope.bureau).values_list("region__name")
                .annotate(n=Count("id")).order_by("-n"))


def overdue_issues(scope: Scope, now) -> int:
    """Issues past their 处置期限 and not yet handled (挂账 excluded: its clock is stopped)."""
    from fazhi.citydesk.models import Issue, IssueStatus

    return Issue.objects.filter(region__bureau__path__startswith=scope.bureau.path, status=IssueStatus.DISPATCHED,
                                due_at__lt=now).count()
