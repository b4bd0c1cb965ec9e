"""Report figures: 执法人员资格、培训和学法 (issue #21, STF-02, STF-04), computed by fazhi/personnel/figures.py over the
scope's bureaus; the leaders' duties (STF-03) are not recorded yet (Missing)."""
from __future__ import annotations

from decimal import Decimal

from fazhi.reports.base import Figure, Rate, missing


def bureau_ids(s) -> list[int]:
    """The scope's bureaus (its part: all, own, subordinate)."""
    from fazhi.org.models import Bureau

    tree = list(Bureau.objects.filter(path__startswith=s.bureau.path).values_list("pk", flat=True))
    if s.part == "all":
        return tree
    own = set(s.own_ids)
    return [pk for pk in tree if (pk in own) == (s.part == "own")]


def _on_duty(s) -> Rate:
    from fazhi.personnel.figures import on_duty

    return Rate(*on_duty(bureau_ids(s), s.start, s.end))


def _training(key: str):
    def compute(s):
        from fazhi.personnel.figures import training

        return training(bureau_ids(s), s.start, s.end)[key]
    return compute


def _exam(kind: str):
    def compute(s) -> Rate:
        from fazhi.personnel.figures import exam_pass

        return Rate(*exam_pass(bureau_ids(s), s.start, s.end, kind))
    return compute


def _bar(s) -> int:
    from fazhi.personnel.figures import bar_passes

    return bar_passes(bureau_ids(s), s.start, s.end)


def _average(s) -> Decimal:
    return _training("average")(s)


FIGURES: list[Figure] = [
    Figure("on_duty", "持证上岗率", "期间内在案件中实施执法行为的执法队员、中队长中，每次实施时均持有效行政执法证（未过期、未暂扣、未注销）"
           "的人数所占比例（行政处罚法第四十二条）", _on_duty, None, "", "实施执法行为的人员", "rate"),
    Figure("training", "执法人员培训场次", "期间内结束的执法人员培训（集中面授、网络培训、以师带徒）场次", _training("courses"), None,
           "场", "执法人员培训"),
    Figure("training_person_times", "执法人员参训人次", "期间内结束的培训的参训人次", _training("person_times"), None, "人次",
           "参训人员"),
    Figure("training_average_hours", "人均培训学时", "期间内参训人员的培训学时之和除以参训人数", _average, None, "学时",
           "参训人员"),
    Figure("qualification_pass", "执法资格考试合格率", "期间内参加执法资格考试的人次中，公共法律知识和专业法律知识均达到合格分数线的比例",
           _exam("qualification"), None, "", "执法资格考试", "rate"),
    Figure("study_pass", "学法考试合格率", "期间内学法考试的人次中合格的比例", _exam("study"), None, "", "学法考试", "rate"),
    Figure("leaders_study", "负责人研究部署法治建设和学法", "期间内党组（党委）会议研究法治建设、理论学习中心组和局务会学法的次数",
           missing("负责人研究部署法治建设、中心组和局务会学法的次数"), kind="missing"),
    Figure("bar_exam", "通过法律职业资格考试的执法人员数", "期间内通过国家统一法律职业资格考试的执法人员", _bar, None, "人",
           "通过法律职业资格考试的人员"),
]
