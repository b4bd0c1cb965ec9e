"""SUP-01 scoring, pure: deduct-only with a floor of 0 per section, an item deducts at most its points, a failed
veto item makes the file 不合格 with 0 whatever its points, and the grade bands' cut-offs are inclusive."""
from decimal import Decimal as D

import pytest

from fazhi.law import supervision as s

BANDS = s.parse_bands("优秀:90；合格:70；不合格:0")
ITEMS = [s.Item("J1", "基本标准", s.VETO, D(0)), s.Item("F1", "卷面", s.POINTS, D(5)),
         s.Item("F2", "卷面", s.POINTS, D(20)), s.Item("N1", "内容", s.POINTS, D(10))]
SECTIONS = {"卷面": D(20), "内容": D(80)}


def score(deductions=None, vetoes=()):
    return s.score(ITEMS, SECTIONS, {k: D(v) for k, v in (deductions or {}).items()}, set(vetoes), BANDS)


def test_SUP_01_full_marks_and_grade_band_boundaries():
    assert score().score == 100 and score().grade == "优秀"
    assert score({"N1": 10}).score == 90 and score({"N1": 10}).grade == "优秀"        # on the cut-off
    assert score({"N1": 10, "F1": "0.5"}).grade == "合格"                             # just below
    assert score({"F2": 20, "N1": 10}).score == 70 and score({"F2": 20, "N1": 10}).grade == "合格"


def test_SUP_01_an_item_deducts_at_most_its_points_and_a_section_floors_at_zero():
    assert score({"F1": 9}).score == 95                  # F1 deducts at most 5
    r = score({"F1": 5, "F2": 20})
    assert r.by_section["卷面"] == 0 and r.score == 80    # 25 asked, floor 0


def test_SUP_01_a_failed_veto_item_is_zero_and_the_lowest_grade():
    r = score(vetoes=["J1"])
    assert (r.score, r.grade, r.vetoed) == (0, "不合格", ["J1"])


@pytest.mark.parametrize("text", ["", "优秀90", "优秀:90；合格:70", "优秀:90；合格:90；不合格:0", "优秀:-1；不合格:0",
                                  "优秀:九十；不合格:0"])
def test_SUP_01_unreadable_bands_are_refused(text):
    with pytest.raises(s.Unreadable):
        s.parse_bands(text)
