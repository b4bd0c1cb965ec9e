"""The figures of a 法治政府建设年度报告 (legal-rules §C.2), each defined once: a name, its definition as shown to
the user, how it is computed, and the records behind it (drill-down). Scope is a bureau with everything below
it; the period is [start, end]. A rate is a Rate (numerator and denominator), money a Decimal in yuan; a figure whose
data the system does not record returns Missing (what is missing), never a guess. How each is shown, in the
documents and on the pages alike, is fazhi/reports/present.py."""
from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from fazhi.cases.models import Procedure, Source
from fazhi.law.penalty import NO_PENALTY_GROUNDS, NoPenaltyGround
from fazhi.reports.areas import (
    catalogue,
    coercion,
    decisions,
    disputes,
    permits,
    registers,
    staff,
    supervision,
    transfers,
)
from fazhi.reports.base import Figure, Missing, Rate, Scope, _ratio, _yuan  # noqa: F401 — re-exported


def _in_time(s: Scope) -> Rate:
    """Counted in the database: cases without an approved extension against 90 days; the few with one
    (each its own limit) in Python."""
    general = s.decided().filter(procedure=Procedure.GENERAL, on_spot=False).exclude(filed_on=None)
    took = ExpressionWrapper(F("decided_on") - F("filed_on"), output_field=DurationField())
    plain = general.filter(extension_days=0).annotate(took=took).filter(took__lte=timedelta(days=90)).count()
    extended = sum(1 for c in general.exclude(extension_days=0).only("filed_on", "decided_on", "extension_days")
                   if (c.decided_on - c.filed_on).days <= 90 + c.extension_days)
    return _ratio(plain + extended, general.count())


def _review_coverage(s: Scope) -> Rate:
    """review_required is fixed at the decision, by the same rule the decision was gated on (PEN-12, LRV-01)."""
    agg = s.decided().filter(procedure=Procedure.GENERAL, review_required=True).aggregate(
        required=Count("id"), passed=Count("id", filter=Q(review_passed_rev__gt=0)))
    return _ratio(agg["passed"], agg["required"])


NO_PENALTY_OUTCOMES = ("no_penalty_minor", "unfounded")


def penalties(s: Scope):
    """Decisions that impose a penalty: a 不予行政处罚决定 is a decision too, but not a penalty (stated apart)."""
    return s.decided().exclude(outcome__in=NO_PENALTY_OUTCOMES)


def _no_penalty(s: Scope) -> dict[str, int]:
    rows = s.decided().filter(outcome__in=NO_PENALTY_OUTCOMES).values("no_penalty_ground") \
        .annotate(n=Count("id")).order_by("-n", "no_penalty_ground")
    out: dict[str, int] = {}
    for r in rows:
        label = NO_PENALTY_GROUNDS[NoPenaltyGround(r["no_penalty_ground"])][0] if r["no_penalty_ground"] \
            else "免罚清单事项"
        out[label] = out.get(label, 0) + r["n"]
    return out


def _publications(s: Scope):
    from fazhi.disclosure.models import Publication

    return Publication.objects.filter(s.within("bureau"), decided_on__range=(s.start, s.end))


def _publication(s: Scope) -> Rate:
    # A publication whose lateness waits for next year's holiday table (DAY-07) is counted once it is known.
    qs = _publications(s).exclude(calendar_pending=True, on_time=False)
    return _ratio(qs.filter(on_time=True).count(), qs.count())


def _late_services(s: Scope):
    """Decisions (general procedure) in the period served after the PEN-16 limit: the service stands, recorded late."""
    return s.decided().filter(service_late_days__gt=0)


def _late_publications(s: Scope):
    return _publications(s).filter(on_time=False, calendar_pending=False)


def _inspections_done(s: Scope):
    from fazhi.inspections.models import Inspection

    return Inspection.objects.filter(s.within("bureau"), inspected_on__range=(s.start, s.end))


