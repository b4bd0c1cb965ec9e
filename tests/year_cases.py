"""A moving clock and a compact set of cases in every state, built through the actions (the demo is too slow
for a test). The dates sit at the end of 2026 so their deadlines run into 2027, whose holiday table the package
does not have: the turn of the year (DAY-07)."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from tests.test_api_scenarios import act, clue, ok, site_record

OFFICERS = ["hetang_officer1", "hetang_officer2"]


@pytest.fixture(name="clock")
def clock_fixture(monkeypatch):
    """Move "today" (timezone.now and everything derived from it) to a given day, noon Beijing time."""
    def move(day: date):
        moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return day

    return move


def _filed(api, *, on="2026-11-30", act_on="2026-11-28", discovered_on="2026-11-30"):
    c = clue(api, act_on=act_on, discovered_on=discovered_on, on=on)
    ok(act(api, "hetang_head", c, "file", on=on, officers=OFFICERS))
    return c


def _reported(api, c, *, fine="5000", on="2026-12-01", outcome="penalty", **kw):
    ok(act(api, "hetang_officer1", c, "add_evidence", on=on, kind="inspection", title="现场检查笔录", **site_record(on)))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on=on, outcome=outcome, facts="经查属实",
           kinds=["fine"] if outcome == "penalty" else [], fine=fine if outcome == "penalty" else "0", **kw))
    return c


def _decided(api, c, *, notify_on="2026-12-02", decide_on="2026-12-03"):
    ok(act(api, "hetang_officer1", c, "notify", on=notify_on))
    ok(act(api, "hetang_officer1", c, "waive_rights", on=notify_on, statement="放弃陈述申辩"))
    ok(act(api, "hetang_head", c, "decide", on=decide_on, correction_order="立即清理"))
    return c


def cases_in_every_state(api) -> dict[str, str]:
    """One case per status (and the side records that hang off them), as of 2026-12-20."""
    out = {"clue": clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")}
    out["investigating"] = _filed(api)
    c = _filed(api)
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-12-01", kind="inspection", title="现场检查笔录", **site_record("2026-12-01")))
    ok(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-12-18", items="三轮车一辆",
           approved_by="hetang_head"))  # 7 working days run into 2027
    out["investigating_preserved"] = c
    out["reported"] = _reported(api, _filed(api))
    c = _reported(api, _filed(api))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-12-02"))
    out["notified"] = c
    c = _reported(api, _filed(api), fine="25000")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-12-02"))
    ok(act(api, "hetang_officer1", c, "request_hearing", on="2026-12-03"))
    out["hearing"] = c
    out["transferring"] = _reported(api, _filed(api), outcome="transfer")
    out["decided"] = _decided(api, _reported(api, _filed(api)), decide_on="2026-12-17")
    c = _decided(api, _reported(api, _filed(api)))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-12-18", method="direct", recipient="张三"))
    out["executing"] = c
    c = _decided(api, _reported(api, _filed(api, on="2026-10-09", act_on="2026-10-08", discovered_on="2026-10-09"),
                                on="2026-10-12"), notify_on="2026-10-13", decide_on="2026-10-14")
    ok(act(api, "hetang_officer1", c, "serve", on="2026-10-15", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "serve_demand", on="2026-11-02", deadline="2026-11-20"))
    out["enforcing"] = c
    c = _decided(api, _reported(api, _filed(api)))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-12-04", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-12-07", fine_paid="5000"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-12-08", close_type="performed"))
    out["closed"] = c
    c = _decided(api, _reported(api, _filed(api)))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-12-04", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-12-07", fine_paid="5000"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-12-08", close_type="performed"))
    ok(act(api, "hetang_squad1", c, "archive", on="2026-12-09", location="档案室"))
    out["archived"] = c
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-12-18", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
        "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-12-18", "discovered_on": "2026-12-18",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
        "kinds": ["fine"], "fine": "50", "statement": "无异议", "correction_order": "当场清理"})
    assert status == 201, body
    out["simple_executing"] = body["uuid"]
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-12-18", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
        "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-12-18", "discovered_on": "2026-12-18",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
        "kinds": ["fine"], "fine": "50", "statement": "无异议", "correction_order": "当场清理",
        "collect_on_spot": True, "receipt_no": "R-2026-1218"})
    assert status == 201, body
    out["simple_collected"] = body["uuid"]  # PEN-03 hand-over within 2 working days
    return out
