"""Report figures: 行政复议、行政应诉、出庭和司法/检察建议 (issue #16). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("court_appearance", "负责人出庭应诉率", "行政诉讼各审级开庭中行政机关负责人出庭的比例（行政诉讼法第三条第三款）",
           missing("行政诉讼开庭及负责人出庭记录"), kind="missing"),
    Figure("suggestions", "司法建议、检察建议办复率", "收到的司法建议、检察建议中按期书面答复的比例",
           missing("司法建议、检察建议的收文及答复记录"), kind="missing"),
]