def _random_share(s: Scope) -> Rate:
    from fazhi.inspections.models import InspectionKind

    done = _inspections_done(s)
    return _ratio(done.filter(kind=InspectionKind.RANDOM).count(), done.count())


def _certified(s: Scope) -> Rate:
    """Certified share on the last day of the period (or today, for a period not yet over): of the active staff who
    hold an enforcement post (执法队员, 中队长), those with a valid 行政执法证 that day — not expired, not suspended, not
    cancelled (PEN-04, STF-01, STF-04's companion figure)."""
    from fazhi.personnel.figures import certified_share

    return _ratio(*certified_share(staff.bureau_ids(s), min(s.end, date.today())))


def _recorded(s: Scope):
    """Decided cases whose file holds an audio-visual record (视听资料): the 执法全过程记录's 音像记录."""
    from fazhi.law.penalty import EvidenceKind

    return s.decided().filter(evidence__kind=EvidenceKind.AUDIOVISUAL).distinct()


def _by_source(s: Scope) -> dict[str, int]:
    labels = dict(Source.choices)
    rows = s.cases().filter(filed_on__range=(s.start, s.end)).values_list("source").annotate(n=Count("id")) \
        .order_by("-n", "source")
    return {_label(labels.get(k, "其他")): n for k, n in rows if n}


def _label(text: str) -> str:
    """A choice label as the report prints it ("12319/12345热线" would read as a fraction)."""
    return text.replace("/", "、")


def _by_cause(s: Scope) -> dict[str, int]:
    """The five most frequent 案由 of the decisions (penalties and 不予处罚), the rest as 其他."""
    top = dict(by_cause(s, top=5))
    rest = s.decided().count() - sum(top.values())
    return {**top, **({"其他": rest} if rest else {})}


def _paid(s: Scope):
    return _yuan(penalties(s).aggregate(v=Sum("paid_fine"))["v"] or 0)


def _satisfaction(s: Scope) -> Rate:
    """回访满意率: of the issues called back, those satisfied or basically satisfied."""
    from fazhi.citydesk.figures import issues_in

    only = None if s.part == "all" else s.within("region__bureau")
    qs = issues_in(s.start, s.end, s.bureau, only).exclude(satisfaction="")
    return _ratio(qs.filter(satisfaction__in=["satisfied", "basic"]).count(), qs.count())


def _channels(s: Scope) -> dict[str, int]:
    from fazhi.citydesk.figures import issues_in
    from fazhi.citydesk.models import Channel

    only = None if s.part == "all" else s.within("region__bureau")
    rows = issues_in(s.start, s.end, s.bureau, only).values_list("channel").annotate(n=Count("id")).order_by("-n")
    labels = {**dict(Channel.choices), Channel.OPEN311: "开放接口"}
    return {_label(labels.get(k, "其他")): n for k, n in rows if n}


def _events_on_cases(kind: str, **data):
    return lambda s: s.events(kind).filter(**{f"data__{k}": v for k, v in data.items()})



