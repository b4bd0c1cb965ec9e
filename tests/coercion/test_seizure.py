"""查封/扣押 through the API (issue #20 part 1): prior approval or the emergency path (ENF-01, ENF-02), two certified
officers and the on-site record (ENF-01, REC-01), the 30-day limit with one extension (ENF-03), the decision on the
items and the release; boundary tests before, on and after each limit."""
from fazhi.coercion.models import Measure
from tests.coercion.helpers import SITE, filed_case, ok, refused, seized, step, take
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture


def test_ENF_03_seizure_decided_on_day_30_and_refused_on_day_31_without_the_extension(api):
    case = filed_case(api)
    a, b = seized(api, case), seized(api, case)
    assert Measure.objects.get(uuid=a).due.isoformat() == "2026-07-01"
    ok(step(api, "hetang_head", a, "dispose", on="2026-07-01", outcome="confiscated", reason="无照经营的货物依法没收"))
    refused(step(api, "hetang_head", b, "dispose", on="2026-07-02", outcome="confiscated", reason="没收"), "ENF-03")
    refused(step(api, "hetang_head", b, "extend", on="2026-07-02", reason="需要鉴定"), "ENF-03")  # too late to extend
    ok(step(api, "hetang_head", b, "release", on="2026-07-02", ground="查封、扣押期限已经届满"))  # release: always
    assert Measure.objects.get(uuid=b).outcome == "released"


def test_ENF_03_with_the_extension_day_31_and_60_in_time_61_not(api):
    case = filed_case(api)
    a, b = seized(api, case), seized(api, case)
    for m in (a, b):
        ok(step(api, "hetang_head", m, "extend", on="2026-07-01", reason="货物来源需向市场监管部门核查，情况复杂"))
    assert Measure.objects.get(uuid=a).due.isoformat() == "2026-07-31"
    refused(step(api, "hetang_head", a, "extend", on="2026-07-01", reason="再次延长"), "ENF-03")  # once only
    ok(step(api, "hetang_head", a, "dispose", on="2026-07-02", outcome="destroyed", reason="变质水果依法销毁"))
    refused(step(api, "hetang_head", b, "dispose", on="2026-08-01", outcome="confiscated", reason="没收"), "ENF-03")
    ok(step(api, "hetang_head", b, "dispose", on="2026-07-31", outcome="confiscated", reason="没收"))


def test_ENF_02_emergency_seizure_approved_at_hour_24_refused_at_hour_25(api):
    case = filed_case(api)
    site = {**SITE, "at": "2026-06-01T10:00:00+08:00"}
    a = ok(take(api, case, emergency="当事人正在转移货物", **site), 201)
    b = ok(take(api, case, emergency="当事人正在转移货物", **site), 201)
    assert a["status"] == "seized" and a["clock"]["label"] == "报告负责人并补办批准"
    ok(step(api, "hetang_head", a["uuid"], "ratify", on="2026-06-02", reported_at="2026-06-02T10:00:00+08:00",
            approve=True))
    refused(step(api, "hetang_head", b["uuid"], "ratify", on="2026-06-02", reported_at="2026-06-02T11:00:00+08:00",
                 approve=True), "ENF-02")
    refused(step(api, "hetang_head", b["uuid"], "dispose", on="2026-06-02", outcome="confiscated", reason="x"),
            "ENF-02", status=409)  # not before the approval
    ok(step(api, "hetang_head", b["uuid"], "release", on="2026-06-02", ground="其他不再需要采取查封、扣押措施的情形",
            reason="超过二十四小时未补办批准"))
    assert Measure.objects.get(uuid=a["uuid"]).approved_at is not None


def test_ENF_02_a_leader_who_disagrees_lifts_the_measure_at_once(api):
    case = filed_case(api)
    m = ok(take(api, case, emergency="当事人正在转移货物", **SITE, at="2026-06-01T10:00:00+08:00"), 201)["uuid"]
    x = ok(step(api, "hetang_head", m, "ratify", on="2026-06-01", reported_at="2026-06-01T15:00:00+08:00",
                approve=False, reason="货物价值较小，责令改正即可"))
    assert x["status"] == "released" and x["outcome"] == "not_approved"


def test_ENF_01_prior_approval_two_certified_officers_and_the_record(api):
    case = filed_case(api)
    m = ok(take(api, case), 201)["uuid"]
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00", **SITE),
            "CO-STATE")  # not approved yet
    refused(step(api, "hetang_officer1", m, "approve", on="2026-06-01", at="2026-06-01T08:30:00+08:00"), "CO-ROLE",
            status=403)
    ok(step(api, "hetang_head", m, "approve", on="2026-06-01", at="2026-06-01T08:30:00+08:00"))
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00",
                 **{**SITE, "officers": ["hetang_officer1"]}), "ENF-01")
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00",
                 **{**SITE, "party_present": False}), "ENF-01")   # no witness
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00",
                 **{**SITE, "handed_over": False}), "ENF-03")
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00",
                 **{**SITE, "video": ""}), "REC-01")
    refused(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T08:00:00+08:00", **SITE),
            "CASE-DATE")  # before the approval
    x = ok(step(api, "hetang_officer1", m, "seize", on="2026-06-01", at="2026-06-01T10:00:00+08:00", **SITE))
    assert x["status"] == "seized" and x["due"] == "2026-07-01"
    refused(take(api, case, user="hetang_officer3"), "CO-ROLE", status=403)   # not an officer of this case


def test_DAY_07_a_seizure_into_a_year_without_its_table(api, clock):
    from datetime import date

    clock(date(2026, 12, 28))
    case = filed_case(api, on="2026-12-18")
    m = seized(api, case, on="2026-12-20", at="2026-12-20T10:00:00+08:00")
    x = ok(api("hetang_head").get(f"/coercion/{m}"))
    assert x["due"] == "2027-01-19" and x["due_provisional"] and "顺延" in x["clock"]["note"]
    ok(step(api, "hetang_head", m, "extend", on="2026-12-28", reason="需要技术鉴定"))  # a lawful step, not refused
    assert ok(api("hetang_head").get(f"/coercion/{m}"))["due"] == "2027-02-18"
