"""Importing and exporting discretion benchmarks.

Every format becomes the same flat rows, one per 裁量规则 (the columns of COLUMNS); the rows are validated
together — each text must parse (law/discretion.py), each article reference must read, no amount may be negative —
and either all of them load in one transaction or none does, with a report of (row, field, problem). The Shenzhen
2023 JSON (深城管规〔2023〕2号) is read as published; XLSX and CSV use the columns below, and `to_xlsx` writes them
back, so an export re-imports to the same rows."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from fazhi.core.sheets import no_formulas
from fazhi.law.basis import RuleViolation
from fazhi.law.discretion import (
    NUMERAL,
    Standard,
    Unreadable,
    cn_number,
    derive_tiers,
    method,
    outside_statutory,
    parse_condition,
    parse_standard,
)

COLUMNS = ["序号", "编码", "法规规章", "违法行为", "设定依据", "处罚依据条款", "处罚种类及幅度", "分组序号", "裁量序号",
           "裁量阶次", "适用条件", "处罚标准", "幅度来源", "核实状态"]
# A method benchmark (DIS-06) lists each violation once with its provision's range; the tiers are derived.
METHOD_COLUMNS = ["序号", "编码", "法规规章", "违法行为", "设定依据", "处罚依据条款", "处罚种类及幅度", "幅度来源", "核实状态"]
METHOD_REQUIRED = ["序号", "法规规章", "违法行为", "设定依据", "处罚依据条款", "处罚种类及幅度"]
REQUIRED = ["序号", "法规规章", "违法行为", "设定依据", "处罚种类及幅度", "裁量阶次", "适用条件", "处罚标准"]


@dataclass
class Problem:
    row: int        # 1-based data row (the header is row 0 in XLSX/CSV terms)
    field: str
    problem: str

    def __str__(self):
        return f"第{self.row}行 {self.field}：{self.problem}"


@dataclass
class Report:
    rows: int = 0
    violations: int = 0
    rules: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)   # kept as issued, but the engine will refuse them

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportRejected(Exception):
    def __init__(self, report: Report):
        super().__init__("；".join(str(p) for p in report.problems[:10]))
        self.report = report


# --- article references --------------------------------------------------------------------------------

ARTICLE = re.compile(rf"第({NUMERAL})条(?:第({NUMERAL})款)?(?:第[（(]?({NUMERAL})[)）]?项)?(?:第({NUMERAL})目)?")


def _num(v) -> int | None:
    if v in (None, ""):
        return None
    return int(cn_number(str(v)))


def provision_text(p: dict) -> str:
    out = f"第{p['article']}条"
    if p.get("paragraph"):
        out += f"第{p['paragraph']}款"
    if p.get("item"):
        out += f"第{p['item']}项"
    if p.get("subitem"):
        out += f"第{p['subitem']}目"
    return out


def parse_provisions(text: str) -> list[dict]:
    """'第13条第2款；第41条第4项' → [{article: 13, paragraph: 2, …}, …]. Raises Unreadable."""
    parts = [p.strip() for p in re.split(r"[；;、]", text or "") if p.strip()]
    out = []
    for p in parts:
        m = ARTICLE.fullmatch(p)
        if not m:
            raise Unreadable(f"无法识别的条款：{p}")
        out.append({"article": _num(m.group(1)), "paragraph": _num(m.group(2)), "item": _num(m.group(3)),
                    "subitem": _num(m.group(4))})
    return out


# --- sources → rows ----------------------------------------------------------------------------------------


def rows_from_shenzhen_json(data: dict) -> tuple[dict, list[dict]]:
    """The Shenzhen 2023 benchmark as published (items → 裁量分组 → 裁量规则) → (metadata, rows)."""
    rows = []
    for item in data["items"]:
        provisions = "；".join(provision_text({k: p.get(k) for k in ("article", "paragraph", "item", "subitem")})
                              for p in item.get("检索元数据", {}).get("处罚依据", []))
        for g in item["裁量分组"]:
            for r in g["裁量规则"]:
                rows.append({"序号": item["序号"], "编码": item["id"], "法规规章": item["法规规章"],
                             "违法行为": item["违法行为"], "设定依据": item["设定依据"], "处罚依据条款": provisions,
                             "处罚种类及幅度": g["处罚种类及幅度"], "分组序号": g["分组序号"], "裁量序号": r["裁量序号"],
                             "裁量阶次": r["裁量阶次"], "适用条件": r["适用条件"], "处罚标准": r["处罚标准"]})
    return data.get("metadata", {}), rows


def rows_from_table(header: list, records, columns=None, required=None) -> tuple[list[dict], list[Problem]]:
    header = [str(h).strip() if h is not None else "" for h in header]
    missing = [c for c in (required or REQUIRED) if c not in header]
    unknown = [h for h in header if h and h not in (columns or COLUMNS)]
    problems = [Problem(0, c, "缺少该列") for c in missing] + [Problem(0, h, "未知的列") for h in unknown]
    rows = [dict(zip(header, rec, strict=False)) for rec in records if any(v not in (None, "") for v in rec)]
    return rows, problems


def rows_from_xlsx(data: bytes, columns=None, required=None) -> tuple[list[dict], list[Problem]]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data), read_only=True).active
    it = ws.iter_rows(values_only=True)
    return rows_from_table(list(next(it, [])), it, columns, required)


def rows_from_csv(data: bytes, columns=None, required=None) -> tuple[list[dict], list[Problem]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return rows_from_table(next(reader, []), reader, columns, required)


def _amount(v) -> str:
    return f"{v:f}" if v != v.to_integral_value() else f"{v.to_integral_value():f}"


def _tier_standard(spans: dict) -> str:
    """A derived tier's amounts as a 处罚标准 text the parser reads back: {party: TierRange}."""
    words = {"org": "对单位", "citizen": "对个人", "any": ""}
    parts = []
    for party, t in spans.items():
        amount = (f"{_amount(t.low)}元" if t.low == t.high else f"{_amount(t.low)}元以上{_amount(t.high)}元以下")
        parts.append(f"{words[party]}处{amount}罚款")
    return "，".join(parts) + "。"


