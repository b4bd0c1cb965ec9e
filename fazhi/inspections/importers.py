"""检查对象名录库 import from CSV/XLSX: the credit code is checked (GB 32100), all rows or none."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from fazhi.catalog.importers import ImportRejected, Problem, Report
from fazhi.catalog.powers import read_table
from fazhi.inspections.models import RiskGrade, Subject
from fazhi.law.draw import is_valid_uscc

SUBJECT_COLUMNS = ["统一社会信用代码", "名称", "类型", "地址", "经度", "纬度", "所在区域", "行业", "风险等级"]
KINDS = {"企业": "enterprise", "个体工商户": "individual"}
RISKS = {label: value for value, label in RiskGrade.choices}


def load_subjects(rows: list[dict], *, bureau, pre_problems=()) -> Report:
    problems, parsed, seen = list(pre_problems), [], set()
    existing = set(Subject.objects.values_list("credit_code", flat=True))
    for n, row in enumerate(rows, 1):
        r = {c: ("" if row.get(c) is None else str(row.get(c)).strip()) for c in SUBJECT_COLUMNS}
        code = r["统一社会信用代码"].upper()
        if not is_valid_uscc(code):
            problems.append(Problem(n, "统一社会信用代码", "校验位不符合GB 32100-2015，或长度、字符不正确"))
        elif code in seen or code in existing:
            problems.append(Problem(n, "统一社会信用代码", "名录库中已有该对象"))
        seen.add(code)
        for c in ("名称", "地址"):
            if not r[c]:
                problems.append(Problem(n, c, "不能为空"))
        if r["类型"] not in KINDS:
            problems.append(Problem(n, "类型", "应为企业或个体工商户"))
        if (r["风险等级"] or "中风险") not in RISKS:
            problems.append(Problem(n, "风险等级", "应为高风险、中风险或低风险"))
        point = []
        for c, lo, hi in (("经度", 73, 136), ("纬度", 3, 54)):
            try:
                v = Decimal(r[c]) if r[c] else None
                if v is not None and not lo <= v <= hi:
                    raise InvalidOperation
                point.append(v)
            except InvalidOperation:
                problems.append(Problem(n, c, "不是中国境内的坐标"))
                point.append(None)
        parsed.append((code, r, point))
    report = Report(rows=len(rows), problems=problems)
    if not report.ok:
        raise ImportRejected(report)
    with transaction.atomic():
        Subject.objects.bulk_create([
            Subject(bureau=bureau, credit_code=code, name=r["名称"], kind=KINDS[r["类型"]], address=r["地址"],
                    lng=point[0], lat=point[1], area=r["所在区域"], industry=r["行业"],
                    risk=RISKS[r["风险等级"] or "中风险"]) for code, r, point in parsed])
    report.rules = len(parsed)
    return report


def read_subjects(data: bytes, filename: str):
    return read_table(data, filename, SUBJECT_COLUMNS, ["统一社会信用代码", "名称", "类型", "地址"])
