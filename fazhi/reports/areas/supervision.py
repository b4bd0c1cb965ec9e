"""Report figures: 执法监督 (issue #18). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("file_reviews", "案卷评查数", "上级或本级组织评查的行政执法案卷数及评查结果", missing("案卷评查的组织与结果"),
           kind="missing"),
]
