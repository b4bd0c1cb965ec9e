"""Importing and exporting 权责清单 / 行政处罚事项目录 (issue 4 §2).

Rows have the columns POWER_COLUMNS; the 深圳龙华 list of items its subdistrict offices took over (JSON as
published) is read as it is; XLSX in and out use the same columns, so an export re-imports unchanged. As with
benchmarks, a file with any bad row imports nothing and reports (row, field, problem)."""
from __future__ import annotations

import hashlib
import io
import json
from datetime import date

from django.db import transaction

from fazhi.catalog.importers import ImportRejected, Problem, Report
from fazhi.catalog.models import PowerItem, PowerKind, PowerList
from fazhi.core.sheets import no_formulas

POWER_COLUMNS = ["序号", "事项类型", "事项名称", "设定依据", "实施主体", "承接来源", "责任事项", "备注"]
KIND_BY_LABEL = {label: value for value, label in PowerKind.choices}
KIND_BY_LABEL.update({"处罚": "penalty", "许可": "licensing", "强制": "coercion", "征收": "levy", "检查": "inspection",
                      "确认": "confirmation", "奖励": "reward", "其他": "other"})


def rows_from_longhua_json(items: list[dict]) -> list[dict]:
    """The list is a 行政处罚事项目录: every item is of that kind (a few names say 处理 or carry a scope note)."""
    return [{"序号": n, "事项类型": "行政处罚", "事项名称": it["item_name"], "设定依据": "",
             "实施主体": "、".join(it.get("implementation_scope") or []),
             "承接来源": it.get("related_district_authority") or "", "责任事项": "", "备注": it.get("remark") or ""}
            for n, it in enumerate(items, 1)]


def validate(rows: list[dict]) -> tuple[list[dict], list[Problem]]:
    problems, out, seen = [], [], set()
    for n, row in enumerate(rows, 1):
        r = {c: ("" if row.get(c) is None else str(row.get(c)).strip()) for c in POWER_COLUMNS}
        if not r["事项名称"]:
            problems.append(Problem(n, "事项名称", "不能为空"))
        elif r["事项名称"] in seen:
            problems.append(Problem(n, "事项名称", "与前面的事项重复"))
        seen.add(r["事项名称"])
        if r["事项类型"] not in KIND_BY_LABEL:
            problems.append(Problem(n, "事项类型", f"应为：{'、'.join(label for _, label in PowerKind.choices)}"))
        try:
            r["序号"] = int(float(r["序号"])) if r["序号"] else n
        except ValueError:
            problems.append(Problem(n, "序号", "应为正整数"))
        if not r["实施主体"]:
            problems.append(Problem(n, "实施主体", "不能为空"))
        out.append(r)
    return out, problems


