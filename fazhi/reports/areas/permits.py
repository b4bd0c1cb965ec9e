"""Report figures: 行政许可 (issue #17). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("permits", "行政许可办理数", "期间内受理、办结的行政许可件数", missing("行政许可的受理与办结"),
           kind="missing"),
]
