"""report_bureau_s: one bureau-year's annual report — every figure, three charts, DOCX and PDF — for the demo
city bureau (株洲, a year of cases across six district/county bureaus)."""
from __future__ import annotations

import random
import time
from datetime import date

from fazhi.cases.documents import to_docx, to_pdf
from fazhi.org.models import Bureau


def _demo():
    from fazhi.cases.demo import build_cases
    from fazhi.cases.models import PenaltyCase
    from fazhi.catalog.demo import build_catalogue
    from fazhi.disclosure.demo import build_publications
    from fazhi.inspections.demo import build_inspections
    from fazhi.org.demo import _name, build_org

    if PenaltyCase.objects.exists():  # the database is made afresh for each run (bench/run.py)
        return
    rng, used, today = random.Random(20261122), set(), date(2026, 11, 20)
    staff = build_org(rng, today)
    build_catalogue(Bureau.objects.get(parent=None))
    build_cases(staff, rng, today, lambda: _name(rng, used))
    build_inspections(staff, rng, today)
    build_publications(staff, rng, today)


def run() -> dict:
    from fazhi.reports.annual import build

    _demo()
    city = Bureau.objects.get(code="430200")
    times = []
    for _ in range(3):
        t = time.perf_counter()
        doc, values = build(city, 2026)
        pdf, docx = to_pdf(doc), to_docx(doc)
        times.append(time.perf_counter() - t)
    out = {"report_bureau_s": {"value": round(min(times), 2), "unit": "s", "goal": "≤ 5", "runs_s": [round(x, 2) for x in times],
                               "cases": values["cases"], "pdf_kb": len(pdf) // 1024, "docx_kb": len(docx) // 1024,
                               "scope": "株洲市城市管理和综合执法局 with its six bureaus, demo year"}}
    print(out, flush=True)
    return out
