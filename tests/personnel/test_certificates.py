"""行政执法证 lifecycle (STF-01): the exam and its pass mark, application and issue, 年审/换证, 暂扣/发还, 注销/吊销 —
and the gate every enforcement step reads: a step on the certificate's last day and the day after, a step inside
and outside a suspension, an exam below the pass mark never leading to an issued certificate."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.workflow import REGISTRY, offered, work_for
from fazhi.law.basis import RuleViolation
from fazhi.law.staff import ExamParts, certificate_valid_on, exam_refusal, expiring_within, on_duty_rate
from fazhi.org.models import Certificate, PersonalDataRead, Staff
from fazhi.personnel import actions as P
from fazhi.personnel.models import CertificateApplication
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused

D = date.fromisoformat


@pytest.fixture
def admin(org):
    return Staff.objects.get(username="city_admin")


def _web(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


# --- pure rules ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("general,special,passed", [("60", "60", True), ("59.9", "60", False), ("60", "59.5", False),
                                                    ("100", "0", False)])
def test_STF_01_each_part_reaches_the_pass_mark(general, special, passed):
    parts = ExamParts(Decimal(general), Decimal(special), Decimal(60))
    assert parts.passed is passed
    assert (exam_refusal(parts) is None) is passed


def test_STF_01_validity_last_day_day_after_and_suspension():
    kw = {"valid_from": D("2024-01-01"), "valid_until": D("2026-03-03")}
    assert certificate_valid_on(D("2026-03-03"), **kw)
    assert not certificate_valid_on(D("2026-03-04"), **kw)
    assert not certificate_valid_on(D("2023-12-31"), **kw)
    s = [(D("2025-05-01"), D("2025-05-10"))]
    assert certificate_valid_on(D("2025-04-30"), **kw, suspensions=s)
    assert not certificate_valid_on(D("2025-05-01"), **kw, suspensions=s)
    assert not certificate_valid_on(D("2025-05-09"), **kw, suspensions=s)
    assert certificate_valid_on(D("2025-05-10"), **kw, suspensions=s)  # the day it is returned
    assert not certificate_valid_on(D("2026-01-01"), **kw, suspensions=[(D("2025-12-31"), None)])
    assert not certificate_valid_on(D("2025-06-01"), **kw, cancelled_on=D("2025-06-01"))


def test_expiry_window_is_60_days_both_ends_included():
    today = D("2026-11-20")
    assert expiring_within(today, today) and expiring_within(today + timedelta(days=60), today)
    assert not expiring_within(today + timedelta(days=61), today)
    assert not expiring_within(today - timedelta(days=1), today)


def test_STF_04_every_step_must_be_certified():
    assert on_duty_rate([("a", True), ("a", True), ("b", True), ("b", False), ("c", False)]) == (1, 3)
    assert on_duty_rate([]) == (0, 0)


# --- the gate on a real enforcement step (PEN-04 via is_certified_on) -----------------------------------------------

def test_a_step_on_the_certificates_last_day_and_the_day_after(api, org):
    Certificate.objects.filter(staff__username="hetang_officer2").update(valid_until=D("2026-03-03"))
    ok(act(api, "hetang_head", clue(api), "file", on="2026-03-03", officers=OFFICERS))
    refused(act(api, "hetang_head", clue(api), "file", on="2026-03-04", officers=OFFICERS), "PEN-04")


def test_a_suspended_certificate_gates_every_step_in_its_period_also_after_its_return(api, admin):
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    P.certificate_step(cert, "suspend", by=admin, data={"on": D("2026-03-04"), "basis": "株城管〔2026〕5号"})
    ok(act(api, "hetang_head", clue(api), "file", on="2026-03-03", officers=OFFICERS))
    refused(act(api, "hetang_head", clue(api), "file", on="2026-03-04", officers=OFFICERS), "PEN-04")
    P.certificate_step(cert, "restore", by=admin, data={"on": D("2026-03-10"), "basis": ""})
    refused(act(api, "hetang_head", clue(api), "file", on="2026-03-09", officers=OFFICERS), "PEN-04")
    ok(act(api, "hetang_head", clue(api), "file", on="2026-03-10", officers=OFFICERS))
    cert.refresh_from_db()
    assert cert.status == "valid" and cert.suspensions == [["2026-03-04", "2026-03-10"]]


# --- exam → application → issue --------------------------------------------------------------------------------------

def _newcomer(org):
    return Staff.objects.create(username="hetang_new", full_name="新队员", bureau=org["hetang"].bureau)


def test_STF_01_an_exam_below_the_pass_mark_cannot_lead_to_an_issued_certificate(org, admin):
    s = _newcomer(org)
    failed = P.record_exam(s, by=admin, taken_on=D("2026-05-10"), general="59.5", special="88")
    assert failed.passed is False and failed.pass_mark == Decimal(60)
    with pytest.raises(RuleViolation) as e:
        P.apply_for_certificate(failed, by=admin, on=D("2026-05-20"))
    assert e.value.code == "STF-01" and "低于合格分数线60分" in e.value.message
    # Even an application that reached the table another way is not issued on it.
    app = CertificateApplication.objects.create(staff=s, exam=failed, applied_on=D("2026-05-20"))
    with pytest.raises(RuleViolation) as e:
        P.issue(app, by=admin, on=D("2026-05-25"), number="43020026990099", issuer="湖南省人民政府",
                valid_from=D("2026-06-01"), valid_until=D("2029-05-31"))
    assert e.value.code == "STF-01"
    assert not Certificate.objects.filter(staff=s).exists()


def test_exam_at_the_pass_mark_application_issue_and_the_new_officer_is_certified(org, admin):
    s = _newcomer(org)
    exam = P.record_exam(s, by=admin, taken_on=D("2026-05-10"), general="60", special="60", batch="2026年第一批")
    app = P.apply_for_certificate(exam, by=admin, on=D("2026-05-20"))
    assert [t.action for t in offered(REGISTRY["certificate-applications"], app, admin, D("2026-05-21"))] == \
        ["issue", "refuse"]
    cert = P.issue(app, by=admin, on=D("2026-05-25"), number="43020026990099", issuer="湖南省人民政府",
                   valid_from=D("2026-06-01"), valid_until=D("2029-05-31"))
    app.refresh_from_db()
    assert app.status == "issued" and app.certificate == cert
    s = Staff.objects.get(pk=s.pk)
    assert not s.is_certified_on(D("2026-05-31")) and s.is_certified_on(D("2026-06-01"))


def test_the_pass_mark_is_the_bureaus_setting_of_the_day(org, admin):
    city = org["hetang"].bureau.enforcement_body
    city.qualification_pass_mark = Decimal(70)
    city.save()
    exam = P.record_exam(_newcomer(org), by=admin, taken_on=D("2026-05-10"), general="65", special="90")
    assert exam.passed is False and exam.pass_mark == Decimal(70)


def test_only_an_administrator_of_the_subtree_and_never_for_oneself(org, admin):
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    head = Staff.objects.get(username="hetang_head")
    with pytest.raises(RuleViolation) as e:
        P.certificate_step(cert, "suspend", by=head, data={"on": D("2026-03-04"), "basis": "x"})
    assert e.value.code == "SEC-01"
    with pytest.raises(RuleViolation):
        P.record_exam(admin, by=admin, taken_on=D("2026-05-10"), general="90", special="90")


# --- renewal, annual check, cancellation --------------------------------------------------------------------------------

def test_renewal_only_before_expiry_and_later_than_before(admin):
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    cert.valid_until = D("2026-03-03")
    cert.save()
    with pytest.raises(RuleViolation, match="期满，不能换证"):
        P.certificate_step(cert, "renew", by=admin, data={"on": D("2026-03-04"), "valid_until": D("2029-03-03")})
    with pytest.raises(RuleViolation, match="应晚于原有效期止"):
        P.certificate_step(cert, "renew", by=admin, data={"on": D("2026-03-03"), "valid_until": D("2026-03-03")})
    P.certificate_step(cert, "renew", by=admin, data={"on": D("2026-03-03"), "valid_until": D("2029-03-03")})
    assert Certificate.objects.get(pk=cert.pk).is_valid_on(D("2026-03-04"))


def test_annual_check_of_a_suspended_or_expired_certificate_is_refused(admin):
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    P.certificate_step(cert, "annual_check", by=admin, data={"on": D("2026-03-01")})
    P.certificate_step(cert, "suspend", by=admin, data={"on": D("2026-03-04"), "basis": "株城管〔2026〕5号"})
    with pytest.raises(RuleViolation) as e:  # the state, at the guard
        P.certificate_step(cert, "annual_check", by=admin, data={"on": D("2026-03-05")})
    assert getattr(e.value, "at_guard", False)
    P.certificate_step(cert, "cancel", by=admin, data={"on": D("2026-04-01"), "basis": "株城管〔2026〕9号",
                                                        "kind": "吊销", "note": "违法执法"})
    cert.refresh_from_db()
    assert cert.status == "cancelled" and cert.cancel_kind == "吊销" and not cert.is_valid_on(D("2026-04-01"))


# --- the lists, the pages, the API ------------------------------------------------------------------------------------

def test_certificates_expiring_within_60_days_on_the_pages_and_the_administrators_desk(org, admin):
    today = timezone.localdate()
    for username, days in (("hetang_officer1", 0), ("hetang_officer2", 60), ("hetang_officer3", 61)):
        Certificate.objects.filter(staff__username=username).update(valid_until=today + timedelta(days=days))
    soon = {c.staff.username for c in REGISTRY["certificates"].open_work(admin)}
    assert {"hetang_officer1", "hetang_officer2"} <= soon and "hetang_officer3" not in soon
    desk = [i for i in work_for(admin, today) if i.context == "certificates"]
    assert {i.step.action for i in desk} == {"renew"} and desk[0].due == today
    page = _web("city_admin").get("/staff/").content.decode()
    assert "60日内期满的执法证" in page and "今日为最后一天" in page and "还有60天" in page
    manage = _web("city_admin").get("/manage/").content.decode()
    assert "60日内期满的执法证" in manage
    assert work_for(Staff.objects.get(username="hetang_officer1"), today) == [] or all(
        i.context != "certificates" for i in work_for(Staff.objects.get(username="hetang_officer1"), today))


def test_certificate_page_offers_the_steps_and_the_api_takes_them(api, admin):
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    page = _web("city_admin").get(f"/staff/certificates/{cert.uuid}/").content.decode()
    assert "暂扣" in page and "年审" in page and "换证" in page
    head_page = _web("hetang_head").get(f"/staff/certificates/{cert.uuid}/")
    assert head_page.status_code == 200 and "当前无可办理环节" in head_page.content.decode()
    status, body = api("city_admin").post(f"/certificates/{cert.uuid}/actions/suspend",
                                          {"on": "2026-03-04", "basis": "株城管〔2026〕5号"})
    assert status == 200 and body["status"] == "suspended" and body["actions"] == ["restore", "cancel"]
    status, body = api("hetang_officer1").post(f"/certificates/{cert.uuid}/actions/restore", {"on": "2026-03-05"})
    assert status == 403
    r = _web("city_admin").post(f"/staff/certificates/{cert.uuid}/do/restore", {"on": "2026-03-04"})
    assert r.status_code == 409 and "发还日期应晚于暂扣日期" in r.content.decode()


def test_a_persons_record_with_personal_data_is_a_logged_read(org, admin):
    s = Staff.objects.get(username="hetang_officer2")
    Staff.objects.filter(pk=s.pk).update(id_number="430202199001011234", phone="13900001111")
    before = PersonalDataRead.objects.count()
    r = _web("city_admin").get(f"/staff/people/{s.uuid}/")
    assert r.status_code == 200 and "430202199001011234" in r.content.decode()
    row = PersonalDataRead.objects.order_by("-id").first()
    assert PersonalDataRead.objects.count() == before + 1 and row.record == f"staff:{s.uuid}"
    assert _web("hetang_officer1").get(f"/staff/people/{s.uuid}/").status_code == 403