def method_rows(rows: list[dict], method_code: str) -> tuple[list[dict], list[Problem]]:
    """A method benchmark's rows (METHOD_COLUMNS, one per violation) → the flat rows `load` takes, one per derived
    tier (DIS-06): the tier's name, the method's rule as its 适用条件 and the derived amounts as its 处罚标准. An
    empty tier yields no row (the derivation says why wherever the tiers are shown)."""
    m = method(method_code)
    out, problems = [], []
    for n, row in enumerate(rows, 1):
        text = str(row.get("处罚种类及幅度") or "").strip()
        for col in METHOD_REQUIRED:
            if row.get(col) in (None, ""):
                problems.append(Problem(n, col, "不能为空"))
        if not text:
            continue
        try:
            st = parse_standard(text)
            if not st.spans:
                raise Unreadable(f"{m.label}按法条设定的罚款幅度分档，该条未设定罚款幅度：{text}")
            by_party = {party: derive_tiers(m, st, party) for party in st.spans}
        except Unreadable as e:
            problems.append(Problem(n, "处罚种类及幅度", str(e)))
            continue
        except RuleViolation as e:
            problems.append(Problem(n, "处罚种类及幅度", e.message))
            continue
        try:
            parse_provisions(str(row.get("处罚依据条款") or ""))
        except Unreadable as e:
            problems.append(Problem(n, "处罚依据条款", str(e)))
            continue
        base = {c: row.get(c, "") for c in METHOD_COLUMNS}
        rule_no = 0
        for i, band in enumerate(m.bands):
            if band.no_penalty:
                standard = "不予处罚。"
            else:
                spans = {p: ts[i] for p, ts in by_party.items() if not ts[i].empty}
                if not spans:
                    continue
                standard = _tier_standard(spans)
            rule_no += 1
            out.append({**base, "分组序号": 1, "裁量序号": rule_no, "裁量阶次": band.tier, "适用条件": band.rule,
                        "处罚标准": standard})
    return out, problems


