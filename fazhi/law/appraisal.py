"""综合评价 of the 数字化城管 loop (legal-rules §C.1): the KPIs for 监督员, 受理员, 值班长, 派遣员, 处置单位 and 区域,
computed from one row per issue. Pure: the caller reads the rows; nothing here touches the database.

The ratio definitions follow §C.1. Where fazhi's loop differs from the platform the catalogue quotes, the
definitions say so (docs/architecture.md, "Appraisal"):
- the 核实 step (a supervisor confirming a public report before 立案) is folded into 受理, so 按时核实率 and the
  受理员's 核实/核查按时派发率 are not computed; the operator is rated on 按时受理率 (DCM-05: 0.5 工作日);
- 漏报率 needs supervisors assigned to grids; it is rated at the region level as 监督举报率 instead;
- 返工率 uses 处置数 as the denominator (the standard's reading, not the platform's 应结案数).
Weights are configuration (settings.FAZHI_APPRAISAL_WEIGHTS) and must sum to 100 for every role: the catalogue
warns that the quoted platform's own weights do not."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.law.calendar import LawCalendar
from fazhi.law.workhours import WorkingHours, add_work_minutes, due

PUBLIC_CHANNELS = frozenset({"hotline", "web", "open311"})
PATROL_CHANNELS = frozenset({"patrol", "self"})

# Each composite: metric → weight (percent). A metric named "1-x" scores 100 − x (lower is better).
DEFAULT_WEIGHTS: dict[str, dict[str, int]] = {
    "supervisor": {"有效上报率": 60, "按时核查率": 40},
    "operator": {"受理数分值": 25, "按时受理率": 75},
    "shift_leader": {"按时立案率": 25, "准确立案率": 40, "按时结案率": 35},       # §C.1 as quoted
    "dispatcher": {"派遣数分值": 20, "按时派遣率": 40, "准确派遣率": 40},          # §C.1 as quoted
    "unit": {"处置率": 30, "按期处置率": 50, "1-返工率": 20},
    "region": {"结案率": 40, "按期结案率": 40, "1-监督举报率": 20},
}


@dataclass(frozen=True)
class StepLimit:
    amount: Decimal
    unit: str  # 工作时 | 工作日
    source: str

    def __str__(self) -> str:
        return f"{self.amount.normalize()}{self.unit}"


# How long each step of the loop may take (the 处置 step's limit is the subclass's own, DCM-03).
DEFAULT_LIMITS: dict[str, StepLimit] = {
    "accept": StepLimit(Decimal("0.5"), "工作日", "12319热线受理时限0.5个工作日（GB/T 30428；地方12319服务热线办理规程）"),
    "register": StepLimit(Decimal(1), "工作时", "本地考核办法（默认值，可配置）"),
    "dispatch": StepLimit(Decimal(1), "工作时", "本地考核办法（默认值，可配置）"),
    "verify": StepLimit(Decimal(2), "工作时", "本地考核办法（默认值，可配置）"),
}


def check_weights(weights: Mapping[str, Mapping[str, int]]) -> None:
    """Refuse a weighting that does not sum to 100% for some role, or names a metric that is not computed."""
    for role, parts in weights.items():
        if role not in DEFAULT_WEIGHTS:
            raise ValueError(f"考核对象“{role}”不存在")
        known = set(DEFAULT_WEIGHTS[role]) | {m.removeprefix("1-") for m in DEFAULT_WEIGHTS[role]}
        for m, w in parts.items():
            if m.removeprefix("1-") not in known:
                raise ValueError(f"{ROLE_LABELS[role]}考核指标“{m}”不存在")
            if w < 0:
                raise ValueError(f"{ROLE_LABELS[role]}考核权重不能为负")
        total = sum(parts.values())
        if total != 100:
            raise ValueError(f"{ROLE_LABELS[role]}综合指标权重合计为{total}%，应为100%")


ROLE_LABELS = {"supervisor": "监督员", "operator": "受理员", "shift_leader": "值班长", "dispatcher": "派遣员",
               "unit": "处置单位", "region": "区域"}


def deadline(cal: LawCalendar, hours: WorkingHours, start: datetime, limit: StepLimit) -> datetime:
    """`start` plus a step limit; a fractional 工作日 runs as that share of the bureau's working minutes."""
    if limit.unit == "工作日" and limit.amount == int(limit.amount):
        return due(cal, hours, start, int(limit.amount), "工作日")
    per = hours.minutes_per_day() if limit.unit == "工作日" else 60
    return add_work_minutes(cal, hours, start, int(limit.amount * per))


