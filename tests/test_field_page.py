"""/field/ for the everyday cases (#31 §2): the violation picked from the bureau's benchmark (醴陵's method benchmark,
DIS-06) or typed with 违反的规定 and 处罚依据; the tiers and range shown before the party signs; the on-the-spot limits
of 行政处罚法第五十一条 at their edges (PEN-01: citizen 200 ok / 201 refused; organisation 3,000 ok / 3,001 refused);
the 法定代表人 of an organisation."""
import json
import re

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.catalog.demo import build_catalogue
from fazhi.org.models import Bureau, Staff

DAY = "2026-03-02"


@pytest.fixture
def liling(org):
    build_catalogue(Bureau.objects.get(parent=None))
    c = Client()
    c.force_login(Staff.objects.get(username="liling_officer1"))
    return c


def form(**over):
    data = {"on": DAY, "party_kind": "citizen", "party_name": "李明", "party_address": "醴陵市瓷城大道8号",
            "facts": "当事人在瓷城大道人行道上乱扔烟头、纸屑", "place": "醴陵市瓷城大道", "act_on": DAY,
            "discovered_on": DAY, "officers": ["liling_officer2"], "kinds": ["fine"], "fine": "50",
            "statement": "无异议", "correction_order": "当场清理", "facts_certain": "1",
            "signature_refused": "1", "witness": "路过群众张某"}
    data.update(over)
    return data


TYPED = {"cause": "乱扔废弃物", "violated_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项",
         "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条"}


def catalogue_of(page: str) -> dict:
    m = re.search(r'<script id="field-catalogue" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_the_page_offers_the_liling_method_benchmark_with_its_tiers_before_signing(liling):
    page = liling.get("/field/").content.decode()
    assert "醴城〔2017〕22号" in page and 'value="liling-cg-2017:LL-01"' in page
    assert 'name="violated_provision"' in page and 'name="penalty_provision"' in page
    assert 'name="party_representative"' in page and "法定代表人" in page
    item = catalogue_of(page)["liling-cg-2017:LL-01"]
    assert item["method"] and item["status"] == "须核实"
    citizen = {t["tier"]: t["text"] for t in item["parties"]["citizen"]["tiers"]}
    assert citizen == {"特别轻微": "不予处罚（批评教育）", "轻微": "50元", "一般": "51—100元", "严重": "101—199元",
                       "特别严重": "200元"}
    road = catalogue_of(page)["liling-cg-2017:LL-05"]["parties"]["citizen"]
    assert any("最高限的10%" in line for line in road["lines"])
    # the 株洲 example benchmark applies in 醴陵 too (株洲 lineage); 深圳's never does (CAT-01)
    assert "zhuzhou-illustrative:ZZ-SL-001" in page and "shenzhen-cg-2023" not in page
    # the 荷塘 officer is not offered 醴陵's benchmark
    other = Client()
    other.force_login(Staff.objects.get(username="hetang_officer1"))
    assert "liling-cg-2017" not in other.get("/field/").content.decode()


def test_a_citizen_fined_50_for_littering_under_the_liling_benchmark(liling):
    r = liling.post("/field/", form(benchmark_violation="liling-cg-2017:LL-01"))
    assert r.status_code == 302, r.content.decode()[:3000]
    case = PenaltyCase.objects.get(party_name="李明")
    assert case.cause.startswith("乱扔垃圾") and case.fine == 50
    assert case.penalty_provision == "《城市市容和环境卫生管理条例》第三十四条第（一）项"
    assert case.discretion["tiers"] == ["轻微"] and "醴城〔2017〕22号" in case.discretion["benchmark"]
    assert any("按法定幅度（50元至200元）分档，罚款50元属轻微档" in r for r in case.discretion["reasons"])


@pytest.mark.parametrize("fine, tier", [("51", "一般"), ("100", "一般"), ("101", "严重"), ("200", "特别严重")])
def test_the_tier_recorded_is_the_tier_of_the_amount(liling, fine, tier):
    assert liling.post("/field/", form(benchmark_violation="liling-cg-2017:LL-01", fine=fine)).status_code == 302
    assert PenaltyCase.objects.get(party_name="李明").discretion["tiers"] == [tier]


def test_a_fraction_of_a_yuan_in_a_whole_yuan_tier_is_refused(liling):
    r = liling.post("/field/", form(benchmark_violation="liling-cg-2017:LL-01", fine="75.50"))
    assert r.status_code == 409 and "DIS-06" in r.content.decode() and "整数" in r.content.decode()
    assert not PenaltyCase.objects.exists()


def test_a_street_stall_cannot_be_fined_on_the_spot_for_a_citizen_under_the_method(liling):
    """占道经营: 2万元以下, the method's minimum 2,000元 — 200元 leaves the benchmark (DIS-04), 201 the procedure."""
    r = liling.post("/field/", form(benchmark_violation="liling-cg-2017:LL-05", fine="200"))
    assert r.status_code == 409 and "DIS-04" in r.content.decode()
    r = liling.post("/field/", form(benchmark_violation="liling-cg-2017:LL-05", fine="201"))
    assert r.status_code == 409 and "PEN-01" in r.content.decode()
    assert not PenaltyCase.objects.exists()


def test_a_typed_violation_with_its_provisions_is_decided(liling):
    r = liling.post("/field/", form(**TYPED))
    assert r.status_code == 302
    case = PenaltyCase.objects.get(party_name="李明")
    assert (case.cause, case.violated_provision, case.penalty_provision) == (
        TYPED["cause"], TYPED["violated_provision"], TYPED["penalty_provision"])
    assert case.discretion == {}


def test_a_typed_violation_without_a_penalty_provision_is_refused_saying_what_is_missing(liling):
    r = liling.post("/field/", form(cause="乱扔废弃物"))
    page = r.content.decode()
    assert r.status_code == 409 and "PEN-01" in page and "处罚依据" in page
    assert not PenaltyCase.objects.exists()


def test_a_typed_special_zone_provision_is_refused_as_on_the_case_form(liling):
    r = liling.post("/field/", form(cause="乱扔废弃物",
                                    penalty_provision="《深圳经济特区市容和环境卫生管理条例》第十三条第二款"))
    assert r.status_code == 409 and "CAT-01" in r.content.decode()


@pytest.mark.parametrize("party, fine, allowed", [
    ("citizen", "200", True), ("citizen", "200.00", True), ("citizen", "201", False), ("citizen", "200.01", False),
    ("org", "3000", True), ("org", "3001", False), ("org", "3000.01", False),
])
def test_pen_01_on_the_spot_limits_at_their_edges(liling, party, fine, allowed):
    extra = {"party_representative": "王芳", "party_name": "醴陵市某某商贸有限公司"} if party == "org" else {}
    r = liling.post("/field/", form(**TYPED, **extra, party_kind=party, fine=fine))
    if allowed:
        assert r.status_code == 302, r.content.decode()[:2000]
        assert PenaltyCase.objects.get().fine == PenaltyCase.objects.get().fine.__class__(fine)
    else:
        page = r.content.decode()
        limit = "200" if party == "citizen" else "3000"
        assert r.status_code == 409 and "PEN-01" in page and f"不得超过{limit}元" in page
        assert "第五十一条" in page
        assert not PenaltyCase.objects.exists()


def test_an_organisations_legal_representative_is_recorded(liling):
    r = liling.post("/field/", form(**TYPED, party_kind="org", party_name="醴陵市某某商贸有限公司",
                                    party_id_number="91430281MA4L000001", party_representative="王芳", fine="1000"))
    assert r.status_code == 302
    case = PenaltyCase.objects.get()
    assert case.party_representative == "王芳"
