"""Issue 15 §6: a benchmark applies only in its area (CAT-01). A 深圳 benchmark — 经济特区法规, implemented only
inside the special zone (立法法第八十四条第一款) — never founds a 株洲 case; the illustrative 株洲 benchmark, built
from national provisions, does; the pickers list only what applies to the user's bureau."""
import json
import random
from datetime import date

import pytest

from fazhi.cases.forms import catalogue_choices
from fazhi.cases.models import PenaltyCase
from fazhi.catalog import importers
from fazhi.catalog.demo import build_catalogue
from fazhi.catalog.models import Benchmark
from fazhi.law.basis import RuleViolation
from fazhi.law.jurisdiction import applies, check_applies, valid_area
from fazhi.law.rules import RULES
from fazhi.org.models import Bureau
from tests.shared import SHARED
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused, site_record

SZ = json.loads((SHARED / "data" / "shenzhen-discretion-2023" /
                 "shenzhen_city_management_discretion_2023.json").read_text("utf-8"))
SZ_ITEM = "shenzhen-cg-2023:SZ2023-001"  # the demo loads 深圳 from our CSV
ZZ_ITEM = "zhuzhou-illustrative:ZZ-SL-001"   # 擅自占用城市道路, 一般 tier 2,000–5,000 for a first offence
HETANG = ["430202", "430200"]                # 荷塘区局 and the 株洲 city bureau above it


# --- the pure rule ---------------------------------------------------------------------------------------------

def test_CAT_01_rule_cites_the_legislation_law():
    assert str(RULES["CAT-01"].basis) == "《中华人民共和国立法法》第八十四条第一款（2023年修正）"


@pytest.mark.parametrize("area, codes, expected", [
    ("", HETANG, True),                       # national law: everywhere
    ("43", HETANG, True),                     # 湖南省
    ("4302", HETANG, True),                   # 株洲市
    ("4302", ["430202-01", *HETANG], True),   # a squad acts in its bureau's area
    ("430202", HETANG, True),                 # 荷塘区 itself
    ("430203", HETANG, False),                # 芦淞区: the next district, outside
    ("4303", HETANG, False),                  # 湘潭市: the next city code, outside
    ("4403", HETANG, False),                  # 深圳市
    ("44", HETANG, False),                    # 广东省
    ("4403", ["440300"], True),               # 深圳's own bureau
])
def test_CAT_01_area_boundaries(area, codes, expected):
    assert applies(area, codes) is expected


def test_CAT_01_refusal_names_the_area_and_the_basis():
    with pytest.raises(RuleViolation) as e:
        check_applies("4403", HETANG, what="《深圳标准》", bureau_name="荷塘区局")
    assert e.value.code == "CAT-01"
    assert "广东省深圳市" in e.value.message and "荷塘区局" in e.value.message
    check_applies("", HETANG, what="《城市道路管理条例》", bureau_name="荷塘区局")  # nationwide: no refusal


@pytest.mark.parametrize("area, ok_", [("", True), ("43", True), ("4302", True), ("430202", True), ("4", False),
                                       ("430", False), ("4302021", False), ("深圳", False)])
def test_CAT_01_import_reads_only_division_codes(area, ok_):
    assert valid_area(area) is ok_


def test_CAT_01_import_refuses_an_unreadable_area(db):
    _, rows = importers.rows_from_shenzhen_json(SZ)
    with pytest.raises(importers.ImportRejected) as e:
        importers.load(rows, code="x", title="x", effective_from=date(2024, 1, 1), area="深圳")
    assert any(p.field == "适用地域" for p in e.value.report.problems)
    assert not Benchmark.objects.exists()


def test_CAT_01_shenzhen_json_is_imported_for_shenzhen_only(db):
    b, _ = importers.import_shenzhen(SZ)
    assert b.area == "4403" and b.area_name == "广东省深圳市"


# --- cases ------------------------------------------------------------------------------------------------------

@pytest.fixture
def catalogue(org):
    build_catalogue(Bureau.objects.get(code="430200"))


def _investigated(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="inspection", title="现场检查笔录", **site_record("2026-03-04")))
    return c


def _conclude(api, c, ref, fine):
    return act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
               facts="经查属实", kinds=["fine"], fine=fine, benchmark_violation=ref,
               discretion_facts={"prior_penalties": 0})


