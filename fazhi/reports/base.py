"""The building blocks of the report's figures: the scope (a bureau's subtree and a period), Rate, Missing and
Figure. Each context's figures (fazhi/reports/areas/) and the core ones (figures.py) are built from these."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event

PARTS = ("all", "own", "subordinate")
PART_LABELS = {"all": "合计", "own": "本机关", "subordinate": "所属区县局"}


@dataclass(frozen=True)
class Scope:
    """A bureau and a period, and whose work: `all` the bureau with everything below it, `own` the bureau itself
    with its squads (they act in its name), `subordinate` the 执法主体 below it (a city bureau's district and
    county bureaus) with their squads. Every figure filters through `within`, so the three always add up."""
    bureau: object
    start: date
    end: date
    part: str = "all"

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(self.part)

    def of(self, part: str) -> Scope:
        return Scope(self.bureau, self.start, self.end, part)

    @property
    def own_ids(self) -> list[int]:
        """The bureau and its squads."""
        if "_own" not in self.__dict__:
            from fazhi.org.models import Bureau, BureauKind

            ids = [self.bureau.pk, *Bureau.objects.filter(parent=self.bureau, kind=BureauKind.SQUAD)
                   .values_list("pk", flat=True)]
            object.__setattr__(self, "_own", ids)
        return self.__dict__["_own"]

    def within(self, field: str = "bureau") -> Q:
        """The filter on a foreign key to Bureau (`field`, e.g. "bureau", "case__bureau", "owner") for this part."""
        tree = Q(**{f"{field}__path__startswith": self.bureau.path})
        if self.part == "all":
            return tree
        own = Q(**{f"{field}__in": self.own_ids})
        return own if self.part == "own" else tree & ~own

    def cases(self):
        return PenaltyCase.objects.filter(self.within("bureau"))

    def decided(self):
        return self.cases().filter(decided_on__range=(self.start, self.end)).exclude(decision_no="")

    def events(self, kind: str):
        """The scope's case events of a kind in the period. Every case belongs to the tree, so the root's whole
        scope needs no stream filter; otherwise PostgreSQL takes a subquery (its uuid text is the stream's form),
        while SQLite (embedded, small) takes the list of streams."""
        qs = Event.objects.filter(kind=kind, effective_on__range=(self.start, self.end), stream__startswith="case:")
        if self.bureau.parent_id is None and self.part == "all":
            return qs
        if connection.vendor == "postgresql":
            streams = self.cases().annotate(s=Concat(Value("case:"), Cast("uuid", CharField()))).values("s")
            return qs.filter(stream__in=Subquery(streams))
        return qs.filter(stream__in=[f"case:{u}" for u in self.cases().values_list("uuid", flat=True)])

    def desk(self) -> dict:
        """The 数字化城管 summary for the scope, computed once per Scope object (one aggregate query)."""
        if "_desk" not in self.__dict__:
            from fazhi.citydesk.figures import summary

            only = None if self.part == "all" else self.within("region__bureau")
            object.__setattr__(self, "_desk", summary(self.start, self.end, self.bureau, only=only))
        return self.__dict__["_desk"]


@dataclass(frozen=True)
class Rate:
    """A share with its parts, so every place that shows it can say 83.3%（5/6）; den 0 means nothing to count."""
    num: int
    den: int

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None


@dataclass(frozen=True)
class Missing:
    """A figure the reports state that this system does not record yet: what is missing, in the officer's words."""
    what: str


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    definition: str
    compute: Callable[[Scope], object]
    records: Callable[[Scope], object] | None = None   # drill-down queryset
    unit: str = ""
    none: str = ""      # what "本年度无…" names when the count (or a rate's denominator) is 0
    kind: str = "count"  # count | money (Decimal yuan) | rate (Rate) | breakdown (dict label -> n) | missing


def _ratio(num: int, den: int) -> Rate:
    return Rate(num, den)


def _yuan(v) -> Decimal:
    return Decimal(v or 0).quantize(Decimal("0.01"))


def missing(what: str) -> Callable[[Scope], Missing]:
    """The compute of a figure this system does not record yet."""
    return lambda s: Missing(what)
