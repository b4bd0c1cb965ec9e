"""Report figures: 执法人员资格、培训和述法 (issue #21). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("training", "执法人员培训", "期间内组织的执法人员培训场次、参训人次和人均学时", missing("执法人员培训的场次、人次和学时"),
           kind="missing"),
]
