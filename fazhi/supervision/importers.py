"""Importing 案卷评查 standards (SUP-01) from JSON, XLSX or CSV.

Every format becomes the same flat rows, one per item (COLUMNS); the rows are validated together and either all
load in one transaction or none does, with a report naming each (row, field, problem) — the same contract as the
discretion benchmark importers (fazhi/catalog/importers.py), whose Problem/Report/ImportRejected are reused."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from decimal import Decimal

from django.db import transaction

from fazhi.catalog.importers import ImportRejected, Problem, Report
from fazhi.law import supervision as rules

COLUMNS = ["部分", "类别", "部分分值", "编码", "评查内容", "扣分标准", "分值", "自动核查"]
REQUIRED = ["部分", "类别", "编码", "评查内容"]
KINDS = {"否决项": rules.VETO, "基本标准": rules.VETO, "计分项": rules.POINTS}
CHECK_BY_LABEL = {**{k: k for k in rules.CHECKS}, **{v: k for k, v in rules.CHECKS.items()}}
DEFAULT_BANDS = "优秀:90；合格:70；不合格:0"


def rows_from_table(header: list, records) -> tuple[list[dict], list[Problem]]:
    header = [str(h).strip() if h is not None else "" for h in header]
    problems = [Problem(0, c, "缺少该列") for c in REQUIRED if c not in header]
    problems += [Problem(0, h, "未知的列") for h in header if h and h not in COLUMNS]
    rows = [dict(zip(header, rec, strict=False)) for rec in records if any(v not in (None, "") for v in rec)]
    return rows, problems


def rows_from_csv(data: bytes) -> tuple[list[dict], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(0, "文件", "不是UTF-8编码的CSV文件")]
    reader = csv.reader(io.StringIO(text))
    return rows_from_table(next(reader, []), reader)


def rows_from_xlsx(data: bytes) -> tuple[list[dict], list[Problem]]:
    from openpyxl import load_workbook

    try:
        ws = load_workbook(io.BytesIO(data), read_only=True).active
    except Exception:  # noqa: BLE001 — any unreadable workbook is one problem, not a 500
        return [], [Problem(0, "文件", "无法读取的XLSX文件")]
    it = ws.iter_rows(values_only=True)
    return rows_from_table(list(next(it, [])), it)


def rows_from_json(data: bytes | dict) -> tuple[dict, list[dict], list[Problem]]:
    """{"metadata": {title, code, version, effective_from, bands, …}, "items": [ {COLUMNS…}, … ]}."""
    try:
        doc = json.loads(data) if isinstance(data, bytes | str) else data
    except (ValueError, UnicodeDecodeError):
        return {}, [], [Problem(0, "文件", "不是有效的JSON文件")]
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        return {}, [], [Problem(0, "items", "缺少评查项目列表")]
    rows = [r if isinstance(r, dict) else {} for r in doc["items"]]
    unknown = sorted({k for r in rows for k in r if k not in COLUMNS})
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    return meta, rows, [Problem(0, k, "未知的列") for k in unknown]


def validate(rows: list[dict]) -> tuple[list[dict], list[Problem]]:
    problems: list[Problem] = []
    parsed, sections, codes = [], {}, set()
    for n, row in enumerate(rows, 1):
        out = {k: (str(row.get(k)).strip() if row.get(k) not in (None, "") else "") for k in COLUMNS}
        for col in REQUIRED:
            if not out[col]:
                problems.append(Problem(n, col, "不能为空"))
        kind = KINDS.get(out["类别"])
        if out["类别"] and kind is None:
            problems.append(Problem(n, "类别", f"“{out['类别']}”应为否决项或计分项"))
        out["kind"] = kind
        for col, key in (("部分分值", "section_points"), ("分值", "points")):
            try:
                out[key] = rules.points(out[col]) if out[col] else Decimal(0)
            except rules.Unreadable as e:
                problems.append(Problem(n, col, str(e)))
                out[key] = Decimal(0)
        if kind == rules.POINTS and not out["points"]:
            problems.append(Problem(n, "分值", "计分项应有最多扣分"))
        if kind == rules.VETO and out["points"]:
            problems.append(Problem(n, "分值", "否决项不计分，分值应为空"))
        if kind == rules.POINTS and out["points"] > out["section_points"]:
            problems.append(Problem(n, "分值", "最多扣分超过该部分分值"))
        out["check"] = ""
        if out["自动核查"]:
            out["check"] = CHECK_BY_LABEL.get(out["自动核查"], "")
            if not out["check"]:
                problems.append(Problem(n, "自动核查", f"“{out['自动核查']}”不是系统能从案卷核查的项目"))
        if out["编码"] in codes:
            problems.append(Problem(n, "编码", f"编码“{out['编码']}”重复"))
        codes.add(out["编码"])
        if out["部分"] and kind:
            seen = sections.setdefault(out["部分"], (kind, out["section_points"], n))
            if seen[:2] != (kind, out["section_points"]):
                problems.append(Problem(n, "部分分值", f"与第{seen[2]}行同一部分的类别或分值不一致"))
        parsed.append(out)
    return parsed, problems


def _digest(rows, bands) -> str:
    return hashlib.sha256(json.dumps([[{c: r.get(c) for c in COLUMNS} for r in rows], bands], ensure_ascii=False,
                                     sort_keys=True, default=str).encode()).hexdigest()


def load(rows: list[dict], *, code: str, title: str, effective_from: date, version: str = "",
         bands: str = DEFAULT_BANDS, issuing_authority: str = "", source: str = "", case_kind: str = "",
         illustrative: bool = False, notes=(), pre_problems=()):
    """Validate and load one standard version atomically. Raises ImportRejected with the report."""
    from fazhi.supervision.models import ReviewStandard, StandardItem, StandardSection

    parsed, problems = validate(rows)
    report = Report(rows=len(rows), problems=[*pre_problems, *problems])
    try:
        band_list = rules.parse_bands(bands)
    except rules.Unreadable as e:
        report.problems.append(Problem(0, "评定等级", str(e)))
        band_list = []
    if not rows:
        report.problems.append(Problem(0, "数据", "没有数据行"))
    if not (code or "").strip():
        report.problems.append(Problem(0, "编码", "标准编码不能为空"))
    elif ReviewStandard.objects.filter(code=code).exists():
        report.problems.append(Problem(0, "编码", f"评查标准“{code}”已存在；新版本请使用新的编码"))
    if not report.ok:
        raise ImportRejected(report)
    bands_json = [{"grade": b.grade, "min_score": str(b.min_score)} for b in band_list]
    with transaction.atomic():
        std = ReviewStandard.objects.create(
            code=code.strip(), title=title, version=version, effective_from=effective_from, bands=bands_json,
            issuing_authority=issuing_authority, source=source, illustrative=illustrative, notes=list(notes),
            case_kind=case_kind or "行政处罚一般程序案卷", content_sha256=_digest(parsed, bands_json))
        sections: dict[str, StandardSection] = {}
        for r in parsed:
            if r["部分"] not in sections:
                sections[r["部分"]] = StandardSection.objects.create(
                    standard=std, seq=len(sections) + 1, name=r["部分"], kind=r["kind"],
                    points=r["section_points"] if r["kind"] == rules.POINTS else 0)
        seqs: dict[str, int] = {}
        StandardItem.objects.bulk_create([
            StandardItem(section=sections[r["部分"]], seq=(seqs.__setitem__(r["部分"], seqs.get(r["部分"], 0) + 1)
                                                         or seqs[r["部分"]]),
                         code=r["编码"], text=r["评查内容"], rule=r["扣分标准"], points=r["points"], record_check=r["check"])
            for r in parsed])
    report.rules = len(parsed)
    return std, report


def import_file(data: bytes, filename: str, **meta):
    """A bureau's own standard from an uploaded file; the format from the file name."""
    name = (filename or "").lower()
    if name.endswith(".json"):
        doc_meta, rows, pre = rows_from_json(data)
        meta = {**_meta(doc_meta), **{k: v for k, v in meta.items() if v}}
    elif name.endswith(".xlsx"):
        rows, pre = rows_from_xlsx(data)
    elif name.endswith(".csv"):
        rows, pre = rows_from_csv(data)
    else:
        raise ImportRejected(Report(problems=[Problem(0, "文件", "仅支持JSON、XLSX或CSV文件")]))
    missing = [name for key, name in (("code", "编码"), ("title", "名称"), ("effective_from", "施行日期"))
               if not meta.get(key)]
    if missing:
        raise ImportRejected(Report(rows=len(rows), problems=[*pre, *(Problem(0, m, "缺少标准的" + m) for m in missing)]))
    return load(rows, pre_problems=pre, **meta)


def _meta(m: dict) -> dict:
    out = {k: m[k] for k in ("code", "title", "version", "bands", "issuing_authority", "source", "case_kind",
                             "notes") if m.get(k)}
    out["illustrative"] = bool(m.get("illustrative"))
    try:
        out["effective_from"] = date.fromisoformat(str(m.get("effective_from")))
    except ValueError:
        pass
    return out


BUNDLED = "hunan-penalty-example.json"


def import_bundled():
    """The illustrative Hunan-style penalty-file standard shipped with the app (示例; see data/SOURCE.md)."""
    from pathlib import Path

    data = (Path(__file__).parent / "data" / BUNDLED).read_bytes()
    return import_file(data, BUNDLED)
