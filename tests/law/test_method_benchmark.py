"""DIS-06: a method benchmark (醴陵, 醴城〔2017〕22号) — tiers derived from the range the cited provision sets.

Boundary tests at every tier edge (L, L+1, H/2, H/2+1, H-1, H), an unstated minimum (10% of the maximum), an empty
一般 tier (half of H not above L), whole-yuan rounding, and the DIS-05 invariants the engine keeps."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.law.basis import RuleViolation
from fazhi.law.discretion import (
    LILING_2017,
    Facts,
    assess_method,
    check_within,
    cn_number,
    derive_tiers,
    describe_method,
    parse_standard,
    tier_of,
)
from fazhi.law.rules import RULES

M = LILING_2017
D = Decimal


def tiers(text, party="citizen"):
    return {t.tier: t for t in derive_tiers(M, parse_standard(text), party)}


def tier_name(text, amount, party="citizen"):
    t = tier_of(derive_tiers(M, parse_standard(text), party), D(amount))
    return t.tier if t else None


def test_dis_06_is_in_the_catalogue_citing_the_liling_document():
    r = RULES["DIS-06"]
    assert "醴城〔2017〕22号" in r.basis.law and "第三十四条" in r.basis.note


@pytest.mark.parametrize("amount, tier", [
    (49, None), (50, "轻微"), (51, "一般"), (99, "一般"), (100, "一般"), (101, "严重"), (199, "严重"),
    (200, "特别严重"), (201, None),
])
def test_each_tier_edge_of_50_to_200(amount, tier):
    """L=50, H=200: 轻微 50; 一般 51..100 (H/2 included); 严重 101..199; 特别严重 200."""
    assert tier_name("处五十元以上二百元以下罚款", amount) == tier


@pytest.mark.parametrize("amount, tier", [
    (999, None), (1000, "轻微"), (1001, "一般"), (2500, "一般"), (2501, "严重"), (4999, "严重"), (5000, "特别严重"),
    (5001, None),
])
def test_each_tier_edge_of_1000_to_5000(amount, tier):
    assert tier_name("处一千元以上五千元以下罚款", amount) == tier


@pytest.mark.parametrize("amount, tier", [
    (999, None), (1000, "轻微"), (1001, "一般"), (5000, "一般"), (5001, "严重"), (9999, "严重"), (10000, "特别严重"),
])
def test_an_unstated_minimum_is_ten_percent_of_the_maximum(amount, tier):
    st = parse_standard("处10000元以下罚款")
    assert not st.min_stated and st.spans["any"].low == 0   # the statute's own floor stays 0 (DIS-05)
    assert tier_name("处10000元以下罚款", amount) == tier
    assert any("最高限的10%" in line and "1,000元" in line for line in describe_method(M, st, "citizen"))


def test_a_stated_minimum_is_not_replaced():
    assert parse_standard("处五十元以上二百元以下罚款").min_stated
    assert tiers("处五十元以上二百元以下罚款")["轻微"].low == 50


def test_the_general_tier_is_empty_when_half_the_maximum_is_not_above_the_minimum():
    """100–150: H/2 = 75 ≤ L = 100 — 一般 has no amount; 严重 starts above L, never below it (DIS-05)."""
    t = tiers("处一百元以上一百五十元以下罚款")
    assert t["一般"].empty.startswith("一般档为空") and "75元" in t["一般"].empty and "100元" in t["一般"].empty
    assert (t["严重"].low, t["严重"].high) == (101, 149)
    assert tier_name("处一百元以上一百五十元以下罚款", 100) == "轻微"
    assert tier_name("处一百元以上一百五十元以下罚款", 101) == "严重"
    lines = describe_method(M, parse_standard("处一百元以上一百五十元以下罚款"), "citizen")
    assert any(line.startswith("一般档为空") for line in lines)


def test_half_the_maximum_equal_to_the_minimum_leaves_the_general_tier_empty():
    t = tiers("处一百元以上二百元以下罚款")
    assert t["一般"].empty and (t["严重"].low, t["严重"].high) == (101, 199)


def test_whole_yuan_rounding_can_empty_a_tier():
    """50–101: 一般 is (50, 50.5] — no whole yuan in it; 严重 is 51..100."""
    t = tiers("处五十元以上一百零一元以下罚款")
    assert "取整数" in t["一般"].empty
    assert (t["严重"].low, t["严重"].high) == (51, 100)


def test_an_odd_maximum_rounds_half_down_into_the_general_tier():
    """50–201: H/2 = 100.5 — 一般 ends at 100, 严重 starts at 101."""
    t = tiers("处五十元以上二百零一元以下罚款")
    assert (t["一般"].high, t["严重"].low, t["严重"].high) == (100, 101, 200)


def test_a_fixed_fine_has_one_tier():
    t = tiers("处一百元罚款")
    assert (t["轻微"].low, t["轻微"].high) == (100, 100)
    assert t["一般"].empty and t["严重"].empty and t["特别严重"].empty


def test_amounts_in_the_whole_yuan_tiers_must_be_whole():
    with pytest.raises(RuleViolation) as e:
        assess_method(M, parse_standard("处五十元以上二百元以下罚款"), Facts(), D("75.50"))
    assert e.value.code == "DIS-06" and "整数" in e.value.message


def test_the_assessment_names_the_tier_of_the_amount():
    a = assess_method(M, parse_standard("处五十元以上二百元以下罚款"), Facts(), D(50))
    assert a.tiers == ("轻微",) and (a.low, a.high, a.suggested) == (50, 50, 50)
    assert a.reasons == ("依照《醴陵市城市管理行政执法局行政处罚裁量权基准制度》（醴城〔2017〕22号）按法定幅度（50元至200元）分档，"
                         "罚款50元属轻微档（50元）",)
    check_within(a, D(50), departure_approved=False)


def test_without_an_amount_every_usable_tier_and_the_method_range():
    a = assess_method(M, parse_standard("处10000元以下罚款"), Facts())
    assert a.tiers == ("轻微", "一般", "严重", "特别严重")
    assert (a.low, a.high) == (1000, 10000) and a.statutory.low == 0
    assert a.suggested == 1001


def test_outside_the_statutory_range_is_dis_05_and_below_the_derived_minimum_is_a_departure():
    st = parse_standard("处10000元以下罚款")
    a = assess_method(M, st, Facts(), D(10001))
    with pytest.raises(RuleViolation) as e:
        check_within(a, D(10001), departure_approved=True)
    assert e.value.code == "DIS-05"
    a = assess_method(M, st, Facts(), D(500))   # lawful (the statute allows it), but outside the benchmark
    with pytest.raises(RuleViolation) as e:
        check_within(a, D(500), departure_approved=False)
    assert e.value.code == "DIS-04"
    check_within(a, D(500), departure_approved=True)


def test_no_penalty_needs_the_pen_21_ground():
    a = assess_method(M, parse_standard("处五十元以上二百元以下罚款"), Facts(minor_corrected=True))
    assert a.no_penalty and a.tiers == ("特别轻微",) and "第三十三条" in a.reasons[0]


def test_party_specific_ranges_are_tiered_per_party():
    st = parse_standard("对单位处一千元以上五千元以下罚款，对个人处五十元以上二百元以下罚款")
    assert tier_of(derive_tiers(M, st, "org"), D(2500)).tier == "一般"
    assert tier_of(derive_tiers(M, st, "citizen"), D(100)).tier == "一般"


def test_per_unit_and_multiples_are_refused_by_the_method():
    with pytest.raises(RuleViolation) as e:
        derive_tiers(M, parse_standard("按照占地面积处每平方米一千元罚款"), "citizen")
    assert e.value.code == "DIS-06"


def test_arabic_numbers_with_a_chinese_unit_read():
    assert cn_number("3万") == 30000 and cn_number("1.5万") == 15000
    assert parse_standard("并可处以5000元以上3万元以下的罚款").spans["any"].high == 30000


@given(st.integers(1, 100_000), st.integers(1, 200_000), st.booleans())
def test_tiers_are_disjoint_ordered_and_inside_the_range(low, high, stated):
    if stated and low > high:
        low, high = high, low
    text = f"处{low}元以上{high}元以下罚款" if stated else f"处{high}元以下罚款"
    st_ = parse_standard(text)
    ts = [t for t in derive_tiers(M, st_, "citizen") if not t.no_penalty]
    L = D(low) if stated else D(high) / 10
    last = None
    for t in ts:
        if t.empty:
            assert t.low is None and t.high is None
            continue
        assert L <= t.low <= t.high <= high
        if last is not None:
            assert t.low > last
        last = t.high
    # the minimum and the maximum always have a tier
    assert tier_of(ts, L) is not None and tier_of(ts, D(high)) is not None


def test_an_unstated_minimum_is_said_in_the_reason():
    a = assess_method(M, parse_standard("可以处以2万元以下的罚款"), Facts(), D(2000))
    assert a.reasons == ("依照《醴陵市城市管理行政执法局行政处罚裁量权基准制度》（醴城〔2017〕22号）按法定幅度（20,000元以下）分档，"
                         "法条未规定最低限的按最高限的10%计为2,000元，罚款2,000元属轻微档（2,000元）",)
