"""The permit procedure through the API: each gate at its boundary (LIC-01..10), refusals in Chinese with their
basis, the clocks on the row."""
from datetime import date

from fazhi.core.calendar import law_calendar
from fazhi.law.periods import add_working_days
from fazhi.permits.models import Permit
from tests.permits.helpers import CLERK, HEAD, REVIEWER, accepted, apply, granted, ok, step
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture

MON = date(2026, 3, 2)


def wd(n, start=MON):
    return add_working_days(law_calendar(), start, n).isoformat()


def refused(r, code, status=409):
    got, body = r
    assert got == status, body
    assert body["code"] == code, body
    assert body["message"] and body["basis"], body
    return body


def test_LIC_01_correction_on_the_5th_working_day_and_not_on_the_6th(api):
    short = apply(api, materials=["挖掘城市道路申请书"])
    ok(step(api, CLERK, short, "request_correction", on=wd(5), missing=[
        "城市规划部门批准签发的文件", "设计文件（施工图）", "施工方案及交通组织方案", "安全防护和路面恢复方案",
        "申请人身份证明（营业执照或身份证）"]))
    late = apply(api, materials=["挖掘城市道路申请书"])
    body = refused(step(api, CLERK, late, "request_correction", on=wd(6), missing=["设计文件（施工图）"]), "LIC-01")
    assert "即为受理" in body["message"]
    # deemed accepted from receipt: the decision clock runs from 2 March
    ok(step(api, CLERK, late, "accept", on=wd(6)))
    p = Permit.objects.get(uuid=late)
    assert p.deemed_accepted and p.accepted_on == MON and p.decision_due.isoformat() == wd(20)


def test_LIC_01_the_notice_lists_every_missing_item_and_is_given_once(api):
    u = apply(api, materials=["挖掘城市道路申请书"])
    body = refused(step(api, CLERK, u, "request_correction", on=wd(1), missing=["设计文件（施工图）"]), "LIC-01")
    assert "全部内容" in body["message"] and "城市规划部门批准签发的文件" in body["message"]
    refused(step(api, CLERK, u, "accept", on=wd(1)), "LIC-01")  # incomplete: not accepted as it is


def test_LIC_02_decision_on_the_20th_the_21st_refused_the_30th_with_an_extension(api):
    on_time = accepted(api)
    ok(step(api, REVIEWER, on_time, "decide", on=wd(20), outcome="grant"))
    late = accepted(api)
    body = refused(step(api, REVIEWER, late, "decide", on=wd(21), outcome="grant"), "LIC-02")
    assert "负责人批准延长" in body["message"]
    refused(step(api, REVIEWER, late, "extend", on=wd(10), reasons="需征求交警部门意见"), "LIC-ROLE", 403)
    extended = accepted(api)
    ok(step(api, HEAD, extended, "extend", on=wd(20), reasons="需征求交警部门意见"))
    ok(step(api, REVIEWER, extended, "decide", on=wd(30), outcome="grant"))
    p = Permit.objects.get(uuid=extended)
    assert p.decision_late_days == 0 and p.work_days == 30


def test_LIC_04_hearing_pauses_the_clock_and_the_pause_is_notified(api):
    u = accepted(api, item="XK-03", materials=None, quantity=20)
    ok(step(api, REVIEWER, u, "schedule_hearing", on=wd(5), told_on=wd(2), requested_on=wd(4), held_on=wd(14),
            presider="王主持", place="市城管局听证室"))
    p = Permit.objects.get(uuid=u)
    assert p.status == "hearing" and p.paused_days == 10
    ok(step(api, REVIEWER, u, "record_hearing", on=wd(14), record="申请人、利害关系人到场陈述"))
    p = Permit.objects.get(uuid=u)
    assert p.status == "accepted" and p.decision_due.isoformat() == wd(30)
    ok(step(api, REVIEWER, u, "decide", on=wd(30), outcome="grant"))
    assert Permit.objects.get(uuid=u).decision_late_days == 0


def test_LIC_03_certificate_on_the_10th_working_day_in_time_later_recorded_late(api):
    a = granted(api, decide_on=wd(3))
    ok(step(api, CLERK, a, "issue_certificate", on=wd(13)))
    b = granted(api, decide_on=wd(3))
    ok(step(api, CLERK, b, "issue_certificate", on=wd(14)))
    assert Permit.objects.get(uuid=a).certificate_late_days == 0
    assert Permit.objects.get(uuid=b).certificate_late_days == 1


