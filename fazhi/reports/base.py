"""The building blocks of the report's figures: the scope (a bureau's subtree and a period), Rate, Missing and
Figure. Each context's figures (fazhi/reports/areas/) and the core ones (figures.py) are built from these."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, Subquery, Value
from django.db.models.functions import Cast, Concat

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event


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