# --- validation ----------------------------------------------------------------------------------------------


def validate(rows: list[dict], warnings: list[Problem] | None = None) -> tuple[list[dict], list[Problem]]:
    """Each row parsed, or a problem per bad field. The parsed rows carry the engine's structures. A tier whose
    amount lies outside its own statutory range is imported as issued and listed in `warnings`."""
    problems: list[Problem] = []
    parsed = []
    for n, row in enumerate(rows, 1):
        out = {k: (str(row.get(k)).strip() if row.get(k) not in (None, "") else "") for k in COLUMNS}
        for col in REQUIRED:
            if not out[col]:
                problems.append(Problem(n, col, "不能为空"))
        for col in ("序号", "分组序号", "裁量序号"):
            if out[col]:
                try:
                    out[col] = int(float(out[col]))
                    if out[col] < 0:
                        raise ValueError
                except ValueError:
                    problems.append(Problem(n, col, "应为正整数"))
        out["分组序号"] = out["分组序号"] or 1
        out["裁量序号"] = out["裁量序号"] or 1
        for col, parse, key in (("处罚种类及幅度", parse_standard, "statutory"), ("处罚标准", parse_standard, "standard"),
                                ("适用条件", parse_condition, "condition"), ("处罚依据条款", parse_provisions, "provisions")):
            if not out[col] and col == "处罚依据条款":
                out[key] = []
                continue
            if not out[col]:
                continue
            try:
                value = parse(out[col])
                out[key] = value.as_dict() if hasattr(value, "as_dict") else value
            except Unreadable as e:
                problems.append(Problem(n, col, str(e)))
        if warnings is not None and "standard" in out and "statutory" in out:
            for text in outside_statutory(Standard.from_dict(out["standard"]), Standard.from_dict(out["statutory"])):
                warnings.append(Problem(n, "处罚标准", text + "；适用时将被拒绝（DIS-05）"))
        parsed.append(out)
    return parsed, problems


def _digest(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps([{c: r.get(c) for c in COLUMNS} for r in rows], ensure_ascii=False,
                                     sort_keys=True, default=str).encode()).hexdigest()


def load(rows: list[dict], *, code: str, title: str, effective_from: date, document_no: str = "",
         issuing_authority: str = "", issued_on: date | None = None, effective_until: date | None = None,
         source: str = "", notes=(), pre_problems=(), area: str = "", method: str = "") -> tuple:
    """Validate and load one benchmark version atomically. Raises ImportRejected with the report.
    `area`: where it applies (CAT-01), "" for the whole country."""
    from fazhi.catalog.models import Benchmark, DiscretionRule, ViolationType
    from fazhi.law.jurisdiction import valid_area

    warnings: list[Problem] = []
    parsed, problems = validate(rows, warnings)
    report = Report(rows=len(rows), problems=[*pre_problems, *problems], warnings=warnings)
    if Benchmark.objects.filter(code=code).exists():
        report.problems.append(Problem(0, "编码", f"裁量基准“{code}”已存在；新版本请使用新的编码"))
    if not rows:
        report.problems.append(Problem(0, "数据", "没有数据行"))
    if not valid_area(area):
        report.problems.append(Problem(0, "适用地域", f"“{area}”不是行政区划代码（2、4或6位数字，全国适用留空）"))
    if not report.ok:
        raise ImportRejected(report)
    with transaction.atomic():
        b = Benchmark.objects.create(code=code, title=title, document_no=document_no, issuing_authority=issuing_authority,
                                     issued_on=issued_on, effective_from=effective_from, effective_until=effective_until,
                                     source=source, notes=list(notes), content_sha256=_digest(parsed),
                                     area=area.strip(), method=method)
        violations: dict[str, ViolationType] = {}
        for r in parsed:
            key = r["编码"] or f"{code}-{r['序号']:03d}"
            v = violations.get(key)
            if v is None:
                v = violations[key] = ViolationType.objects.create(
                    benchmark=b, code=key, seq=r["序号"], law_title=r["法规规章"], name=r["违法行为"],
                    basis_text=r["设定依据"], provisions=r["provisions"], ranges=[r["处罚种类及幅度"]],
                    range_source=r["幅度来源"][:300], status=r["核实状态"][:300])
            elif r["处罚种类及幅度"] not in v.ranges:
                v.ranges = [*v.ranges, r["处罚种类及幅度"]]
                v.save(update_fields=["ranges"])
        DiscretionRule.objects.bulk_create([
            DiscretionRule(violation=violations[r["编码"] or f"{code}-{r['序号']:03d}"], group_no=r["分组序号"],
                           statutory_text=r["处罚种类及幅度"], statutory=r["statutory"], rule_no=r["裁量序号"],
                           tier=r["裁量阶次"], condition_text=r["适用条件"], condition=r["condition"],
                           standard_text=r["处罚标准"], standard=r["standard"]) for r in parsed])
    report.violations, report.rules = len(violations), len(parsed)
    return b, report


