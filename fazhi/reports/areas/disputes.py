"""Report figures: 行政复议、行政应诉、出庭和司法/检察建议 (legal-rules DSP-06..08), read from the dispute records
(fazhi.disputes). A dispute counts once, by its final result across every 审级 (DSP-08); the appearance rates count
each 审级 heard in the period once (负责人出庭规定 Art 7)."""
from __future__ import annotations

from fazhi.law.disputes import CORRECTING, RULED, DisputeKind, Level
from fazhi.reports.base import Figure, Rate, Scope, _ratio

LAWSUIT_KINDS = (DisputeKind.LAWSUIT, DisputeKind.COMPENSATION)
COURT_LEVELS = (Level.FIRST, Level.SECOND, Level.RETRIAL)


def _disputes(s: Scope):
    from fazhi.disputes.models import Dispute

    return Dispute.objects.filter(s.within("bureau"))


def _kinds(kind: str) -> tuple:
    return (DisputeKind.RECONSIDERATION,) if kind == "reconsideration" else LAWSUIT_KINDS


def filed(kind: str):
    return lambda s: _disputes(s).filter(kind__in=_kinds(kind), filed_on__range=(s.start, s.end))


def concluded(kind: str):
    return lambda s: _disputes(s).filter(kind__in=_kinds(kind), status="concluded",
                                         concluded_on__range=(s.start, s.end))


def results(kind: str):
    """Concluded in the period, by final result (REV-07)."""
    def compute(s: Scope) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in concluded(kind)(s).values_list("final_result", flat=True):
            label = r or "其他"
            out[label] = out.get(label, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
    return compute


def against(kind: str):
    """复议纠错率 / 败诉率 (DSP-08): final results against the bureau over those decided on the merits."""
    def compute(s: Scope) -> Rate:
        finals = list(concluded(kind)(s).values_list("final_result", flat=True))
        ruled = [r for r in finals if r in RULED]
        return _ratio(sum(r in CORRECTING for r in ruled), len(ruled))
    return compute


def _heard_stages(s: Scope):
    """The court stages with a session in the period: (stage id, whether a 负责人 appeared, whether the 正职 did)."""
    from fazhi.disputes.models import Hearing

    rows = (Hearing.objects.filter(s.within("stage__dispute__bureau"),
                                   stage__dispute__kind__in=LAWSUIT_KINDS, stage__level__in=COURT_LEVELS,
                                   held_on__range=(s.start, s.end))
            .values_list("stage_id", "counts", "position"))
    stages: dict[int, list[bool]] = {}
    for sid, counts, position in rows:
        head, principal = stages.get(sid, [False, False])
        stages[sid] = [head or counts, principal or position == "principal"]
    return stages


def appearance(s: Scope) -> Rate:
    st = _heard_stages(s)
    return _ratio(sum(1 for h, _ in st.values() if h), len(st))


def principal_appearance(s: Scope) -> Rate:
    st = _heard_stages(s)
    return _ratio(sum(1 for _, p in st.values() if p), len(st))


def _suggestions(s: Scope):
    from fazhi.disputes.models import Suggestion

    return Suggestion.objects.filter(s.within("bureau"), received_on__range=(s.start, s.end))


def suggestion_counts(s: Scope) -> dict[str, int]:
    out = {"司法建议": 0, "检察建议": 0}
    for k in _suggestions(s).values_list("kind", flat=True):
        out["司法建议" if k == "judicial" else "检察建议"] += 1
    return {k: v for k, v in out.items() if v}


def replied_on_time(s: Scope) -> Rate:
    """办复率 (DSP-07): received in the period and answered in writing within the period due."""
    qs = _suggestions(s)
    return _ratio(qs.filter(on_time=True).count(), qs.count())


FIGURES: list[Figure] = [
    Figure("court_appearance", "负责人出庭应诉率",
           "期间内开庭审理的行政诉讼各审级中，行政机关负责人（正职、副职及分管的副职级负责人）出庭应诉的比例；同一审级出庭一次即计入，"
           "受委托组织或下级行政机关的负责人出庭不计入（行政诉讼法第三条第三款；负责人出庭应诉规定第二条、第七条）",
           appearance, None, "", "开庭审理的行政诉讼", "rate"),
    Figure("principal_appearance", "主要负责人出庭率",
           "期间内开庭审理的行政诉讼各审级中，行政机关正职负责人出庭应诉的比例（目标值按本局规定）",
           principal_appearance, None, "", "开庭审理的行政诉讼", "rate"),
    Figure("suggestion_counts", "收到司法建议、检察建议", "期间内收到的司法建议和检察建议件数，按类型分列",
           suggestion_counts, _suggestions, "件", "司法建议、检察建议", "breakdown"),
    Figure("suggestions", "司法建议、检察建议办复率",
           "期间内收到的司法建议、检察建议中，在回复期限内书面答复的比例（检察建议自收到之日起两个月或建议书载明的期限；"
           "司法建议按建议书载明或本局规定的期限）", replied_on_time, _suggestions, "", "司法建议、检察建议", "rate"),
]