@dataclass(frozen=True)
class IssueRow:
    """What appraisal needs of one issue (actors are ids; region and unit are ids too). Times are aware and in
    the bureau's own zone: working hours are wall-clock hours there."""

    region: int
    channel: str
    reported_at: datetime
    reported_by: int | None = None
    accepted_by: int | None = None
    accepted_at: datetime | None = None
    registered_by: int | None = None
    registered_at: datetime | None = None
    voided_after_register: bool = False
    dispatched_by: int | None = None
    dispatched_at: datetime | None = None
    unit: int | None = None
    due_at: datetime | None = None
    handled_at: datetime | None = None
    verified_by: int | None = None
    verified_at: datetime | None = None
    closed_at: datetime | None = None
    shelved: bool = False
    exempt: bool = False
    rework_count: int = 0
    returned_dispatchers: tuple[int, ...] = ()  # the dispatcher of each dispatch a unit returned (回退)


def pct(n: int, d: int) -> Decimal | None:
    """n/d as a percentage to two places; None when nothing was due (shown as —, never as 0 or 100)."""
    if d == 0:
        return None
    return (Decimal(100) * n / d).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Score:
    who: int
    counts: dict[str, int] = field(default_factory=dict)
    rates: dict[str, Decimal | None] = field(default_factory=dict)
    composite: Decimal | None = None


def _composite(rates: Mapping[str, Decimal | None], weights: Mapping[str, int]) -> Decimal | None:
    total = Decimal(0)
    for metric, w in weights.items():
        inverse = metric.startswith("1-")
        r = rates.get(metric.removeprefix("1-"))
        if r is None:
            return None  # a composite over a missing part would be invented
        total += (Decimal(100) - r if inverse else r) * w / 100
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _share(counts: dict[int, int]) -> dict[int, Decimal | None]:
    """A volume score: each person's count against the busiest person's (100 for the busiest)."""
    top = max(counts.values(), default=0)
    return {k: pct(v, top) for k, v in counts.items()}