FIGURES: list[Figure] = [
    Figure("cases", "作出行政处罚决定案件数", "期间内作出给予行政处罚决定（含当场处罚决定）的案件数；不予行政处罚决定不计入，另列",
           lambda s: penalties(s).count(), penalties, "起", "作出行政处罚决定的案件"),
    Figure("general", "一般程序案件数", "期间内按普通程序作出行政处罚决定的案件数（不含不予行政处罚决定）",
           lambda s: penalties(s).filter(procedure=Procedure.GENERAL).count(),
           lambda s: penalties(s).filter(procedure=Procedure.GENERAL), "起", "普通程序作出的行政处罚决定"),
    Figure("simple", "简易程序案件数", "期间内当场作出行政处罚决定的案件数",
           lambda s: penalties(s).filter(procedure=Procedure.SIMPLE).count(),
           lambda s: penalties(s).filter(procedure=Procedure.SIMPLE), "起", "简易程序案件"),
    Figure("cases_by_cause", "作出决定的主要违法行为", "期间内作出的行政处罚决定和不予行政处罚决定按案由分列，列前五位，其余计为其他",
           _by_cause, None, "起", "作出的处罚决定", "breakdown"),
    Figure("cases_by_source", "立案案件来源", "期间内立案的案件按案件来源（巡查、投诉举报、热线、数字城管移交、移送、交办等）分列",
           _by_source, None, "起", "立案的案件", "breakdown"),
    Figure("fines", "罚没款金额", "期间内作出的处罚决定中罚款与没收违法所得之和（决定金额，非入库金额）",
           lambda s: _yuan((s.decided().aggregate(v=Sum("fine"))["v"] or 0)
                           + (s.decided().aggregate(v=Sum("confiscated_income"))["v"] or 0)), None, "万元",
           "罚没款", "money"),
    Figure("general_fines", "一般程序罚没款金额", "上述罚没款中按普通程序作出的决定的金额（决定金额）",
           lambda s: _yuan(penalties(s).filter(procedure=Procedure.GENERAL).aggregate(
               v=Sum(F("fine") + F("confiscated_income")))["v"] or 0), None, "万元", "普通程序罚没款", "money"),
    Figure("fines_paid", "罚款已缴纳金额", "期间内作出的处罚决定中当事人已缴纳的罚款（截至报告生成之日）",
           _paid, None, "万元", "已缴纳的罚款", "money"),
    Figure("no_penalty", "不予处罚案件数", "期间内作出不予行政处罚决定的案件，按行政处罚法第三十三条等理由分列",
           _no_penalty, lambda s: s.decided().filter(outcome__in=["no_penalty_minor", "unfounded"]), "起",
           "不予行政处罚决定", "breakdown"),
    Figure("in_time", "按期办结率", "普通程序案件中自立案之日起九十日（含经批准延长的期限）内作出决定的比例（行政处罚法第六十条）",
           _in_time, None, "", "普通程序案件", "rate"),
    Figure("recorded", "执法全过程记录（音像记录）覆盖率",
           "期间内作出决定的案件中，案卷有视听资料（执法记录仪等音像记录）的比例（国办发〔2018〕118号）", lambda s: _ratio(
               _recorded(s).count(), s.decided().count()), _recorded, "", "作出决定的案件", "rate"),
    Figure("hearing_requests", "听证申请数", "期间内当事人申请听证的案件数（行政处罚法第六十三条、第六十四条）",
           lambda s: s.events("request_hearing").count(), lambda s: s.events("request_hearing"), "起", "听证申请"),
    Figure("hearings", "举行听证数", "期间内当事人到场、依法举行听证的场次（当事人未到场视为放弃，不计）",
           lambda s: _events_on_cases("hold_hearing", party_attended=True)(s).count(),
           _events_on_cases("hold_hearing", party_attended=True), "场", "举行听证"),
    Figure("reviewed_cases", "法制审核案件数", "期间内经法制审核的案件数（同一案件多次审核计一起）",
           lambda s: s.events("legal_review").values("stream").distinct().count(), None, "起", "法制审核案件"),
    Figure("review_opinions", "法制审核意见数", "期间内出具的法制审核意见份数（通过与退回均计）",
           lambda s: s.events("legal_review").count(), lambda s: s.events("legal_review"), "份", "法制审核意见"),
    Figure("review_coverage", "重大执法决定法制审核覆盖率",
           "依行政处罚法第五十八条应当法制审核的决定中，经审核通过后作出的比例（目标100%）", _review_coverage, None, "",
           "应当法制审核的决定", "rate"),
    Figure("deliberations", "集体讨论次数", "期间内机关负责人集体讨论决定案件的次数（行政处罚法第五十七条第二款）",
           lambda s: s.events("deliberate").count(), lambda s: s.events("deliberate"), "次", "集体讨论"),
    Figure("published_on_time", "公示及时率", "期间内作出并公开的处罚决定中，在决定之日起七个工作日内公开的比例（国办发〔2018〕118号）",
           _publication, None, "", "公开的处罚决定", "rate"),
    Figure("late_services", "送达超期", "期间内作出的处罚决定中，超过决定之日起七个工作日送达的件数（行政处罚法第六十一条；"
           "送达有效，记为超期）", lambda s: _late_services(s).count(), _late_services, "件", "送达超期的处罚决定"),
    Figure("late_publications", "公示超期", "期间内作出并公开的处罚决定中，超过决定之日起七个工作日公开的件数（国办发〔2018〕118号；公开有效，"
           "记为超期）", lambda s: _late_publications(s).count(),
           lambda s: s.cases().filter(pk__in=_late_publications(s).values("case_id")), "件", "公示超期的处罚决定"),
    # 行政复议 and 行政诉讼 are dispute records of their own (fazhi.disputes, DSP-01); each counts once, by its final
    # result across its 审级 (DSP-08). The rates and the rest of the area's figures: reports/areas/disputes.py.
    Figure("reconsiderations", "行政复议案件数", "期间内当事人申请、本机关作为被申请人的行政复议件数",
           lambda s: disputes.filed("reconsideration")(s).count(), disputes.filed("reconsideration"), "件", "行政复议案件"),
    Figure("reconsideration_results", "行政复议结果", "期间内审结的行政复议按结果分列",
           disputes.results("reconsideration"), disputes.concluded("reconsideration"), "件", "审结的行政复议案件",
           "breakdown"),
    Figure("reconsideration_corrected", "复议纠错率",
           "期间内审结的复议中，结果为变更、撤销、确认违法、确认无效或责令履行的比例；调解、和解、撤回不计入审结"
           "（行政复议法第六十三条至第七十四条）", disputes.against("reconsideration"), disputes.concluded("reconsideration"), "",
           "审结的行政复议案件", "rate"),
    Figure("lawsuits", "行政诉讼案件数", "期间内本机关作为被告的行政诉讼（含行政赔偿诉讼）件数",
           lambda s: disputes.filed("lawsuit")(s).count(), disputes.filed("lawsuit"), "件", "行政诉讼案件"),
    Figure("lawsuit_results", "行政诉讼结果", "期间内审结的行政诉讼按终审（生效）结果分列，一案经多个审级的只计一次",
           disputes.results("lawsuit"), disputes.concluded("lawsuit"), "件", "审结的行政诉讼案件", "breakdown"),
    Figure("lawsuit_lost", "败诉率", "期间内审结的诉讼中，判决变更、撤销、确认违法、确认无效或责令履行的比例；调解、"
           "和解、撤诉不计入审结；按生效的终局结果计，一审败诉、二审改判的以二审为准，一案只计一次（行政诉讼法第六十九条至第七十八条）",
           disputes.against("lawsuit"), disputes.concluded("lawsuit"), "", "审结的行政诉讼案件", "rate"),
    Figure("transferred", "移送司法机关案件数", "期间内经负责人批准移送公安、司法机关的涉嫌犯罪案件数（行政执法机关移送涉嫌犯罪案件的规定）",
           lambda s: s.cases().filter(transferred_on__range=(s.start, s.end)).count(),
           lambda s: s.cases().filter(transferred_on__range=(s.start, s.end)), "起", "移送司法机关的案件"),
    Figure("transfers_in", "接收移送立案数", "期间内立案的案件中，来源为其他机关移送的件数",
           lambda s: s.cases().filter(source=Source.TRANSFER_IN, filed_on__range=(s.start, s.end)).count(),
           lambda s: s.cases().filter(source=Source.TRANSFER_IN, filed_on__range=(s.start, s.end)), "起",
           "其他机关移送的案件"),
    Figure("assigned", "上级交办案件数", "期间内立案的案件中，来源为上级交办的件数",
           lambda s: s.cases().filter(source=Source.ASSIGNED, filed_on__range=(s.start, s.end)).count(),
           lambda s: s.cases().filter(source=Source.ASSIGNED, filed_on__range=(s.start, s.end)), "起", "上级交办的案件"),
    Figure("court_applications", "申请法院强制执行件数", "期间内向人民法院申请强制执行的件数（行政强制法第五十三条）",
           lambda s: s.events("apply_court").count(), lambda s: s.events("apply_court"), "件", "申请强制执行案件"),
    Figure("inspections", "涉企行政检查次数", "期间内已实施（检查日期在期间内）的涉企行政检查次数",
           lambda s: _inspections_done(s).count(), _inspections_done, "次", "涉企行政检查"),
    Figure("random_share", "双随机抽查占比", "期间内已实施的涉企检查中，通过双随机抽取实施的比例", _random_share, None, "",
           "涉企行政检查", "rate"),
    Figure("certified", "执法岗位人员持证率", "期末在执法岗位（执法队员、中队长）的在职人员中持有有效行政执法证（未过期、未暂扣、未注销）"
           "的比例（行政处罚法第四十二条）",
           _certified, None, "", "执法岗位人员", "rate"),
    Figure("issues", "城市管理问题受理数", "期间内数字化城管平台受理的问题数（监督员巡查、热线、网站、开放接口与自处理）",
           lambda s: s.desk()["received"], None, "件", "受理的城市管理问题"),
    Figure("issues_registered", "城市管理问题立案数", "期间内受理并按立案条件立案的问题数（立案后撤销的不计）",
           lambda s: s.desk()["registered"], None, "件", "立案的城市管理问题"),
    Figure("issues_self_fixed", "巡查自处理问题数", "期间内巡查发现并当场自行处置的问题数",
           lambda s: s.desk()["self_fixed"], None, "件", "巡查自处理的问题"),
    Figure("issues_closed", "问题结案率", "期间内立案的问题中已结案的比例",
           lambda s: _ratio(s.desk()["closed"], s.desk()["registered"]), None, "", "立案的城市管理问题", "rate"),
    Figure("issues_in_time", "问题按期结案率", "已结案问题中在处置时限内处置（或超时申诉经两级审核获准）的比例",
           lambda s: _ratio(s.desk()["closed_in_time"], s.desk()["closed"]), None, "", "结案的城市管理问题", "rate"),
    Figure("issues_by_channel", "城市管理问题来源", "期间内受理的问题按来源渠道（监督员巡查、热线、网站、开放接口、自处理等）分列",
           _channels, None, "件", "受理的城市管理问题", "breakdown"),
    Figure("issues_satisfied", "问题回访满意率", "期间内受理并回访的问题中，回访结果为满意或基本满意的比例",
           _satisfaction, None, "", "回访的城市管理问题", "rate"),
    # Each later context's figures are in fazhi/reports/areas/<context>.py (one file each), appended below.
]
FIGURES += [*disputes.FIGURES, *permits.FIGURES, *supervision.FIGURES, *decisions.FIGURES, *registers.FIGURES,
            *coercion.FIGURES, *staff.FIGURES, *transfers.FIGURES, *catalogue.FIGURES]
BY_KEY = {f.key: f for f in FIGURES}


def compute_all(scope: Scope) -> dict[str, object]:
    return {f.key: f.compute(scope) for f in FIGURES}


def by_month(scope: Scope) -> list[tuple[int, int]]:
    rows = dict(penalties(scope).values_list("decided_on__month").annotate(n=Count("id")).values_list(
        "decided_on__month", "n"))
    return [(m, rows.get(m, 0)) for m in range(1, 13)]


def by_cause(scope: Scope, top: int = 8) -> list[tuple[str, int]]:
    return list(scope.decided().values_list("cause").annotate(n=Count("id")).order_by("-n", "cause")[:top])


def by_bureau(scope: Scope) -> list[tuple[str, int]]:
    return list(penalties(scope).values_list("bureau__short_name").annotate(n=Count("id")).order_by("-n"))


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

    return Issue.objects.filter(scope.within("region__bureau"), status=IssueStatus.DISPATCHED,
                                due_at__lt=now).count()
