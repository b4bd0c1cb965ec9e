"""部件/事件 categories from CSV/XLSX (DCM-03): every subclass with its 立案条件, 处置时限 (normal and urgent) and
结案条件. All rows or none; a row report names each problem. A subclass already present is updated in place
(its code is its identity, and issues keep pointing at it)."""
from __future__ import annotations

from django.db import transaction

from fazhi.catalog.importers import ImportRejected, Problem, Report
from fazhi.catalog.powers import read_table
from fazhi.citydesk.models import Category

COLUMNS = ["类型", "大类代码", "大类", "小类代码", "小类", "立案条件", "处置时限", "时限单位", "紧急处置时限", "紧急时限单位",
           "结案条件", "处置单位类别"]
KINDS = {"部件": "part", "事件": "event"}
UNITS = ("工作时", "工作日")


def load_categories(rows: list[dict], pre_problems=()) -> Report:
    problems, parsed, seen = list(pre_problems), [], set()
    for n, row in enumerate(rows, 1):
        r = {c: ("" if row.get(c) is None else str(row.get(c)).strip()) for c in COLUMNS}
        for c in COLUMNS:
            if not r[c]:
                problems.append(Problem(n, c, "不能为空"))
        if r["类型"] and r["类型"] not in KINDS:
            problems.append(Problem(n, "类型", "应为部件或事件"))
        for c in ("大类代码", "小类代码"):
            if r[c] and not (len(r[c]) == 2 and r[c].isdigit()):
                problems.append(Problem(n, c, "应为两位数字（legal-rules §d）"))
        limits = {}
        for amount, unit in (("处置时限", "时限单位"), ("紧急处置时限", "紧急时限单位")):
            if r[unit] and r[unit] not in UNITS:
                problems.append(Problem(n, unit, "应为工作时或工作日"))
            try:
                limits[amount] = int(r[amount])
                if limits[amount] <= 0:
                    raise ValueError
            except ValueError:
                if r[amount]:
                    problems.append(Problem(n, amount, "应为正整数"))
        key = (r["类型"], r["大类代码"], r["小类代码"])
        if key in seen:
            problems.append(Problem(n, "小类代码", "与前面的行重复"))
        seen.add(key)
        parsed.append((r, limits))
    report = Report(rows=len(rows), problems=problems)
    if problems:
        raise ImportRejected(report)
    with transaction.atomic():
        for r, limits in parsed:
            Category.objects.update_or_create(
                kind=KINDS[r["类型"]], class_code=r["大类代码"], code=r["小类代码"],
                defaults={"class_name": r["大类"], "name": r["小类"], "filing_condition": r["立案条件"],
                          "limit": limits["处置时限"], "limit_unit": r["时限单位"],
                          "urgent_limit": limits["紧急处置时限"], "urgent_unit": r["紧急时限单位"],
                          "closing_condition": r["结案条件"], "duty": r["处置单位类别"]})
    report.rules = len(parsed)
    return report


def import_categories(data: bytes, filename: str) -> Report:
    rows, problems = read_table(data, filename, COLUMNS, COLUMNS)
    return load_categories(rows, problems)