def appraise(rows: Iterable[IssueRow], *, cal: LawCalendar, hours: Mapping[int, WorkingHours],
             limits: Mapping[str, StepLimit] = DEFAULT_LIMITS,
             weights: Mapping[str, Mapping[str, int]] = DEFAULT_WEIGHTS) -> dict[str, list[Score]]:
    """Scores per role for the issues given (the caller chooses the period: issues reported in it).
    `hours` maps a region id to its bureau's working periods."""
    check_weights(weights)
    c: dict[str, defaultdict[int, defaultdict[str, int]]] = {
        r: defaultdict(lambda: defaultdict(int)) for r in DEFAULT_WEIGHTS}

    def on_time(start: datetime | None, end: datetime | None, step: str, region: Any) -> bool:
        assert start is not None and end is not None  # each caller checked the stage it times was reached
        return bool(end <= deadline(cal, hours[region], start, limits[step]))

    for i in rows:
        handled_in_time = i.handled_at is not None and (i.exempt or (i.due_at is not None and i.handled_at <= i.due_at))
        if i.reported_by is not None and i.channel in PATROL_CHANNELS:
            s = c["supervisor"][i.reported_by]
            s["上报数"] += 1
            s["有效上报数"] += int(i.registered_at is not None or i.channel == "self")
        if i.verified_by is not None and i.handled_at is not None:
            s = c["supervisor"][i.verified_by]
            s["核查数"] += 1
            s["按时核查数"] += int(on_time(i.handled_at, i.verified_at, "verify", i.region))
        if i.accepted_by is not None:
            s = c["operator"][i.accepted_by]
            s["受理数"] += 1
            s["按时受理数"] += int(on_time(i.reported_at, i.accepted_at, "accept", i.region))
        if i.registered_by is not None:
            s = c["shift_leader"][i.registered_by]
            s["立案数"] += 1
            s["按时立案数"] += int(on_time(i.accepted_at, i.registered_at, "register", i.region))
            s["立案后撤销数"] += int(i.voided_after_register)
            if i.closed_at is not None and not i.voided_after_register:
                s["结案数"] += 1
                s["按时结案数"] += int(handled_in_time)
        for d in i.returned_dispatchers:
            s = c["dispatcher"][d]
            s["派遣数"] += 1
            s["被回退数"] += 1
        if i.dispatched_by is not None and i.dispatched_at is not None:
            s = c["dispatcher"][i.dispatched_by]
            s["派遣数"] += 1
            if not i.returned_dispatchers:  # a re-dispatch after a return is timed from its ruling, not here
                s["计时派遣数"] += 1
                s["按时派遣数"] += int(on_time(i.registered_at, i.dispatched_at, "dispatch", i.region))
        if i.unit is not None and i.dispatched_at is not None and not i.shelved:
            s = c["unit"][i.unit]
            s["应处置数"] += 1
            s["处置数"] += int(i.handled_at is not None)
            s["按期处置数"] += int(handled_in_time)
            s["返工数"] += int(i.rework_count > 0 and i.handled_at is not None)
        if i.registered_at is not None and not i.voided_after_register:
            s = c["region"][i.region]
            s["立案数"] += 1
            s["监督举报数"] += int(i.channel in PUBLIC_CHANNELS)
            if not i.shelved:
                s["应结案数"] += 1
                s["结案数"] += int(i.closed_at is not None)
                s["按期结案数"] += int(i.closed_at is not None and handled_in_time)

    operator_share = _share({k: v["受理数"] for k, v in c["operator"].items()})
    dispatcher_share = _share({k: v["派遣数"] for k, v in c["dispatcher"].items()})
    rates = {
        "supervisor": lambda k, v: {"有效上报率": pct(v["有效上报数"], v["上报数"]),
                                    "按时核查率": pct(v["按时核查数"], v["核查数"])},
        "operator": lambda k, v: {"受理数分值": operator_share[k], "按时受理率": pct(v["按时受理数"], v["受理数"])},
        "shift_leader": lambda k, v: {"按时立案率": pct(v["按时立案数"], v["立案数"]),
                                      "准确立案率": pct(v["立案数"] - v["立案后撤销数"], v["立案数"]),
                                      "按时结案率": pct(v["按时结案数"], v["结案数"])},
        "dispatcher": lambda k, v: {"派遣数分值": dispatcher_share[k],
                                    "按时派遣率": pct(v["按时派遣数"], v["计时派遣数"]),
                                    "准确派遣率": pct(v["派遣数"] - v["被回退数"], v["派遣数"])},
        "unit": lambda k, v: {"处置率": pct(v["处置数"], v["应处置数"]), "按期处置率": pct(v["按期处置数"], v["应处置数"]),
                              "返工率": pct(v["返工数"], v["处置数"])},
        "region": lambda k, v: {"结案率": pct(v["结案数"], v["应结案数"]), "按期结案率": pct(v["按期结案数"], v["应结案数"]),
                                "监督举报率": pct(v["监督举报数"], v["立案数"])},
    }
    out: dict[str, list[Score]] = {}
    for role, people in c.items():
        scores = []
        for who, counts in people.items():
            r = rates[role](who, counts)
            scores.append(Score(who, dict(counts), r, _composite(r, weights.get(role, DEFAULT_WEIGHTS[role]))))
        scores.sort(key=lambda s: (s.composite is None, -(s.composite or 0), s.who))
        out[role] = scores
    return out
