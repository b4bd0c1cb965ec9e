"""Report figures: 两法衔接和行政机关间移送 (issue #22). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("transfers_out", "向其他行政机关移送线索数", "期间内向住建、自然资源等行政机关移送的违法线索数",
           missing("向其他行政机关移送线索的记录"), kind="missing"),
]
