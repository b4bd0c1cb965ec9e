"""The "四清单一计划" workbook a bureau publishes (issue 4 §5): written for the catalogue page and for the public
portal (disclosure), so it lives outside both apps' views."""
from __future__ import annotations

import io

from fazhi.catalog import importers, powers
from fazhi.catalog.models import Benchmark, ExemptionEntry, InspectionItem, InspectionPlan, PowerList
from fazhi.core.sheets import no_formulas
from fazhi.law.jurisdiction import applies


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
