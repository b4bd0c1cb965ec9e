"""三员分立 (issue #32 §2; SEC-01..03, GB/T 22239—2019 8.1.7.1, 8.1.7.3, 8.1.4.2; 网络安全法第二十一条): the
系统管理员 manages accounts and settings but grants no role, not even to itself or a new account; the 安全管理员
grants roles, never its own; a leader's, 法制审核's, 法律顾问's or administrator's role waits for a second person
(the grantee's 局长 or a 安全管理员, never the requester nor the grantee) and has no effect before; the 审计员 reads
every grant attempt, refused ones included, and the read log, and no administrator can edit or hide them."""
import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.models import Event
from fazhi.core.workflow import REGISTRY, offered, work_for
from fazhi.org.models import Role, RoleGrant, RoleGrantRequest, Staff
from tests.conftest import Api

NEW = {"bureau": "430202", "username": "hetang_new1", "full_name": "欧阳新", "phone": "13800000000",
       "password": "Zhifa-2026-xin"}


def _as(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def _staff(username):
    return Staff.objects.get(username=username)


def _roles(username):
    return set(RoleGrant.objects.filter(staff__username=username).values_list("role", flat=True))


def test_an_administrator_granting_itself_a_leaders_role_is_refused_and_recorded(org):
    admin = _staff("city_admin")
    r = _as("city_admin").post(f"/manage/staff/{admin.uuid}/roles/", {"roles": ["admin", "head"]})
    page = r.content.decode()
    assert r.status_code == 403 and "不得为自己授予" in page and "GB/T 22239" in page and "SEC-01" in page
    assert _roles("city_admin") == {"admin"}
    assert not RoleGrantRequest.objects.exists()
    # The case pages and the read log stay closed to it.
    assert _as("city_admin").get("/access-log/").status_code == 403
    attempt = Event.objects.get(stream=f"staff:{admin.uuid}", kind="grant_refused")
    assert attempt.actor == "city_admin" and attempt.data["wanted"] == ["admin", "head"]
    assert attempt.data["rule"] == "SEC-01"


def test_an_administrator_grants_no_role_to_another_either(org):
    officer = _staff("hetang_officer1")
    r = _as("city_admin").post(f"/manage/staff/{officer.uuid}/roles/", {"roles": ["officer", "head"]})
    assert r.status_code == 403 and "系统管理员管理账号" in r.content.decode()
    assert _roles("hetang_officer1") == {"officer"}
    assert Event.objects.filter(stream=f"staff:{officer.uuid}", kind="grant_refused").count() == 1


def test_an_administrator_creating_a_new_leader_account_is_refused(org):
    people = Staff.objects.count()
    r = _as("city_admin").post("/manage/", {**NEW, "roles": ["head"]})
    assert r.status_code == 403 and "新账号的角色由安全管理员授予" in r.content.decode()
    assert Staff.objects.count() == people and not Staff.objects.filter(username="hetang_new1").exists()
    attempt = Event.objects.get(stream=f"staff:{_staff('city_admin').uuid}", kind="grant_refused")
    assert attempt.data["username"] == "hetang_new1" and attempt.data["roles"] == ["head"]
    # Without roles the account is created; its roles then come from the 安全管理员.
    assert _as("city_admin").post("/manage/", NEW).status_code == 302
    assert _roles("hetang_new1") == set()


def test_a_leader_grant_waits_for_a_second_person_and_has_no_effect_before(org):
    officer = _staff("hetang_officer1")
    r = _as("city_security").post(f"/manage/staff/{officer.uuid}/roles/",
                                  {"roles": ["officer", "squad_leader", "head"], "reason": "任命文件（示例）"})
    assert r.status_code == 302
    # An ordinary role at once; the leader's role is a pending grant, and the officer is no 局长 yet.
    assert _roles("hetang_officer1") == {"officer", "squad_leader"}
    req = RoleGrantRequest.objects.get(staff=officer)
    assert (req.role, req.status, req.requested_by.username) == ("head", "pending", "city_security")
    web = _as("hetang_officer1")
    assert web.get("/access-log/").status_code == 403
    assert web.get("/reports/dashboard/").status_code == 200  # the 中队长's kinds, not the 局长's
    assert web.get("/citydesk/").status_code == 403
    # Neither the requester nor the grantee may approve, on the page or the API.
    wf, today = REGISTRY["role-grants"], timezone.localdate()
    for who in ("city_security", "hetang_officer1", "city_admin", "lusong_head", "hetang_deputy", "city_auditor"):
        assert offered(wf, req, _staff(who), today) == [], who
    status, body = Api(_staff("city_security")).post(f"/role-grants/{req.uuid}/actions/approve",
                                                     {"on": today.isoformat()})
    assert status == 403 and body["code"] == "SEC-02" and "申请人以外" in body["message"]
    r = _as("hetang_officer1").post(f"/manage/grants/{req.uuid}/do/approve", {"on": today.isoformat()})
    assert r.status_code in (403, 404)
    assert _roles("hetang_officer1") == {"officer", "squad_leader"}
    # The grantee's 局长 has it on the 工作台 and approves it: now it takes effect.
    desk = [i for i in work_for(_staff("hetang_head"), today) if i.context == "role-grants"]
    assert [(i.step.action, i.record.pk) for i in desk] == [("approve", req.pk)]
    page = _as("hetang_head").get("/").content.decode()
    assert "待批准授权" in page and f"/manage/grants/#do-approve-{req.uuid}" in page
    grants = _as("hetang_head").get("/manage/grants/").content.decode()
    assert f'id="do-approve-{req.uuid}"' in grants and f'id="do-reject-{req.uuid}"' in grants
    r = _as("hetang_head").post(f"/manage/grants/{req.uuid}/do/approve", {"on": today.isoformat(), "note": "同意"})
    assert r.status_code == 302
    assert _roles("hetang_officer1") == {"officer", "squad_leader", "head"}
    assert _as("hetang_officer1").get("/access-log/").status_code == 200
    kinds = list(Event.objects.filter(stream=f"staff:{officer.uuid}").order_by("seq").values_list("kind", flat=True))
    assert kinds == ["roles_changed", "grant_requested", "grant_approved"]
    # Decided once: a second decision is refused for its state.
    r = _as("hetang_head").post(f"/manage/grants/{req.uuid}/do/reject", {"on": today.isoformat()})
    assert r.status_code in (403, 409)


def test_a_rejected_grant_never_takes_effect_and_the_api_approves_like_the_page(org):
    today = timezone.localdate().isoformat()
    reviewer, adviser = _staff("hetang_officer3"), _staff("hetang_officer4")
    assert _as("city_security").post(f"/manage/staff/{reviewer.uuid}/roles/",
                                     {"roles": ["officer", "legal_reviewer"]}).status_code == 302
    assert _as("city_security").post(f"/manage/staff/{adviser.uuid}/roles/",
                                     {"roles": ["officer", "legal_adviser"]}).status_code == 302
    first, second = (RoleGrantRequest.objects.get(staff=s) for s in (reviewer, adviser))
    status, body = Api(_staff("city_head")).post(f"/role-grants/{first.uuid}/actions/reject", {"on": today})
    assert status == 200 and body["status"] == "rejected"
    status, body = Api(_staff("city_head")).post(f"/role-grants/{second.uuid}/actions/approve", {"on": today})
    assert status == 200 and body["status"] == "approved"
    assert _roles("hetang_officer3") == {"officer"} and _roles("hetang_officer4") == {"officer", "legal_adviser"}


def test_withdrawing_a_role_is_immediate_and_no_one_changes_their_own(org):
    head = _staff("hetang_deputy")
    assert _as("city_security").post(f"/manage/staff/{head.uuid}/roles/", {"roles": []}).status_code == 302
    assert _roles("hetang_deputy") == set()
    security = _staff("city_security")
    r = _as("city_security").post(f"/manage/staff/{security.uuid}/roles/", {"roles": ["security_admin", "head"]})
    assert r.status_code == 403 and "不得为自己" in r.content.decode()
    assert _roles("city_security") == {"security_admin"}


def test_one_person_holds_at_most_one_administrator_role(org):
    admin = _staff("city_admin")
    r = _as("city_security").post(f"/manage/staff/{admin.uuid}/roles/", {"roles": ["admin", "auditor"]})
    assert r.status_code == 403 and "不得由一人兼任" in r.content.decode()
    assert _roles("city_admin") == {"admin"}


def test_the_auditor_sees_every_grant_attempt_and_the_read_log_and_nothing_else(org):
    admin, officer = _staff("city_admin"), _staff("hetang_officer1")
    _as("city_admin").post(f"/manage/staff/{admin.uuid}/roles/", {"roles": ["admin", "head"]})
    _as("city_security").post(f"/manage/staff/{officer.uuid}/roles/", {"roles": ["officer", "head"]})
    auditor = _as("city_auditor")
    page = auditor.get("/audit/").content.decode()
    assert "授权被拒绝（未生效）" in page and "负责人/局长" in page and "city_admin" in page
    assert "申请授权" in page and "city_security" in page
    assert 'data-kind="grant_refused"' in page and 'data-kind="grant_requested"' in page
    assert auditor.get("/access-log/").status_code == 200
    for path in ("/manage/", "/cases/", "/disputes/", "/manage/bureaus/430200/settings/"):
        assert auditor.get(path).status_code == 403, path
    # No administrator reads (let alone edits) the audit record; the record itself refuses edits and deletions.
    for who in ("city_admin", "city_security"):
        assert _as(who).get("/audit/").status_code == 403
    ev = Event.objects.filter(kind="grant_refused").first()
    with pytest.raises(RuntimeError):
        ev.save()
    with pytest.raises(RuntimeError):
        ev.delete()


def test_the_django_admin_cannot_edit_roles_or_the_event_log():
    from django.contrib import admin as site

    from fazhi.core.models import Event as E
    from fazhi.org.admin import RoleInline

    inline = RoleInline(Staff, site.site)
    assert not inline.has_add_permission(None) and not inline.has_change_permission(None)
    assert not inline.has_delete_permission(None)
    events = site.site._registry[E]
    assert not events.has_change_permission(None) and not events.has_delete_permission(None)


def test_the_demo_has_a_pending_grant_and_a_recorded_attempt(org):
    from fazhi.org.demo import build_grants

    build_grants(timezone.localdate())
    req = RoleGrantRequest.objects.get()
    assert (req.staff.username, req.role, req.status) == ("hetang_officer2", "legal_reviewer", "pending")
    assert "legal_reviewer" not in _roles("hetang_officer2")
    assert Event.objects.filter(kind="grant_refused", actor="city_admin").count() == 1
    assert Role.SECURITY_ADMIN in _staff("city_security").roles and Role.AUDITOR in _staff("city_auditor").roles