def load(rows: list[dict], *, code: str, title: str, effective_from: date, issuing_authority: str = "",
         source: str = "", pre_problems=(), area: str = "") -> tuple[PowerList, Report]:
    from fazhi.law.jurisdiction import valid_area

    parsed, problems = validate(rows)
    report = Report(rows=len(rows), problems=[*pre_problems, *problems])
    if not valid_area(area):
        report.problems.append(Problem(0, "适用地域", f"“{area}”不是行政区划代码（2、4或6位数字，全国适用留空）"))
    if PowerList.objects.filter(code=code).exists():
        report.problems.append(Problem(0, "编码", f"权责清单“{code}”已存在；新版本请使用新的编码"))
    if not report.ok:
        raise ImportRejected(report)
    digest = hashlib.sha256(json.dumps(parsed, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    with transaction.atomic():
        pl = PowerList.objects.create(code=code, title=title, effective_from=effective_from,
                                      issuing_authority=issuing_authority, source=source, content_sha256=digest,
                                      area=area.strip())
        PowerItem.objects.bulk_create([
            PowerItem(power_list=pl, seq=r["序号"], kind=KIND_BY_LABEL[r["事项类型"]], name=r["事项名称"],
                      legal_basis=r["设定依据"], implementing_bodies=[b for b in r["实施主体"].split("、") if b],
                      source_authority=r["承接来源"], responsibilities=r["责任事项"], remark=r["备注"])
            for r in parsed])
    report.rules = len(parsed)
    return pl, report


def list_rows(power_list: PowerList) -> list[dict]:
    return [{"序号": i.seq, "事项类型": i.get_kind_display(), "事项名称": i.name, "设定依据": i.legal_basis,
             "实施主体": "、".join(i.implementing_bodies), "承接来源": i.source_authority, "责任事项": i.responsibilities,
             "备注": i.remark} for i in power_list.items.filter(disabled=False).order_by("seq")]


def to_xlsx(power_list: PowerList) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    ws.append(POWER_COLUMNS)
    for r in list_rows(power_list):
        ws.append([r[c] for c in POWER_COLUMNS])
    out = io.BytesIO()
    no_formulas(wb).save(out)
    return out.getvalue()


# --- 免罚清单 / 从轻减轻清单 (DIS-08) -------------------------------------------------------------------------

EXEMPTION_COLUMNS = ["类别", "序号", "违法行为", "适用条件", "法律依据", "自由裁量处罚幅度", "备注"]


def load_exemptions(rows: list[dict], *, bureau, effective_from: date, pre_problems=()) -> Report:
    """A bureau's 免罚清单 (and 从轻/减轻清单) rows; all or nothing. 类别: 不予处罚 / 减轻处罚 / 从轻处罚."""
    from fazhi.catalog.models import ExemptionEntry, ExemptionKind

    kinds = {label: value for value, label in ExemptionKind.choices}
    problems, parsed = list(pre_problems), []
    for n, row in enumerate(rows, 1):
        r = {c: ("" if row.get(c) is None else str(row.get(c)).strip()) for c in EXEMPTION_COLUMNS}
        if r["类别"] not in kinds:
            problems.append(Problem(n, "类别", "应为不予处罚、减轻处罚或从轻处罚"))
        for c in ("违法行为", "适用条件", "法律依据"):
            if not r[c]:
                problems.append(Problem(n, c, "不能为空"))
        try:
            r["序号"] = int(float(r["序号"] or n))
        except ValueError:
            problems.append(Problem(n, "序号", "应为正整数"))
        parsed.append(r)
    report = Report(rows=len(rows), problems=problems)
    if not report.ok:
        raise ImportRejected(report)
    with transaction.atomic():
        ExemptionEntry.objects.bulk_create([
            ExemptionEntry(bureau=bureau, kind=kinds[r["类别"]], seq=r["序号"], violation=r["违法行为"],
                           conditions=r["适用条件"], legal_basis=r["法律依据"], range_text=r["自由裁量处罚幅度"],
                           remark=r["备注"], effective_from=effective_from) for r in parsed])
    report.rules = len(parsed)
    return report


def exemption_for(bureau, ref: str, on: date):
    """The active 不予处罚 entry a case cites: by 序号 or by its 违法行为 text, on the bureau's own list or a
    list of a bureau above it (a district applies the city's list)."""
    from fazhi.catalog.models import ExemptionEntry, ExemptionKind

    ancestors = bureau.lineage()
    qs = ExemptionEntry.objects.filter(bureau__in=ancestors, kind=ExemptionKind.NO_PENALTY, disabled=False,
                                       effective_from__lte=on)
    ref = ref.strip()
    entry = qs.filter(seq=int(ref)).first() if ref.isdigit() else qs.filter(violation=ref).first()
    return entry


# --- 涉企行政检查事项 (INS-02) ---------------------------------------------------------------------------------

INSPECTION_COLUMNS = ["序号", "检查事项", "检查依据", "检查对象", "检查方式", "同一企业年度检查次数上限"]


def load_inspection_items(rows: list[dict], *, bureau, pre_problems=()) -> Report:
    from fazhi.catalog.models import InspectionItem

    problems, parsed = list(pre_problems), []
    for n, row in enumerate(rows, 1):
        r = {c: ("" if row.get(c) is None else str(row.get(c)).strip()) for c in INSPECTION_COLUMNS}
        for c in ("检查事项", "检查依据", "检查对象"):
            if not r[c]:
                problems.append(Problem(n, c, "不能为空"))
        for c, default in (("序号", n), ("同一企业年度检查次数上限", 1)):
            try:
                r[c] = int(float(r[c] or default))
                if r[c] < 1:
                    raise ValueError
            except ValueError:
                problems.append(Problem(n, c, "应为正整数"))
        parsed.append(r)
    report = Report(rows=len(rows), problems=problems)
    if not report.ok:
        raise ImportRejected(report)
    with transaction.atomic():
        InspectionItem.objects.bulk_create([
            InspectionItem(bureau=bureau, seq=r["序号"], name=r["检查事项"], legal_basis=r["检查依据"],
                           subjects=r["检查对象"], method=r["检查方式"] or "双随机、一公开",
                           yearly_cap=r["同一企业年度检查次数上限"]) for r in parsed])
    report.rules = len(parsed)
    return report


def read_table(data: bytes, filename: str, columns: list[str], required: list[str]) -> tuple[list[dict], list[Problem]]:
    """CSV or XLSX with a header row → rows, and problems for missing or unknown columns."""
    from fazhi.catalog.importers import rows_from_csv, rows_from_xlsx

    rows, _ = (rows_from_xlsx if filename.lower().endswith(".xlsx") else rows_from_csv)(data)
    header = list(rows[0].keys()) if rows else []
    problems = [Problem(0, c, "缺少该列") for c in required if c not in header]
    problems += [Problem(0, h, "未知的列") for h in header if h and h not in columns]
    return rows, problems
