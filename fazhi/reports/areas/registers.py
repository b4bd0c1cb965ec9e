"""Report figures: 违法建设和隐患整改 (issue #20 parts 3–4) — 违法建设 sites handled in the period by outcome (自拆, 强拆,
整改, 保留处理) and the demolished m² (自拆 and 强拆, as 醴陵 and 荆门 report them), and the 整改通知 issued with their
outcomes (complied with by the owner, removed by the bureau, escalated to a case: as 醴陵 reports its shop-sign
notices). 专项整治行动 are not recorded here (Missing)."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum

from fazhi.reports.base import Figure, Scope, missing

SITE_OUTCOMES = {"self": "自行拆除", "forced": "强制拆除", "rectified": "整改", "retained": "保留处理"}
NOTICE_OUTCOMES = {"complied": "当事人自行整改", "removed": "本机关组织拆除", "escalated": "移交立案"}


def _sites(s: Scope):
    from fazhi.registers.models import Site

    return Site.objects.filter(s.within("bureau"), status="closed", closed_on__range=(s.start, s.end))


def _sites_by_outcome(s: Scope) -> dict[str, int]:
    rows = dict(_sites(s).values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    return {label: rows[key] for key, label in SITE_OUTCOMES.items() if rows.get(key)}


def _demolished(s: Scope, outcome: str) -> Decimal:
    total = _sites(s).filter(outcome=outcome).aggregate(a=Sum("handled_area"))["a"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _notices(s: Scope):
    from fazhi.registers.models import Notice

    return Notice.objects.filter(s.within("bureau"), issued_on__range=(s.start, s.end))


def _notices_closed(s: Scope):
    from fazhi.registers.models import Notice

    return Notice.objects.filter(s.within("bureau"), checked_on__range=(s.start, s.end),
                                 status__in=tuple(NOTICE_OUTCOMES))


def _notice_outcomes(s: Scope) -> dict[str, int]:
    rows = dict(_notices_closed(s).values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {label: rows[key] for key, label in NOTICE_OUTCOMES.items() if rows.get(key)}


FIGURES: list[Figure] = [
    Figure("illegal_sites", "违法建设查处数", "期间内办结的违法建设（城乡规划法第六十四条）按处理结果分列：自行拆除、强制拆除、"
           "整改（限期改正）、保留处理（没收实物或者违法收入）", _sites_by_outcome, _sites, "处", "办结的违法建设", "breakdown"),
    Figure("self_demolished_area", "违法建设自行拆除面积", "期间内办结的违法建设中由当事人自行拆除的面积合计",
           lambda s: _demolished(s, "self"), None, "平方米", "自行拆除的违法建设"),
    Figure("forced_demolished_area", "违法建设强制拆除面积", "期间内办结的违法建设中强制拆除的面积合计（以强制拆除记录为准）",
           lambda s: _demolished(s, "forced"), None, "平方米", "强制拆除的违法建设"),
    Figure("rectification_notices", "整改通知下达数", "期间内对巡查发现的安全隐患或违法行为（案件之外）下达的整改通知书份数",
           lambda s: _notices(s).count(), _notices, "份", "整改通知"),
    Figure("rectification_outcomes", "整改通知办结情况", "期间内复查办结的整改通知按结果分列：当事人自行整改、逾期未整改经批准由本机关"
           "组织拆除、逾期未整改移交立案", _notice_outcomes, _notices_closed, "份", "办结的整改通知", "breakdown"),
    Figure("campaigns", "专项整治行动", "期间内组织的专项整治行动的次数和查处情况", missing("专项整治行动的次数和查处情况"),
           kind="missing"),
]
