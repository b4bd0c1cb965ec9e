"""The demo year of the city bureau's permit window (issue #17 §8, §9): ~1,000 applications and about 7.6 million
yuan of fees; the report figures equal an independent SQL count, and the annual and quarterly reports state them
(the quarterly report no longer says 未记录 for 行政许可)."""
import random
import time
from datetime import date
from decimal import Decimal

from fazhi.core.events import verify_all
from fazhi.org.models import Bureau
from fazhi.permits.demo import build_permits
from fazhi.permits.models import Permit
from fazhi.reports import figures as F
from fazhi.reports.annual import build, build_quarterly
from fazhi.reports.base import Scope
from fazhi.reports.present import show
from tests.reports.conftest import TODAY, sql


def test_demo_window_year_figures_equal_sql_and_the_reports_state_them(org):
    t0 = time.monotonic()
    n = build_permits(org, random.Random(20261122), TODAY)
    took = time.monotonic() - t0
    assert 950 <= n <= 1011 and took < 30, (n, took)
    assert list(verify_all()) == []  # the bulk-written streams are whole chains
    city = Bureau.objects.get(parent=None)
    s = Scope(city, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    span = (s.start.isoformat(), s.end.isoformat())
    fig = F.BY_KEY
    accepted = sql("SELECT COUNT(*) FROM permits_permit WHERE accepted_on BETWEEN %s AND %s", span)
    done = sql("SELECT COUNT(*) FROM permits_permit WHERE decision <> '' AND decided_on BETWEEN %s AND %s", span)
    on_time = sql("SELECT COUNT(*) FROM permits_permit WHERE decision <> '' AND decision_late_days = 0 "
                  "AND decided_on BETWEEN %s AND %s", span)
    granted = sql("SELECT COUNT(*) FROM permits_permit WHERE decision = 'grant' AND decided_on BETWEEN %s AND %s", span)
    days = sql("SELECT SUM(work_days) FROM permits_permit WHERE decision <> '' AND decided_on BETWEEN %s AND %s", span)
    paid = sql("SELECT SUM(fee_amount) FROM permits_permit WHERE fee_status = 'paid' "
               "AND fee_paid_on BETWEEN %s AND %s", span)
    assert fig["permits"].compute(s) == accepted > 900
    assert fig["permits_done"].compute(s) == done > 850
    rate = fig["permits_on_time"].compute(s)
    assert (rate.num, rate.den) == (on_time, done) and on_time < done
    assert fig["permit_outcomes"].compute(s)["准予许可"] == granted
    assert fig["permits_avg_days"].compute(s) == (Decimal(days) / done).quantize(Decimal("0.1"))
    fees = fig["permit_fees"].compute(s)
    assert fees == Decimal(str(paid)).quantize(Decimal("0.01"))
    assert Decimal("6500000") < fees < Decimal("8500000"), fees  # 株洲 2024: 760.6万元
    assert Permit.objects.filter(fee_status="waived").exists()
    # the annual report states them
    doc, values = build(city, TODAY.year, today=TODAY)
    text = "".join(getattr(b, "text", "") for b in doc.blocks)
    assert f"受理行政许可申请{accepted}件" in text and show(fig["permit_fees"], fees) in text
    # the quarterly report states them and no longer says 未记录 for 行政许可
    q, qvalues = build_quarterly(city, TODAY.year, 2, today=TODAY)
    rows = [r for b in q.blocks if hasattr(b, "rows") for r in b.rows]
    permit_rows = [r for r in rows if "许可" in r[0]]
    assert len(permit_rows) >= 6
    assert not any("未记录" in str(c) for r in permit_rows for c in r if r[0] != "许可咨询"), permit_rows
    q2 = sql("SELECT COUNT(*) FROM permits_permit WHERE accepted_on BETWEEN '2026-04-01' AND '2026-06-30'")
    assert qvalues["permits"] == q2 > 150
