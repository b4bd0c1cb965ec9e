"""双随机 (INS-07, INS-09): the draw is reproducible from its published inputs, any change to a candidate or the
seed fails verification, recusal and the no-repeat rule hold, and the selection shows no bias (chi-square)."""
import copy
import random

import pytest

from fazhi.law import draw as D
from fazhi.law.basis import RuleViolation


def population(n=2000, inspectors=40, seed=1):
    rng = random.Random(seed)
    cands = [(f"S{i:06d}", rng.choice(["A", "B", "C"])) for i in range(n)]
    insp = [(f"I{i:03d}", rng.choice(["荷塘", "芦淞", "石峰"])) for i in range(inspectors)]
    return cands, insp


def test_INS_07_same_inputs_and_seed_give_the_same_bytes():
    cands, insp = population()
    a = D.draw(D.freeze(cands, {"A": 10, "B": 10, "C": 5}, insp), b"seed-2026-03")
    # The order in which the lists were handed in does not matter: freezing sorts them.
    b = D.draw(D.freeze(list(reversed(cands)), {"C": 5, "B": 10, "A": 10}, list(reversed(insp))), b"seed-2026-03")
    assert a.canonical() == b.canonical()
    assert len(a.targets) == 25 and len({t["subject"] for t in a.targets}) == 25
    assert D.draw(D.freeze(cands, {"A": 10, "B": 10, "C": 5}, insp), b"other-seed").canonical() != a.canonical()


def test_INS_07_publication_verifies_and_any_change_is_caught():
    cands, insp = population()
    pub = D.publication(D.freeze(cands, {"A": 8, "B": 8}, insp, recusals=[("I001", "S000001")]), b"\x01" * 32)
    assert D.verify(pub).ok
    changed = copy.deepcopy(pub)
    changed["inputs"]["candidates"][5][0] = "S999999"  # one candidate swapped after publication
    v = D.verify(changed)
    assert not v.ok and "名单哈希" in v.problems[0]
    reseeded = copy.deepcopy(pub)
    reseeded["seed"] = ("02" * 32)
    assert "承诺" in D.verify(reseeded).problems[0]
    doctored = copy.deepcopy(pub)
    doctored["result"]["targets"][0]["inspectors"].reverse()
    assert D.verify(doctored).problems == ["按公布的输入重新抽取，结果与公布的结果不一致"]


def test_INS_09_recusal_previous_inspector_and_same_residence():
    cands = [(f"S{i}", "A") for i in range(30)]
    insp = [("I1", "荷塘"), ("I2", "荷塘"), ("I3", "芦淞"), ("I4", "芦淞"), ("I5", "石峰")]
    recusals = [("I1", s) for s, _ in cands]                      # I1 declared a conflict with everyone
    previous = {s: ["I2"] for s, _ in cands}                      # I2 inspected each of them last time
    res = {s: "芦淞" for s, _ in cands}
    r = D.draw(D.freeze(cands, {"A": 30}, insp, recusals, previous, res, same_residence_rule=True), b"s")
    for t in r.targets:
        assert set(t["inspectors"]) <= {"I5"} | set()  # only I5 is left: fewer than two → flagged
        assert t["inspectors"] == [] and "不足二人" in t["note"]
    r = D.draw(D.freeze(cands, {"A": 30}, insp, recusals, previous, res, same_residence_rule=False), b"s")
    for t in r.targets:
        assert len(set(t["inspectors"])) == 2 and not {"I1", "I2"} & set(t["inspectors"])


def test_INS_09_duplicate_subject_refused():
    with pytest.raises(RuleViolation) as e:
        D.freeze([("S1", "A"), ("S1", "B")], {"A": 1}, [("I1", "x"), ("I2", "y")])
    assert e.value.code == "INS-09"


def test_quota_larger_than_the_stratum_takes_the_whole_stratum():
    r = D.draw(D.freeze([("S1", "A"), ("S2", "A")], {"A": 5}, [("I1", ""), ("I2", "")]), b"s")
    assert sorted(t["subject"] for t in r.targets) == ["S1", "S2"]


def chi_square(counts, expected):
    return sum((c - expected) ** 2 / expected for c in counts)


def test_no_bias_in_targets_or_inspectors_chi_square():
    """200 draws of 5 targets from 50 subjects and of inspector pairs from 20: each subject is expected
    200·5/50 = 20 times, each inspector 200·5·2/20 = 100 times. With 49 and 19 degrees of freedom the 0.999
    quantiles are 85.4 and 43.8; a biased draw (e.g. modulo bias or a fixed order) lands far above."""
    cands = [(f"S{i:02d}", "A") for i in range(50)]
    insp = [(f"I{i:02d}", "") for i in range(20)]
    inputs = D.freeze(cands, {"A": 5}, insp)
    subj = dict.fromkeys([c for c, _ in cands], 0)
    ins = dict.fromkeys([i for i, _ in insp], 0)
    for k in range(200):
        for t in D.draw(inputs, f"seed-{k}".encode()).targets:
            subj[t["subject"]] += 1
            for i in t["inspectors"]:
                ins[i] += 1
    assert chi_square(subj.values(), 20) < 85.4
    assert chi_square(ins.values(), 100) < 43.8


def test_rejection_sampling_is_uniform_for_awkward_ranges():
    s = D.Stream(b"x")
    counts = [0, 0, 0]
    for _ in range(30000):
        counts[s.below(3)] += 1
    assert chi_square(counts, 10000) < 13.8  # 2 d.f., 0.999


@pytest.mark.parametrize("code,ok", [
    ("91350100M000100Y43", True),   # the example in GB 32100-2015
    ("91110000802100433B", True),
    ("91350100M000100Y44", False),  # wrong check character
    ("91350100M000100Y4", False),   # too short
    ("91350100M000100YI3", False),  # I is not in the character set
])
def test_unified_social_credit_code_checksum(code, ok):
    assert D.is_valid_uscc(code) is ok


def test_draw_verify_command_on_a_published_file(tmp_path):
    import json

    from fazhi.cli import main

    cands, insp = population(300, 12)
    pub = D.publication(D.freeze(cands, {"A": 4, "B": 4, "C": 4}, insp), b"public-seed")
    good = tmp_path / "draw.json"
    good.write_text(json.dumps(pub, ensure_ascii=False), "utf-8")
    assert main(["draw", "verify", str(good)]) == 0
    pub["inputs"]["candidates"][0][1] = "B" if pub["inputs"]["candidates"][0][1] != "B" else "A"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(pub, ensure_ascii=False), "utf-8")
    assert main(["draw", "verify", str(bad)]) == 1
