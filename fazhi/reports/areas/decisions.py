"""Report figures: 重大行政决策和合法性审查 (issue #19). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("major_decisions", "重大行政决策及合法性审查数", "纳入目录的重大行政决策事项、合法性审查及集体审议的件数"
           "（重大行政决策程序暂行条例）", missing("重大行政决策目录、合法性审查和合同审查"), kind="missing"),
]
