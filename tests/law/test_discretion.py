"""Issue 4 §3: the discretion engine over the real Shenzhen 2023 benchmark (DIS-04, DIS-05, PEN-21, PEN-22).

Table-driven over the whole file: for every rule with a fixed amount, facts matching its conditions give exactly
that amount. Property tests: for random facts the range stays within the statutory range unless a 减轻 ground
is present, and never exceeds the statutory maximum."""
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.law.basis import RuleViolation
from fazhi.law.discretion import (
    Facts,
    Rule,
    Unreadable,
    assess,
    check_within,
    cn_number,
    outside_statutory,
    parse_condition,
    parse_standard,
)
from tests.shared import SHARED

DATA = json.loads((SHARED / "data" / "shenzhen-discretion-2023" /
                   "shenzhen_city_management_discretion_2023.json").read_text("utf-8"))


def groups():
    for item in DATA["items"]:
        for g in item["裁量分组"]:
            rules = [Rule(r["裁量阶次"], parse_condition(r["适用条件"]), parse_standard(r["处罚标准"]),
                          f"{item['id']}/{g['分组序号']}/{r['裁量序号']}") for r in g["裁量规则"]]
            yield item["id"], parse_standard(g["处罚种类及幅度"]), rules


GROUPS = list(groups())


@pytest.mark.parametrize("text,value", [
    ("五十", 50), ("二百", 200), ("一千", 1000), ("两千", 2000), ("二千", 2000), ("三万五千", 35000), ("十万", 100000),
    ("十五万", 150000), ("五十万", 500000), ("一百万", 1000000), ("一点五", Decimal("1.5")), ("2,000", 2000),
])
def test_chinese_amounts(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["", "若干", "处-100元罚款", "处二万元以上二千元以下罚款", "处罚款"])
def test_unreadable_standards_are_refused_not_guessed(text):
    with pytest.raises(Unreadable):
        parse_standard(text)


def test_standard_grammar():
    s = parse_standard("对单位处十万元以上一百万元以下罚款，对个人处一百元以上五百元以下罚款")
    assert (s.spans["org"].low, s.spans["org"].high, s.spans["citizen"].low, s.spans["citizen"].high) == (
        100000, 1000000, 100, 500)
    s = parse_standard("按照占地面积处每平方米一千元罚款，并处没收违法堆放、摆卖的物品和实施违法行为的工具。")
    assert s.per == "平方米" and s.spans["any"].low == 1000 and s.extras
    s = parse_standard("处赔偿额一至二倍罚款")
    assert s.multiple_of == "赔偿额" and (s.spans["any"].low, s.spans["any"].high) == (1, 2)
    assert parse_standard("不予处罚。").no_penalty


def matching_facts(rule: Rule, party: str) -> Facts:
    c = rule.condition
    prior = c.count[0] - 1 if c.count else 0
    if c.any_of and c.count:
        circumstances = ()
    elif c.any_of:
        circumstances = c.circumstances[:1]
    else:
        circumstances = c.circumstances
    return Facts(party=party, prior_penalties=prior, circumstances=frozenset(circumstances),
                 minor_corrected=c.minor_corrected, quantities={"平方米": Decimal(1), "处": Decimal(1),
                                                               "赔偿额": Decimal(1)})


FIXED = [(vid, stat, rules, r, party) for vid, stat, rules in GROUPS for r in rules if not r.standard.no_penalty
         for party, span in r.standard.spans.items() if span.fixed]


# The benchmark as issued has one tier outside its own group's statutory range: item 27 (垃圾转运站, 第六十五条)
# states 二千元以上五千元以下 but its 情节较轻 tier is 一千元 (the 第一款 range is 一千元以上三千元以下). DIS-05
# wins: the engine refuses that tier instead of returning an unlawful amount.
ANOMALIES = {"sz_cg_2023_027/1/1"}


@pytest.mark.parametrize("vid,stat,rules,rule,party", FIXED, ids=[f"{r.ref}-{p}" for _, _, _, r, p in FIXED])
def test_DIS_04_fixed_amount_rules_give_their_amount_for_matching_facts(vid, stat, rules, rule, party):
    party = rule.condition.party or ("citizen" if party == "any" else party)
    if rule.ref in ANOMALIES:
        assert outside_statutory(rule.standard, stat)
        with pytest.raises(RuleViolation) as e:
            assess(rules, stat, matching_facts(rule, party))
        assert e.value.code == "DIS-05"
        return
    a = assess(rules, stat, matching_facts(rule, party))
    assert rule.ref in a.rules and rule.tier in a.tiers
    expected = rule.standard.spans.get(party, rule.standard.spans.get("any")).low
    assert a.suggested == expected, (a, rule)
    assert a.low <= a.suggested <= a.high