def load_method(rows: list[dict], *, method_code: str, pre_problems=(), **kwargs) -> tuple:
    """A method benchmark (DIS-06): each violation with its provision's range, the tiers derived by the method,
    everything or nothing as `load`."""
    try:
        method(method_code)
    except Unreadable as e:
        raise ImportRejected(Report(rows=len(rows), problems=[Problem(0, "裁量方法", str(e))]))
    derived, problems = method_rows(rows, method_code)
    b, report = load(derived, pre_problems=[*pre_problems, *problems], method=method_code, **kwargs)
    report.rows = len(rows)
    return b, report


def import_shenzhen(data: dict, code: str = "shenzhen-cg-2023", area: str = "4403"):
    """深圳's benchmark applies in 深圳 only (CAT-01): its 经济特区法规 are implemented inside the special zone."""
    meta, rows = rows_from_shenzhen_json(data)
    return load(rows, code=code, title=meta.get("title", "深圳市城市管理行政处罚裁量权实施标准"),
                document_no=meta.get("document_no", ""), issuing_authority=meta.get("issuing_authority", ""),
                issued_on=date.fromisoformat(meta["issued_date"]) if meta.get("issued_date") else None,
                effective_from=date.fromisoformat(meta["effective_date"]), source=meta.get("source_page", ""),
                notes=meta.get("notes", []), area=area)


# --- export --------------------------------------------------------------------------------------------------


def benchmark_rows(benchmark) -> list[dict]:
    from fazhi.catalog.models import DiscretionRule

    out = []
    for rule in (DiscretionRule.objects.filter(violation__benchmark=benchmark).select_related("violation")
                 .order_by("violation__seq", "group_no", "rule_no")):
        v = rule.violation
        out.append({"序号": v.seq, "编码": v.code, "法规规章": v.law_title, "违法行为": v.name, "设定依据": v.basis_text,
                    "处罚依据条款": "；".join(provision_text(p) for p in v.provisions),
                    "处罚种类及幅度": rule.statutory_text, "分组序号": rule.group_no, "裁量序号": rule.rule_no,
                    "裁量阶次": rule.tier, "适用条件": rule.condition_text, "处罚标准": rule.standard_text,
                    "幅度来源": v.range_source, "核实状态": v.status})
    return out


def to_xlsx(benchmark) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "裁量基准"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in benchmark_rows(benchmark):
        ws.append([r[c] for c in COLUMNS])
    for col, width in zip("ABCDEFGHIJKL", (6, 16, 28, 30, 50, 22, 30, 8, 8, 12, 40, 30), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    meta = wb.create_sheet("说明")
    for k, v in (("名称", benchmark.title), ("文号", benchmark.document_no), ("制定机关", benchmark.issuing_authority),
                 ("施行日期", benchmark.effective_from.isoformat()), ("来源", benchmark.source)):
        meta.append([k, v])
    if benchmark.method:
        m = method(benchmark.method)
        meta.append(["裁量方法", f"{m.label}：各档由法定幅度推算（见各行“适用条件”）"])
    for note in benchmark.notes:
        meta.append(["说明", note])
    out = io.BytesIO()
    no_formulas(wb).save(out)
    return out.getvalue()
