"""Report figures: 执法人员资格、培训和述法 (issue #21). Until the context records them, each is Missing (本系统未记录)."""
from __future__ import annotations

from fazhi.reports.base import Figure, missing

FIGURES: list[Figure] = [
    Figure("training", "执法人员培训", "期间内组织的执法人员培训场次、参训人次和人均学时", missing("执法人员培训的场次、人次和学时"),
           kind="missing"),
    Figure("leaders_study", "负责人研究部署法治建设和学法", "期间内党组（党委）会议研究法治建设、理论学习中心组和局务会学法的次数",
           missing("负责人研究部署法治建设、中心组和局务会学法的次数"), kind="missing"),
    Figure("bar_exam", "通过法律职业资格考试的执法人员数", "期间内通过国家统一法律职业资格考试的执法人员",
           missing("执法人员通过国家统一法律职业资格考试的情况"), kind="missing"),
]
