"""report_province_s: every figure of the annual report (§C.2 and the 数字化城管 summary) for a province-sized
year — 1,000,000 cases and 10,000,000 issues in PostgreSQL — computed for the root bureau (goal ≤ 10 s).

The cases are the scale benchmark's (bench/scale.py, same kept database). The issues are generated in SQL over
株洲's four bundled urban districts and the bundled categories, spread over the report year with realistic
shares of channels and states; like the bench cases they are not made through the actions and have no events.
Generation runs once; the database is kept between runs."""
from __future__ import annotations

import time
from datetime import date

from django.db import connection, transaction

from bench.scale import _progress, ensure_cases
from fazhi.citydesk.models import Category, GridCell, Issue, Region, Unit
from fazhi.org.models import Bureau

BATCH = 1_000_000
YEAR = 2026


def ensure_desk() -> None:
    if Region.objects.exists():
        return
    import json

    from fazhi.citydesk import actions as C
    from fazhi.citydesk.demo import DATA, DISTRICTS
    from fazhi.citydesk.importers import import_categories

    for _slug, code, label in DISTRICTS:
        C.import_region(bureau=Bureau.objects.get(code=code), code=code, name=label,
                        geometry=json.loads((DATA / f"{code}.geojson").read_text()))
    import_categories((DATA / "categories.csv").read_bytes(), "categories.csv")
    for duty in {c.duty for c in Category.objects.all()}:
        Unit.objects.create(name=f"{duty}处置单位", duty=duty)


def ensure_issues(target: int) -> None:
    have = Issue.objects.count()
    if have >= target:
        return
    cells = list(GridCell.objects.order_by("id").values_list("id", "region_id"))
    step = max(1, len(cells) // 5000)  # 5,000 cells spread over the districts are variety enough
    cells = cells[::step]
    cats = list(Category.objects.order_by("id").values_list("id", flat=True))
    units = {u.duty: u.pk for u in Unit.objects.all()}
    duty = dict(Category.objects.values_list("id", "duty"))
    cat_units = [units[duty[c]] for c in cats]
    arr = lambda xs: "ARRAY[" + ",".join(str(x) for x in xs) + "]"  # noqa: E731
    cell_ids, cell_regions = arr(c[0] for c in cells), arr(c[1] for c in cells)
    statuses = "ARRAY['closed','closed','closed','closed','closed','closed','closed','void','dispatched','pending']"
    channels = "ARRAY['patrol','patrol','patrol','hotline','hotline','web','open311','self']"
    start = Issue.objects.order_by("-id").values_list("id", flat=True).first() or 0
    t0 = time.perf_counter()
    done = 0
    seconds_in_year = 365 * 86400
    while have + done < target:
        n = min(BATCH, target - have - done)
        lo = start + done
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"""
                INSERT INTO citydesk_issue (created_at, updated_at, uuid, tracking_code, channel, category_id,
                    description, lng, lat, address, region_id, cell_id, reporter_name, reporter_phone, callback,
                    media_url, urgent, status, version, unit_id, reported_at, accepted_at, registered_at,
                    dispatched_at, due_at, handled_at, verified_at, closed_at, status_notes, rework_count,
                    voided_after_register, returned_by, exempt, satisfaction)
                SELECT t, t, gen_random_uuid(), lpad(to_hex(g), 8, '0'), ch, ({arr(cats)})[1 + g % {len(cats)}],
                    '基准测试生成的问题', 113.15, 27.85, '', ({cell_regions})[1 + g % {len(cells)}],
                    ({cell_ids})[1 + g % {len(cells)}], '', '', false, '', false, st, 7,
                    CASE WHEN st IN ('closed', 'dispatched', 'pending') THEN
                        ({arr(cat_units)})[1 + g % {len(cats)}] END,
                    t, t + interval '10 minutes',
                    CASE WHEN st <> 'void' AND ch <> 'self' THEN t + interval '20 minutes' END,
                    CASE WHEN st IN ('closed', 'dispatched', 'pending') AND ch <> 'self' THEN t + interval '30 minutes' END,
                    CASE WHEN st IN ('closed', 'dispatched', 'pending') AND ch <> 'self' THEN t + interval '1 day' END,
                    CASE WHEN st = 'closed' THEN t + (g % 30) * interval '1 hour' END,
                    CASE WHEN st = 'closed' AND ch <> 'self' THEN t + (g % 30 + 1) * interval '1 hour' END,
                    CASE WHEN st IN ('closed', 'void') THEN t + (g % 30 + 2) * interval '1 hour' END,
                    '', (g % 17 = 0)::int, false, '[]'::jsonb, (g % 97 = 0), ''
                FROM (SELECT g, timestamptz '{YEAR}-01-01 08:00+08' + (g % {seconds_in_year}) * interval '1 second' AS t,
                             ({channels})[1 + g % 8] AS ch, ({statuses})[1 + (g / 8) % 10] AS st
                      FROM generate_series({lo + 1}, {lo + n}) AS g) s""")
        done += n
        _progress(f"issues {have + done:,}/{target:,} ({time.perf_counter() - t0:.0f} s)")
    with connection.cursor() as cur:
        cur.execute("ANALYZE citydesk_issue")
    _progress(f"issues done in {time.perf_counter() - t0:.0f} s")


def run(cases: int = 1_000_000, issues: int = 10_000_000) -> dict:
    from fazhi.citydesk import figures as desk_figures
    from fazhi.reports.figures import Scope, compute_all

    ensure_cases(cases)
    ensure_desk()
    ensure_issues(issues)
    root = Bureau.objects.get(parent=None)
    scope = Scope(root, date(YEAR, 1, 1), date(YEAR, 12, 31))
    timings = []
    for _ in range(3):
        t = time.perf_counter()
        figures = compute_all(Scope(root, scope.start, scope.end))
        timings.append(time.perf_counter() - t)
    best = min(timings)
    summary = desk_figures.summary(scope.start, scope.end, root)
    out = {"report_province_s": {
        "value": round(best, 2), "unit": "s", "goal": "≤ 10",
        "runs_s": [round(x, 2) for x in timings], "cases": cases, "issues": issues,
        "issues_in_year": summary["received"], "figures": len(figures),
        "what": "reports.figures.compute_all for the root bureau and the report year (all §C.2 figures and the "
                "数字化城管 summary), best of three runs in one process"}}
    print(out, flush=True)
    return out