def test_CAT_01_zhuzhou_case_citing_the_shenzhen_benchmark_is_refused(api, catalogue):
    c = _investigated(api)
    before = PenaltyCase.objects.get(uuid=c)
    body = refused(_conclude(api, c, SZ_ITEM, "2000"), "CAT-01")
    assert "深圳" in body["message"] and "株洲市荷塘区" in body["message"]
    assert body["basis"]["law"] == "中华人民共和国立法法" and body["basis"]["article"] == 84
    after = PenaltyCase.objects.get(uuid=c)  # a refusal changes nothing
    assert (after.status, after.version, after.violation_type_id) == (before.status, before.version, None)


def test_CAT_01_zhuzhou_case_under_the_national_provision_is_accepted(api, catalogue):
    c = _investigated(api)
    ok(_conclude(api, c, ZZ_ITEM, "3000"))
    case = PenaltyCase.objects.get(uuid=c)
    assert case.violation_type.benchmark.code == "zhuzhou-illustrative"
    assert case.discretion["tiers"] == ["一般"] and case.violation_type.law_title == "城市道路管理条例"


def _on_site(api, ref):
    return api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-03-02", "party_kind": "org", "party_name": "株洲市瑞丰商贸有限公司",
        "party_representative": "陈志远", "party_id_number": "91430200MA4L67890Y", "party_address": "株洲市车站路8号",
        "facts": "当事人在车站路8号门前擅自占用人行道摆放货架。", "place": "株洲市车站路8号门前",
        "act_on": "2026-03-02", "discovered_on": "2026-03-02", "officers": ["hetang_officer2"], "kinds": ["fine"],
        "fine": "2000", "statement": "无异议", "correction_order": "当场搬离", "benchmark_violation": ref})


def test_CAT_01_on_the_spot_decision_citing_the_shenzhen_benchmark_is_refused(api, catalogue):
    refused(_on_site(api, SZ_ITEM), "CAT-01")
    assert not PenaltyCase.objects.exists()
    status, body = _on_site(api, ZZ_ITEM)
    assert status == 201, body
    case = PenaltyCase.objects.get(uuid=body["uuid"])
    assert case.penalty_provision.startswith("《城市道路管理条例》第")  # a national provision, never 深圳's


def test_CAT_01_picker_lists_only_the_benchmarks_of_the_bureaus_area(catalogue):
    today = date(2026, 3, 2)
    hetang = Bureau.objects.get(code="430202")
    refs = [ref for ref, _ in catalogue_choices(today, hetang)[0]]
    assert refs and all(r.startswith("zhuzhou-illustrative:") for r in refs)
    squad = Bureau.objects.filter(parent=hetang).first()
    assert [r for r, _ in catalogue_choices(today, squad)[0]] == refs  # a squad: its bureau's lineage
    shenzhen = Bureau.objects.create(code="440300", name="深圳市城市管理和综合执法局", short_name="深圳市局", kind="city")
    sz_refs = [ref for ref, _ in catalogue_choices(today, shenzhen)[0]]
    assert sz_refs and all(r.startswith("shenzhen-cg-2023:") for r in sz_refs)
    assert catalogue_choices(today, None)[0] == []  # no bureau: only nationwide benchmarks, none loaded here


def test_CAT_01_field_page_and_case_form_offer_the_bureaus_violations_only(client, catalogue):
    from fazhi.org.models import Staff

    client.force_login(Staff.objects.get(username="hetang_officer1"))
    page = client.get("/field/").content.decode()
    assert "zhuzhou-illustrative:ZZ-SL-001" in page and "shenzhen-cg-2023:" not in page


# --- the demo ---------------------------------------------------------------------------------------------------

def test_CAT_01_every_demo_case_cites_a_basis_that_applies_in_hunan(org):
    from fazhi.cases.demo import build_cases
    from fazhi.org.demo import _name

    build_catalogue(Bureau.objects.get(parent=None))
    rng, used = random.Random(11), set()
    build_cases(org, rng, date(2026, 11, 30), lambda: _name(rng, used), general_per_bureau=8, simple_per_bureau=8)
    cases = list(PenaltyCase.objects.select_related("bureau", "violation_type__benchmark"))
    assert cases
    for case in cases:
        assert "经济特区" not in case.penalty_provision and "深圳" not in case.penalty_provision, case.penalty_provision
        if case.violation_type is not None:
            assert case.violation_type.benchmark.applies_to(case.bureau)
    assert any(c.violation_type and c.violation_type.benchmark.code == "zhuzhou-illustrative" for c in cases)


