"""DIS-06 in the catalogue: 醴陵's method benchmark (醴城〔2017〕22号) over the bundled list of everyday violations —
imported with its tiers derived per row, each row labelled with its source and status, shown on the benchmark page
with empty tiers said, exported and imported through the command; a bad row imports nothing."""
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.catalog import importers
from fazhi.catalog.demo import DATA, build_liling_benchmark
from fazhi.catalog.models import Benchmark, DiscretionRule, ViolationType
from fazhi.catalog.queries import assess_case, find_violation
from fazhi.law.discretion import Facts


def test_the_liling_list_loads_with_tiers_derived_from_each_provision(db):
    b, report = build_liling_benchmark()
    assert report.ok and report.violations == report.rows == 7
    assert (b.method, b.document_no, b.area) == ("liling-2017", "醴城〔2017〕22号", "430281")
    litter = ViolationType.objects.get(benchmark=b, code="LL-01")
    assert litter.name.startswith("乱扔垃圾") and litter.provisions[0]["article"] == 34
    assert "冷水滩" in litter.range_source and litter.status.startswith("须核实")
    tiers = {r.tier: r.standard_text for r in DiscretionRule.objects.filter(violation=litter)}
    assert tiers == {"特别轻微": "不予处罚。", "轻微": "处50元罚款。", "一般": "处51元以上100元以下罚款。",
                     "严重": "处101元以上199元以下罚款。", "特别严重": "处200元罚款。"}
    road = ViolationType.objects.get(benchmark=b, code="LL-05")   # 城市道路管理条例第四十二条: no minimum stated
    tiers = {r.tier: r.standard_text for r in DiscretionRule.objects.filter(violation=road)}
    assert tiers["轻微"] == "处2000元罚款。" and tiers["一般"] == "处2001元以上10000元以下罚款。"
    assert road.status.startswith("条文已核对")
    # every row says where its range comes from and whether the bureau must confirm it
    assert not ViolationType.objects.filter(benchmark=b, range_source="").exists()
    assert not ViolationType.objects.filter(benchmark=b, status="").exists()


@pytest.mark.parametrize("amount, tier", [(50, "轻微"), (51, "一般"), (100, "一般"), (101, "严重"), (199, "严重"),
                                          (200, "特别严重")])
def test_a_case_amount_is_placed_in_its_tier(db, amount, tier):
    build_liling_benchmark()
    v = find_violation("liling-cg-2017:LL-01")
    chosen, a, _ = assess_case(v, 1, Facts(party="citizen"), date(2026, 5, 1), date(2026, 5, 2), Decimal(amount))
    assert chosen == v and a.tiers == (tier,)


def test_the_benchmark_page_shows_sources_statuses_and_the_derivation(org):
    from django.test import Client

    from fazhi.org.models import Staff

    build_liling_benchmark()
    c = Client()
    c.force_login(Staff.objects.get(username="liling_officer1"))
    page = c.get("/catalog/benchmarks/liling-cg-2017/").content.decode()
    assert "醴城〔2017〕22号" in page and "适用地域：湖南省醴陵市" in page
    assert "幅度来源：" in page and "核实状态：" in page and "须核实" in page
    assert "一般：51—100元" in page and "最低限按" not in page
    assert "法条未规定罚款最低限，按法条设定的罚款金额最高限的10%计算，为2,000元" in page


def test_a_bad_row_imports_nothing_and_names_the_row(db):
    rows, pre = importers.rows_from_csv((DATA / "liling-everyday-violations.csv").read_bytes(),
                                        importers.METHOD_COLUMNS, importers.METHOD_REQUIRED)
    rows[2]["处罚种类及幅度"] = "按照占地面积处每平方米一千元罚款"
    rows[4]["处罚依据条款"] = "第二十七条之一"
    with pytest.raises(importers.ImportRejected) as e:
        importers.load_method(rows, method_code="liling-2017", code="x", title="x", effective_from=date(2017, 1, 1),
                              pre_problems=pre)
    assert [(p.row, p.field) for p in e.value.report.problems] == [(3, "处罚种类及幅度"), (5, "处罚依据条款")]
    assert "不适用于按数量或倍数" in e.value.report.problems[0].problem
    assert not Benchmark.objects.exists() and not DiscretionRule.objects.exists()


def test_an_unknown_method_is_refused(db):
    with pytest.raises(importers.ImportRejected) as e:
        importers.load_method([], method_code="nowhere-2020", code="x", title="x", effective_from=date(2017, 1, 1))
    assert e.value.report.problems[0].field == "裁量方法"


def test_the_command_imports_a_method_benchmark_and_the_export_names_the_method(db, tmp_path):
    out = StringIO()
    call_command("import-benchmark", str(DATA / "liling-everyday-violations.csv"), method="liling-2017",
                 code="liling-test", title="醴陵测试", document_no="醴城〔2017〕22号", effective_from="2017-10-19",
                 area="430281", stdout=out)
    assert "违法行为7项" in out.getvalue()
    b = Benchmark.objects.get(code="liling-test")
    assert b.method == "liling-2017"
    rows, problems = importers.rows_from_xlsx(importers.to_xlsx(b))
    assert problems == [] and {r["核实状态"] for r in rows} == set(ViolationType.objects.values_list("status", flat=True))
    with pytest.raises(CommandError):
        call_command("import-benchmark", str(DATA / "liling-everyday-violations.csv"), code="liling-as-table",
                     title="x", effective_from="2017-10-19", area="430281", stdout=StringIO(), stderr=StringIO())