def test_LIC_09_no_dig_at_5_years_minus_a_day_refused_plus_a_day_granted(api):
    minus = accepted(api, road_done_on="2021-04-02")  # 5 years end on 2026-04-02; digging from 2026-04-01
    body = refused(step(api, REVIEWER, minus, "decide", on=wd(5), outcome="grant"), "LIC-09")
    assert "人民政府批准" in body["message"]
    plus = accepted(api, road_done_on="2021-03-31")  # ended 2026-03-31
    ok(step(api, REVIEWER, plus, "decide", on=wd(5), outcome="grant"))


def test_LIC_10_trees_need_replanting_and_ancient_trees_the_government(api):
    trees = ["砍伐、迁移城市树木申请书", "树木位置图及现状照片", "补植方案", "申请人身份证明（营业执照或身份证）"]
    u = accepted(api, item="XK-05", materials=trees, quantity=3, felling=True)
    refused(step(api, REVIEWER, u, "decide", on=wd(5), outcome="grant"), "LIC-10")
    v = accepted(api, item="XK-05", materials=trees, quantity=3, felling=True, replanting="补植香樟6株")
    ok(step(api, REVIEWER, v, "decide", on=wd(5), outcome="grant"))


def test_LIC_08_fee_by_the_standard_paid_to_the_treasury_or_waived_with_basis(api):
    u = granted(api, decide_on=wd(3))
    p = Permit.objects.get(uuid=u)
    assert str(p.fee_amount) == "5250.00" and p.fee_status == "due"  # 420 元/㎡ × 12.5 ㎡
    refused(step(api, CLERK, u, "record_fee", on=wd(4)), "LIC-08")
    refused(step(api, CLERK, u, "record_fee", on=wd(4), receipt="N0001", amount="5000"), "LIC-08")
    ok(step(api, CLERK, u, "record_fee", on=wd(4), receipt="湘非税4300001"))
    assert Permit.objects.get(uuid=u).fee_status == "paid"
    w = granted(api, decide_on=wd(3))
    refused(step(api, CLERK, w, "record_fee", on=wd(4), waived=True), "LIC-08")
    ok(step(api, CLERK, w, "record_fee", on=wd(4), waived=True, waiver_basis="抢险工程，按省财政厅规定免收"))


def test_LIC_06_renewal_30_working_days_before_expiry_deemed_renewed_when_undecided(api, clock):
    from fazhi.law.permits import renewal_last_day
    from fazhi.permits.queries import renewal_state

    u = granted(api, decide_on=wd(3), item="XK-04", materials=None, period_from="2026-03-10",
                period_to="2026-09-30", quantity=None)
    ok(step(api, CLERK, u, "issue_certificate", on=wd(4)))
    last = renewal_last_day(law_calendar(), date(2026, 9, 30))
    late = Permit.objects.get(uuid=u)
    r = step(api, CLERK, u, "apply_renewal", on=(last.fromordinal(last.toordinal() + 1)).isoformat())
    refused(r, "LIC-06")
    ok(step(api, CLERK, u, "apply_renewal", on=last.isoformat()))
    p = Permit.objects.get(uuid=u)
    assert renewal_state(p, date(2026, 9, 30)) == "延续申请待决定"
    assert renewal_state(p, date(2026, 10, 1)).startswith("视为准予延续")
    clock(date(2026, 10, 8))
    refused(step(api, REVIEWER, u, "decide_renewal", on="2026-10-08", valid_until="2027-09-30"), "LIC-06")
    assert late.valid_until == date(2026, 9, 30)


def test_a_refusal_states_reasons_and_the_document_the_remedies(api, client):
    from fazhi.org.models import Staff

    u = accepted(api)
    refused(step(api, REVIEWER, u, "decide", on=wd(3), outcome="deny"), "LIC-REASON")
    ok(step(api, REVIEWER, u, "decide", on=wd(3), outcome="deny", reasons="施工方案不符合道路交通安全要求"))
    from fazhi.permits.documents import decision

    text = " ".join(getattr(b, "text", "") for b in decision(Permit.objects.get(uuid=u)).blocks)
    assert "施工方案不符合道路交通安全要求" in text and "行政复议" in text and "行政诉讼" in text
    client.force_login(Staff.objects.get(username=CLERK))
    assert client.get(f"/permits/{u}/documents/decision.pdf").status_code == 200


def test_another_bureau_and_other_roles_cannot_act(api):
    u = apply(api)
    got, _ = step(api, "hetang_head", u, "accept", on=wd(1))
    assert got == 404  # outside the scope: as if it did not exist
    got, body = step(api, "city_reviewer", u, "accept", on=wd(1))
    assert got == 403
