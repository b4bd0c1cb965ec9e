"""Catalogue pages for staff: the benchmarks with their tiers, the 权责清单, the 免罚清单, the inspection items and
plans, and the "四清单一计划" workbook a bureau publishes (issue 4 §5)."""
from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from fazhi.catalog import importers, powers
from fazhi.catalog.models import (
    Benchmark,
    ExemptionEntry,
    InspectionItem,
    InspectionPlan,
    PowerList,
    ViolationType,
)
from fazhi.core.sheets import no_formulas
from fazhi.law.jurisdiction import applies
from fazhi.org.access import Kind, needs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, name: str) -> HttpResponse:
    r = HttpResponse(data, content_type=XLSX)
    r["Content-Disposition"] = content_disposition_header(True, name)
    return r


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
    return render(request, "catalog/benchmark.html", {"b": b, "violations": violations[:200], "q": q})


@needs(Kind.CATALOG)
def benchmark_xlsx(request, code):
    b = get_object_or_404(Benchmark, code=code)
    return _xlsx(importers.to_xlsx(b), f"{b.title}.xlsx")


@needs(Kind.CATALOG)
def power_list(request, code):
    pl = get_object_or_404(PowerList, code=code)
    return render(request, "catalog/power_list.html", {"pl": pl, "rows": powers.list_rows(pl)})


def four_lists_one_plan(chain) -> bytes:
    """四清单一计划: 执法事项目录, 行政处罚裁量权基准, 免罚事项清单, 涉企行政检查事项清单, and 涉企行政检查计划 — the
    lists that apply to the bureau (CAT-01: a list of another area is not the bureau's to publish)."""
    from openpyxl import Workbook

    codes = [b.code for b in chain]

    wb = Workbook()
    ws = wb.active
    ws.title = "执法事项目录"
    ws.append(powers.POWER_COLUMNS)
    for pl in PowerList.objects.filter(disabled=False):
        if not applies(pl.area, codes):
            continue
        for r in powers.list_rows(pl):
            ws.append([r[c] for c in powers.POWER_COLUMNS])
    ws = wb.create_sheet("行政处罚裁量权基准")
    ws.append(["基准", *importers.COLUMNS])
    for b in Benchmark.objects.filter(disabled=False):
        if not applies(b.area, codes):
            continue
        for r in importers.benchmark_rows(b):
            ws.append([str(b), *[r[c] for c in importers.COLUMNS]])
    ws = wb.create_sheet("免罚事项清单")
    ws.append(["制定机关", *powers.EXEMPTION_COLUMNS])
    for e in ExemptionEntry.objects.filter(bureau__in=chain, disabled=False).select_related("bureau"):
        ws.append([e.bureau.name, e.get_kind_display(), e.seq, e.violation, e.conditions, e.legal_basis, e.range_text,
                   e.remark])
    ws = wb.create_sheet("涉企行政检查事项清单")
    ws.append(["实施机关", "序号", "检查事项", "检查依据", "检查对象", "检查方式", "同一企业年度检查次数上限"])
    for i in InspectionItem.objects.filter(bureau__in=chain, disabled=False).select_related("bureau"):
        ws.append([i.bureau.name, i.seq, i.name, i.legal_basis, i.subjects, i.method, i.yearly_cap])
    ws = wb.create_sheet("涉企行政检查计划")
    ws.append(["实施机关", "年度", "计划", "检查事项", "抽查比例", "次数", "时间安排", "批准日期"])
    for p in InspectionPlan.objects.filter(bureau__in=chain, disabled=False).select_related("bureau"):
        for line in p.lines:
            ws.append([p.bureau.name, p.year, p.title, line.get("item"), line.get("ratio"), line.get("times"),
                       line.get("months"), p.approved_on.isoformat() if p.approved_on else ""])
    out = io.BytesIO()
    no_formulas(wb).save(out)
    return out.getvalue()


@needs(Kind.CATALOG)
def four_lists_xlsx(request):
    return _xlsx(four_lists_one_plan(_scope(request.user)), "四清单一计划.xlsx")
