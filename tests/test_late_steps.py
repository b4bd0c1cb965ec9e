"""Late is recorded, not forgotten: a step the law lets stand when late (service PEN-16, disposal of preserved items
PEN-07, publication PUB-03) is saved with the days late, shown on the case as met late, and counted in the report
(送达超期, 公示超期). Boundaries: on the last day (in time) and the day after (1 day late)."""
from datetime import date

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase, Preservation
from fazhi.disclosure import actions as P
from fazhi.org.models import Bureau, Staff
from fazhi.reports import figures as F
from tests.test_api_scenarios import OFFICERS, act, clue, ok, reported


def decided_on_03_12(api):
    c = reported(api)
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即清理"))
    return c  # PEN-16: 7 working days → 03-23 (Mon)


@pytest.mark.parametrize("served_on, late_days", [("2026-03-23", 0), ("2026-03-24", 1), ("2026-03-26", 3)])
def test_PEN_16_late_service_stands_and_is_marked_late(api, served_on, late_days):
    c = decided_on_03_12(api)
    body = ok(act(api, "hetang_officer1", c, "serve", on=served_on, method="direct", recipient="张三"))
    assert body["status"] == "executing"  # the service stands
    [met] = body["met_deadlines"]
    assert met["rule"] == "PEN-16" and met["due"] == "2026-03-23" and met["late_days"] == late_days
    assert met["late"] is bool(late_days)
    ev = body["timeline"][-1]["data"]
    assert ev["late"] is bool(late_days) and ev["days_late"] == late_days and ev["service_due"] == "2026-03-23"
    assert PenaltyCase.objects.get(uuid=c).service_late_days == late_days
    hetang = Bureau.objects.get(code="430202")
    scope = F.Scope(hetang, date(2026, 1, 1), date(2026, 12, 31))
    assert F.BY_KEY["late_services"].compute(scope) == (1 if late_days else 0)
    client = Client()
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    page = client.get(f"/cases/{c}/").content.decode()
    assert (f"逾期{late_days}日办理" in page) is bool(late_days) and "met-deadlines" in page


@pytest.mark.parametrize("disposed_on, late_days", [("2026-03-13", 0), ("2026-03-16", 3)])
def test_PEN_07_late_disposal_of_preserved_items_is_recorded(api, disposed_on, late_days):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-03-04", items="三轮车一辆", approved_by="hetang_head"))
    p = Preservation.objects.get(case__uuid=c)
    assert p.due == date(2026, 3, 13)  # 7 working days after Wed 03-04
    body = ok(act(api, "hetang_officer1", c, "dispose_preserved", on=disposed_on, preservation_id=p.pk,
                  disposal="退还当事人"))
    p.refresh_from_db()
    assert p.late_days == late_days and body["met_deadlines"][0]["late_days"] == late_days
    assert body["timeline"][-1]["data"]["days_late"] == late_days


@pytest.mark.parametrize("published_on, late_days", [("2026-03-23", 0), ("2026-03-24", 1)])
def test_PUB_03_late_publication_is_made_and_counted(api, published_on, late_days):
    c = decided_on_03_12(api)  # PUB-03: 7 working days → 03-23
    p = P.publish(PenaltyCase.objects.get(uuid=c), by=Staff.objects.get(username="hetang_head"),
                  on=date.fromisoformat(published_on))
    assert p.late_days == late_days and p.on_time is (late_days == 0) and p.due == date(2026, 3, 23)
    scope = F.Scope(Bureau.objects.get(code="430202"), date(2026, 1, 1), date(2026, 12, 31))
    assert F.BY_KEY["late_publications"].compute(scope) == (1 if late_days else 0)
    assert list(F.BY_KEY["late_publications"].records(scope)) == ([PenaltyCase.objects.get(uuid=c)] if late_days else [])
