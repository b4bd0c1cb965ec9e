"""Issue 4 §4: cases use the discretion engine. A proposed and final fine lie inside the benchmark's range, or
carry a recorded departure approved by the head or a collective deliberation (DIS-04); nothing outside the
statutory range (DIS-05); the version in force at the act applies unless a later one is lighter (PEN-24); the
decision states the tier applied."""
import json
import re
import subprocess
from datetime import date

import pytest

from fazhi.cases import documents
from fazhi.cases.models import PenaltyCase
from fazhi.catalog import importers
from fazhi.catalog.models import Benchmark
from tests.shared import SHARED
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused, site_record

SZ = json.loads((SHARED / "data" / "shenzhen-discretion-2023" /
                 "shenzhen_city_management_discretion_2023.json").read_text("utf-8"))
ITEM1 = "shenzhen-cg-2023:sz_cg_2023_001"  # 二千元以上二万元以下: 第一次 2000, 第二次 10000, 第三次及以上 20000


@pytest.fixture
def benchmark(db):
    # The engine is exercised on 深圳's real benchmark, here lifted to nationwide so the 株洲 test bureau may
    # apply it; the area check itself (CAT-01) is tested in tests/catalog/test_jurisdiction.py.
    return importers.import_shenzhen(SZ, area="")[0]


def investigated(api, *, act_on="2026-03-01"):
    c = clue(api, act_on=act_on)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="inspection", title="现场检查笔录", **site_record("2026-03-04")))
    return c


def conclude(api, c, fine, on="2026-03-10", **extra):
    return act(api, "hetang_officer1", c, "conclude_investigation", on=on, outcome="penalty", facts="经查属实",
               kinds=["fine"], fine=fine, benchmark_violation=ITEM1, **extra)


def test_DIS_04_tier_applied_within_range_and_stated_in_the_decision(api, benchmark):
    c = investigated(api)
    body = ok(conclude(api, c, "2000", discretion_facts={"prior_penalties": 0}))
    assert body["timeline"][-1]["data"]["discretion"]["tiers"] == ["情节较轻"]  # recorded in the chain
    case = PenaltyCase.objects.get(uuid=c)
    assert case.discretion["tiers"] == ["情节较轻"] and case.discretion["suggested"] == "2000"
    assert case.discretion["within"] is True
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即改正"))
    pdf = documents.to_pdf(documents.build(PenaltyCase.objects.get(uuid=c), "decision"))
    text = re.sub(r"第\d+页共\d+页", "", re.sub(r"\s+", "", subprocess.run(["pdftotext", "-", "-"], input=pdf,
                                                                           capture_output=True).stdout.decode()))
    assert "本案适用“情节较轻”裁量阶次" in text and "第1项" in text


def test_DIS_04_departure_needs_reasons_and_the_heads_approval(api, benchmark):
    c = investigated(api)
    refused(conclude(api, c, "5000", discretion_facts={"prior_penalties": 0}), "DIS-04")  # no reason given
    ok(conclude(api, c, "5000", discretion_facts={"prior_penalties": 0}, departure_reason="面积较大，影响通行"))
    assert PenaltyCase.objects.get(uuid=c).discretion["within"] is False
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    refused(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="改正"), "DIS-04")
    status, _ = act(api, "hetang_deputy", c, "approve_departure", on="2026-03-12", reason="同意")
    assert status == 403  # only the 主要负责人
    ok(act(api, "hetang_head", c, "approve_departure", on="2026-03-12", reason="同意偏离，理由充分"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="改正"))


def test_DIS_05_never_above_the_statutory_maximum_even_with_reasons(api, benchmark):
    c = investigated(api)
    body = refused(conclude(api, c, "20001", discretion_facts={"prior_penalties": 3}, departure_reason="情节恶劣"),
                   "DIS-05")
    assert "20,000.00" in body["message"]
    ok(conclude(api, c, "20000", discretion_facts={"prior_penalties": 3}))


def test_PEN_24_a_later_lighter_benchmark_applies(api, benchmark):
    _, rows = importers.rows_from_shenzhen_json(SZ)
    for r in rows:
        if r["编码"] == "sz_cg_2023_001" and r["裁量序号"] == 2:
            r["处罚标准"] = "处五千元罚款。"  # the second offence: 10,000 → 5,000 from 2026-06-01
    Benchmark.objects.filter(pk=benchmark.pk).update(effective_until=date(2026, 5, 31))
    importers.load(rows, code="shenzhen-cg-2026", title="深圳市城市管理行政处罚裁量权实施标准（修订）",
                   effective_from=date(2026, 6, 1))
    c = investigated(api, act_on="2026-03-01")
    ok(conclude(api, c, "5000", on="2026-07-01", discretion_facts={"prior_penalties": 1}))
    d = PenaltyCase.objects.get(uuid=c).discretion
    assert d["violation_ref"] == "shenzhen-cg-2026:sz_cg_2023_001" and d["suggested"] == "5000"
    assert "从旧兼从轻" in d["reasons"][0]
    # For a first offence the two versions agree: the one in force at the act applies.
    c2 = investigated(api, act_on="2026-03-01")
    ok(conclude(api, c2, "2000", on="2026-07-01", discretion_facts={"prior_penalties": 0}))
    assert PenaltyCase.objects.get(uuid=c2).discretion["violation_ref"] == ITEM1


def test_unknown_violation_reference_is_refused(api, benchmark):
    c = investigated(api)
    refused(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty", facts="x",
                kinds=["fine"], fine="2000", benchmark_violation="shenzhen-cg-2023:nope"), "DIS-04")


def test_PEN_21_no_penalty_by_exemption_list_cites_a_real_entry(api, org):
    from fazhi.catalog.powers import load_exemptions
    from fazhi.org.models import Bureau

    city = Bureau.objects.get(code="430200")
    load_exemptions([{"类别": "不予处罚", "序号": 3, "违法行为": "临街商户店外设摊经营，首次被发现并当场改正",
                      "适用条件": "初次违法、危害后果轻微并及时改正", "法律依据": "《中华人民共和国行政处罚法》第三十三条第一款"}],
                    bureau=city, effective_from=date(2026, 1, 1))
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    refused(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
                facts="首次", exemption_entry="99"), "PEN-21")
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
           facts="首次", exemption_entry="3"))  # the district applies the city's list
    assert PenaltyCase.objects.get(uuid=c).exemption_entry == "不予处罚清单第3项：临街商户店外设摊经营，首次被发现并当场改正"