def test_CAT_01_a_special_zone_regulation_typed_as_the_basis_is_refused(api, org):
    status, body = api("hetang_officer1").post("/cases", {
        "on": "2026-03-02", "party_kind": "org", "party_name": "株洲市恒达商贸有限公司",
        "party_address": "湖南省株洲市建设中路1号", "cause": "超出门窗外墙摆卖", "place": "建设中路",
        "act_on": "2026-03-01", "discovered_on": "2026-03-02",
        "penalty_provision": "《深圳经济特区市容和环境卫生管理条例》第十七条"})
    assert status == 409 and body["code"] == "CAT-01", body
    assert not PenaltyCase.objects.exists()
    c = clue(api)  # the national regulation: accepted
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    refused(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
                facts="经查属实", kinds=["fine"], fine="200",
                penalty_provision="《深圳经济特区市容和环境卫生管理条例》第十七条"), "CAT-01")


@pytest.mark.parametrize("zone, codes, refused_", [("深圳经济特区", HETANG, True), ("深圳经济特区", ["440304", "440300"], False),
                                                   ("海南经济特区", ["460100"], False), ("厦门经济特区", HETANG, True)])
def test_CAT_01_special_zone_citation_boundaries(zone, codes, refused_):
    from fazhi.law.jurisdiction import check_citation

    text = f"《{zone}市容和环境卫生管理条例》第十七条"
    if refused_:
        with pytest.raises(RuleViolation):
            check_citation(text, codes, bureau_name="本局")
    else:
        check_citation(text, codes, bureau_name="本局")
    check_citation("《城市市容和环境卫生管理条例》第三十四条", codes, bureau_name="本局")


@pytest.mark.parametrize("code, area", [("430200", "4302"), ("430000", "43"), ("430202", "430202"),
                                        ("440300", "4403"), ("430202-01", ""), ("", "")])
def test_CAT_01_a_bureaus_own_list_covers_its_division(code, area):
    from fazhi.law.jurisdiction import area_of

    assert area_of(code) == area


def test_CAT_01_a_csv_import_names_its_area(db):
    from django.core.management import CommandError, call_command

    from fazhi.catalog.demo import DATA

    path = str(DATA / "zhuzhou-illustrative-discretion.csv")
    with pytest.raises(CommandError):
        call_command("import-benchmark", path, "--title", "示例", "--effective-from", "2026-01-01")
    assert not Benchmark.objects.exists()
    call_command("import-benchmark", path, "--title", "示例", "--effective-from", "2026-01-01", "--area", "4302",
                 "--code", "a")
    call_command("import-benchmark", path, "--title", "示例", "--effective-from", "2026-01-01", "--area", "全国",
                 "--code", "b")
    assert dict(Benchmark.objects.values_list("code", "area")) == {"a": "4302", "b": ""}


def test_CAT_01_the_public_lists_show_the_bureaus_benchmark_only(client, catalogue):
    page = client.get("/public/lists/").content.decode()
    assert "株洲市城市管理行政处罚裁量基准（示例）" in page and "非正式文件" in page
    assert "深圳市城市管理行政处罚裁量权实施标准" not in page


def test_the_demo_liling_bureau_decides_under_its_own_method_benchmark(org):
    """#31: 醴陵's cases cite 醴城〔2017〕22号's rows (乱扔, 倾倒, 占道), never 株洲's illustrative table, and their
    addresses are in 醴陵; every on-the-spot decision carries the party's signature or a refusal with a witness."""
    from fazhi.cases.demo import build_cases
    from fazhi.core.models import Event
    from fazhi.org.demo import _name

    build_catalogue(Bureau.objects.get(parent=None))
    rng, used = random.Random(11), set()
    build_cases(org, rng, date(2026, 11, 30), lambda: _name(rng, used), general_per_bureau=8, simple_per_bureau=12)
    liling = list(PenaltyCase.objects.filter(bureau__code="430281").select_related("violation_type__benchmark"))
    codes = {c.violation_type.benchmark.code for c in liling if c.violation_type is not None}
    assert codes == {"liling-cg-2017"}
    assert all("株洲市" not in c.place and "株洲市" not in c.party_address for c in liling)
    for case in PenaltyCase.objects.filter(on_spot=True):
        receipt = Event.objects.get(stream=case.stream, kind="decide_on_site").data
        assert receipt["receipt"] == "signed" or (receipt["receipt"] == "refused" and receipt["witness"])
