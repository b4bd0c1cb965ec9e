"""Catalogue pages for staff: the benchmarks with their tiers, the 权责清单, the 免罚清单, the inspection items and
plans, and the "四清单一计划" workbook a bureau publishes (issue 4 §5)."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from fazhi.catalog import importers, powers
from fazhi.catalog.four_lists import four_lists_one_plan
from fazhi.catalog.models import (
    Benchmark,
    ExemptionEntry,
    InspectionItem,
    InspectionPlan,
    PowerList,
    ViolationType,
)
from fazhi.core.sheets import xlsx_download
from fazhi.law.jurisdiction import applies
from fazhi.org.access import Kind, needs


def _scope(user):
    """The bureau whose lists apply to the user: their 执法主体 and the bureaus above it."""
    return user.entity.lineage() if user.entity else []


@needs(Kind.CATALOG)
def index(request):
    chain = _scope(request.user)
    benchmarks = list(Benchmark.objects.all())
    codes = [b.code for b in chain]
    for b in benchmarks:  # CAT-01: say which benchmarks cannot found this bureau's cases
        b.applies_here = applies(b.area, codes) if chain else None
    return render(request, "catalog/index.html", {
        "benchmarks": benchmarks,
        "power_lists": PowerList.objects.filter(disabled=False),
        "exemptions": ExemptionEntry.objects.filter(bureau__in=chain, disabled=False).select_related("bureau"),
        "items": InspectionItem.objects.filter(bureau__in=chain, disabled=False),
        "plans": InspectionPlan.objects.filter(bureau__in=chain, disabled=False)})


@needs(Kind.CATALOG)
def benchmark(request, code):
    b = get_object_or_404(Benchmark, code=code)
    q = request.GET.get("q", "").strip()
    violations = ViolationType.objects.filter(benchmark=b).prefetch_related("rules")
    if q:
        violations = violations.filter(name__contains=q) | violations.filter(law_title__contains=q)
    violations = list(violations[:200])
    if b.method:  # DIS-06: each violation's tiers as derived from its range, empty tiers said
        from fazhi.catalog.queries import method_tiers, statutory_of

        for v in violations:
            parties = list(statutory_of(v).spans)
            v.derivation = [("" if p == "any" else ("对单位：" if p == "org" else "对个人："), line)
                            for p in parties for line in method_tiers(v, p)["lines"]]
    return render(request, "catalog/benchmark.html", {"b": b, "violations": violations, "q": q})


@needs(Kind.CATALOG)
def benchmark_xlsx(request, code):
    b = get_object_or_404(Benchmark, code=code)
    return xlsx_download(importers.to_xlsx(b), f"{b.title}.xlsx")


@needs(Kind.CATALOG)
def power_list(request, code):
    pl = get_object_or_404(PowerList, code=code)
    return render(request, "catalog/power_list.html", {"pl": pl, "rows": powers.list_rows(pl)})


@needs(Kind.CATALOG)
def four_lists_xlsx(request):
    return xlsx_download(four_lists_one_plan(_scope(request.user)), "四清单一计划.xlsx")