def test_fixed_rule_count_is_the_whole_file():
    assert len(GROUPS) == 79 and sum(len(r) for _, _, r in GROUPS) == 234
    assert len({r.ref for *_, r, _ in FIXED}) >= 220  # every rule but 不予处罚 and a few 倍数/幅度 ones


def test_PEN_21_minor_and_corrected_is_no_penalty():
    vid, stat, rules = next(g for g in GROUPS if any(r.standard.no_penalty for r in g[2]))
    a = assess(rules, stat, Facts(minor_corrected=True))
    assert a.no_penalty and a.suggested == 0 and "第三十三条" in a.reasons[0]


def test_DIS_04_outside_the_range_needs_an_approved_departure():
    vid, stat, rules = GROUPS[0]  # 二千元以上二万元以下; 第一次 → 二千元
    a = assess(rules, stat, Facts(party="org"))
    check_within(a, Decimal(2000), departure_approved=False)
    with pytest.raises(RuleViolation) as e:
        check_within(a, Decimal(5000), departure_approved=False)
    assert e.value.code == "DIS-04"
    check_within(a, Decimal(5000), departure_approved=True)
    with pytest.raises(RuleViolation) as e:
        check_within(a, Decimal(20001), departure_approved=True)  # never above the statutory maximum
    assert e.value.code == "DIS-05"
    with pytest.raises(RuleViolation) as e:
        check_within(a, Decimal(1999), departure_approved=True)  # below the minimum only with a 减轻 ground
    assert e.value.code == "DIS-05"


def test_PEN_22_mitigation_allows_below_the_minimum_never_above_it():
    vid, stat, rules = GROUPS[0]
    a = assess(rules, stat, Facts(party="org", prior_penalties=2, mitigation_grounds=("主动消除违法行为危害后果",)))
    assert a.mitigated and a.high <= 2000 and a.low == 0
    check_within(a, Decimal(1000), departure_approved=False)


CIRCUMSTANCES = sorted({c for _, _, rules in GROUPS for r in rules for c in r.condition.circumstances})


@settings(max_examples=300, deadline=None)
@given(group=st.sampled_from(GROUPS), party=st.sampled_from(["citizen", "org"]), prior=st.integers(0, 6),
       circ=st.sets(st.sampled_from(CIRCUMSTANCES), max_size=3), mitigate=st.booleans(),
       area=st.decimals(min_value=1, max_value=500, places=1), damage=st.decimals(min_value=1, max_value=100000,
                                                                                 places=2))
def test_DIS_05_range_within_statutory_unless_mitigated_and_never_above_maximum(group, party, prior, circ, mitigate,
                                                                              area, damage):
    vid, stat, rules = group
    facts = Facts(party=party, prior_penalties=prior, circumstances=frozenset(circ),
                  mitigation_grounds=("主动减轻违法行为危害后果",) if mitigate else (),
                  quantities={"平方米": area, "处": Decimal(2), "赔偿额": damage})
    try:
        a = assess(rules, stat, facts)
    except RuleViolation as e:  # e.g. a fine that exists only for 单位, asked for a 个人
        assert e.code == "DIS-05"
        return
    s = stat.money(party, facts.quantities)
    assert a.low <= a.suggested <= a.high
    if s is not None:
        assert a.high <= s.high
        if not mitigate:
            assert s.low <= a.low


@pytest.mark.parametrize("text,low,high", [
    ("处建设工程造价百分之五以上百分之十以下的罚款", Decimal("50000"), Decimal("100000")),
    ("处建设工程造价百分之十以下的罚款", Decimal("0"), Decimal("100000")),
    ("处建设工程造价百分之五的罚款", Decimal("50000"), Decimal("50000")),
])
def test_HUD_02_share_of_construction_cost(text, low, high):
    s = parse_standard(text)
    assert s.multiple_of == "建设工程造价"
    span = s.money("org", {"建设工程造价": Decimal(1_000_000)})
    assert (span.low, span.high) == (low, high)


def test_HUD_02_engine_needs_the_cost_and_keeps_within_5_to_10_percent():
    stat = parse_standard("处建设工程造价百分之五以上百分之十以下的罚款")
    with pytest.raises(RuleViolation) as e:
        assess([], stat, Facts(party="org"))
    assert e.value.code == "DIS-05" and "建设工程造价" in e.value.message
    a = assess([], stat, Facts(party="org", quantities={"建设工程造价": Decimal(800_000)}))
    assert (a.low, a.high, a.suggested) == (Decimal(40000), Decimal(80000), Decimal(60000))
