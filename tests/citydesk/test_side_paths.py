"""Issue 5: the loop's side paths (legal-rules B.5, DCM-02..05) — 回退, 延期, 挂账, 超时申诉, 回访, 撤销立案,
自处理 — the per-bureau working hours, photos, the case outcome flowing back, and the appraisal weights check."""
import io
from datetime import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Issue, IssueStatus, Unit
from fazhi.core.errors import NotPermitted
from fazhi.core.events import verify_all
from fazhi.core.models import Event
from fazhi.law.appraisal import DEFAULT_WEIGHTS, check_weights
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Role
from tests.citydesk.desk import HETANG_WGS84, TZ, person


def t(day, hm, month=3):
    h, m = hm.split(":")
    return datetime(2026, month, day, int(h), int(m), tzinfo=TZ)


def dispatched(desk, at=None):
    at = at or t(9, "09:00")
    i = C.report(channel="hotline", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_operator"], at=at, callback=True)
    i = C.register(C.accept(i, by=desk["desk_operator"], at=at), by=desk["desk_leader"], condition_met=True, at=at)
    return C.dispatch(i, by=desk["desk_dispatcher"], at=at)


def test_dcm04_a_returned_issue_goes_back_to_that_unit_only_on_a_ruling(desk):
    i = dispatched(desk)
    with pytest.raises(RuleViolation) as e:
        C.give_back(i, by=desk["sanitation_worker"], reason=" ")
    assert e.value.code == "DCM-04"
    with pytest.raises(NotPermitted):  # only the unit holding it may return it
        C.give_back(i, by=desk["desk_dispatcher"], reason="不是我们的")
    i = C.give_back(i, by=desk["sanitation_worker"], reason="属于市政设施", at=t(9, "09:30"))
    assert i.status == IssueStatus.REGISTERED and i.unit is None and i.due_at is None
    with pytest.raises(RuleViolation) as e:  # the dispatcher alone cannot send it back to the unit that returned it
        C.dispatch(i, by=desk["desk_dispatcher"], at=t(9, "10:00"))
    assert e.value.code == "DCM-04" and "值班长或指挥长" in e.value.message
    with pytest.raises(RuleViolation) as e:  # nor the 值班长 without a written ruling
        C.dispatch(i, by=desk["desk_leader"], at=t(9, "10:00"))
    assert "责任认定理由" in e.value.message
    i = C.dispatch(i, by=desk["desk_leader"], ruling="属地管理：该路段由环卫所保洁", at=t(9, "10:00"))
    assert i.unit == desk["unit"] and i.due_at == t(9, "12:00")
    # Another unit of the same duty that never returned it is dispatched as usual.
    other = Unit.objects.create(name="荷塘区第二环卫所", duty="环境卫生")
    other.regions.add(desk["region"])
    other.members.add(desk["desk_patroller"])
    i = C.give_back(i, by=desk["sanitation_worker"], reason="再次回退", at=t(9, "10:30"))
    i = C.dispatch(i, by=desk["desk_dispatcher"], unit=other, at=t(9, "11:00"))
    assert i.unit == other and len(i.returned_by) == 2


def test_dcm03_extension_before_the_limit_only_and_approved_by_another(desk):
    i = dispatched(desk)                                                   # due 11:00 (2 工作时 from 09:00)
    assert i.due_at == t(9, "11:00")
    with pytest.raises(RuleViolation) as e:  # one minute after the limit: refused; at the limit: accepted
        C.apply(i, by=desk["sanitation_worker"], kind="extension", reason="车辆不足", amount=1, amount_unit="工作日",
             at=t(9, "11:01"))
    assert e.value.code == "DCM-03"
    with pytest.raises(RuleViolation):
        C.apply(i, by=desk["sanitation_worker"], kind="extension", reason="车辆不足", at=t(9, "10:00"))  # no amount
    req = C.apply(i, by=desk["sanitation_worker"], kind="extension", reason="车辆不足", amount=2,
                  amount_unit="工作时", at=t(9, "11:00"))
    with pytest.raises(RuleViolation):  # one open application of a kind at a time
        C.apply(i, by=desk["sanitation_worker"], kind="extension", reason="again", amount=1, amount_unit="工作时",
                at=t(9, "11:00"))
    with pytest.raises(NotPermitted):
        C.review(req, by=desk["desk_dispatcher"], approve=True)  # not a 值班长/指挥长
    with pytest.raises(RuleViolation):
        C.review(req, by=desk["desk_leader"], approve=False)  # a refusal needs its reason
    C.review(req, by=desk["desk_leader"], approve=True, opinion="同意", at=t(9, "11:10"))
    i.refresh_from_db()
    assert i.due_at == t(9, "15:30")  # 11:00 + 2 工作时: one hour to 12:00, one from 14:30


def test_shelving_needs_the_commander_and_resumes_with_a_fresh_limit(desk):
    i = dispatched(desk)
    req = C.apply(i, by=desk["sanitation_worker"], kind="shelve", reason="需纳入改造计划", at=t(9, "09:30"))
    with pytest.raises(NotPermitted):
        C.review(req, by=desk["desk_leader"], approve=True)
    commander = person(desk["region"].bureau, "cmd", Role.COMMANDER)
    C.review(req, by=commander, approve=True, opinion="同意挂账", at=t(9, "09:40"))
    i.refresh_from_db()
    assert i.status == IssueStatus.PENDING
    with pytest.raises(RuleViolation):
        C.handle(i, by=desk["sanitation_worker"], feedback="x")
    i = C.resume(i, by=commander, at=t(16, "09:00"))
    assert i.status == IssueStatus.DISPATCHED and i.due_at == t(16, "11:00")


def test_time_out_appeal_is_reviewed_twice_by_different_people(desk):
    i = dispatched(desk)
    with pytest.raises(RuleViolation):  # not late: nothing to appeal
        C.apply(C.handle(dispatched(desk), by=desk["sanitation_worker"], feedback="ok", at=t(9, "10:00")),
                by=desk["sanitation_worker"], kind="appeal", reason="x")
    i = C.handle(i, by=desk["sanitation_worker"], feedback="已清理", at=t(9, "11:01"))  # one minute late
    assert i.timed_out
    req = C.apply(i, by=desk["sanitation_worker"], kind="appeal", reason="道路封闭无法进入", at=t(9, "11:10"))
    commander = person(desk["region"].bureau, "cmd", Role.COMMANDER)
    with pytest.raises(NotPermitted):  # the first review is the 值班长's
        C.review(req, by=commander, approve=True)
    both = person(desk["region"].bureau, "both", Role.SHIFT_LEADER)
    from fazhi.org.models import RoleGrant
    RoleGrant.objects.create(staff=both, role=Role.COMMANDER)
    req = C.review(req, by=both, approve=True, opinion="属实", at=t(9, "11:20"))
    assert req.state == "first_passed"
    i.refresh_from_db()
    assert not i.exempt  # one review is not enough
    with pytest.raises(NotPermitted):  # the second review by another person
        C.review(req, by=both, approve=True)
    C.review(req, by=commander, approve=True, opinion="同意", at=t(9, "11:30"))
    i.refresh_from_db()
    assert i.exempt and i.timed_out and i.handled_at == t(9, "11:01")  # the raw time-out stays visible
    with pytest.raises(RuleViolation):
        C.apply(i, by=desk["sanitation_worker"], kind="appeal", reason="again")


def test_dcm05_an_unsatisfied_caller_sends_the_issue_back_into_the_loop(desk):
    i = C.handle(dispatched(desk), by=desk["sanitation_worker"], feedback="ok", at=t(9, "10:00"))
    i = C.close(C.verify(i, by=desk["desk_patroller"], ok=True, at=t(9, "10:10")), by=desk["desk_leader"],
                at=t(9, "10:20"))
    with pytest.raises(RuleViolation):
        C.call_back(i, by=desk["desk_operator"], satisfaction="unsatisfied", note="")
    i = C.call_back(i, by=desk["desk_operator"], satisfaction="unsatisfied", note="垃圾又堆起来了", at=t(9, "15:00"))
    assert i.status == IssueStatus.REGISTERED and i.closed_at is None and i.satisfaction == "unsatisfied"
    i = C.dispatch(i, by=desk["desk_dispatcher"], at=t(9, "15:10"))
    assert i.due_at == t(9, "17:10")


def test_void_after_registration_is_the_shift_leaders_and_self_fix_closes_at_once(desk):
    i = C.report(channel="web", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1])
    i = C.register(C.accept(i, by=desk["desk_operator"]), by=desk["desk_leader"], condition_met=True)
    with pytest.raises(NotPermitted):
        C.void(i, by=desk["desk_operator"], reason="重复")
    i = C.void(i, by=desk["desk_leader"], reason="重复立案")
    assert i.status == IssueStatus.VOID and i.voided_after_register
    with pytest.raises(RuleViolation):
        C.report(channel="self", category=desk["category"], description="x", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_patroller"])  # no account of the fix
    with pytest.raises(NotPermitted):
        C.report(channel="self", category=desk["category"], description="x", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_operator"], fixed="清理")
    s = C.report(channel="self", category=desk["category"], description="x", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_patroller"], fixed="已当场清理")
    assert s.status == IssueStatus.CLOSED and s.reported_by == desk["desk_patroller"]
    assert list(verify_all()) == []


def test_working_hours_are_the_bureaus_own(desk):
    b = desk["region"].bureau
    b.work_hours = "09:00-12:00,13:30-18:00"
    b.save()
    i = dispatched(desk, at=t(9, "11:00"))
    assert i.due_at == t(9, "14:30")  # 1 h before lunch, 1 h after 13:30
    from django.core.exceptions import ValidationError
    b.work_hours = "12:00-08:00"
    with pytest.raises(ValidationError):
        b.clean()


def test_the_case_outcome_flows_back_to_the_issue(desk, org):
    from fazhi.cases import actions as K
    from fazhi.cases.models import CloseType

    i = C.report(channel="patrol", category=desk["category"], description="商户乱倒垃圾", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_patroller"])
    officer = org["hetang"].officers[0]
    case = C.to_case(i, by=officer, cause="乱倒垃圾", party_kind="org", party_name="某餐饮店")
    i.refresh_from_db()
    assert i.case == case and "已办结" not in i.status_notes
    page = Client()
    page.force_login(officer)
    assert f"/citydesk/i/{i.uuid}/" in page.get(f"/cases/{case.uuid}/").content.decode()  # the 案源 on the case
    case = K.reject_clue(case, by=org["hetang"].head, on=case.last_on, reason="经核查，违法事实不能成立")
    assert case.status == "closed"
    i.refresh_from_db()
    assert "已办结" in i.status_notes and CloseType(case.close_type).label in i.status_notes
    assert [e.kind for e in Event.objects.filter(stream=i.stream).order_by("seq")][-1] == "case_outcome"


def test_photos_from_the_patrol_page_are_stored_and_shown_to_staff_only(desk, settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path
    c = Client()
    c.force_login(desk["desk_patroller"])
    jpeg = io.BytesIO(b"\xff\xd8\xff\xe0" + b"photo" * 100)
    jpeg.name = "scene.jpg"
    r = c.post("/citydesk/patrol/", {"category": desk["category"].pk, "description": "井边垃圾",
                                     "lng": HETANG_WGS84[0], "lat": HETANG_WGS84[1], "photos": [jpeg]})
    assert r.status_code == 302
    issue = Issue.objects.get()
    photo = issue.photos.get()
    assert photo.stage == "report" and photo.size == 504
    page = c.get(f"/citydesk/i/{issue.uuid}/").content.decode()
    assert f"/citydesk/photos/{photo.sha256}/" in page
    assert c.get(f"/citydesk/photos/{photo.sha256}/").status_code == 200
    assert Client().get(f"/citydesk/photos/{photo.sha256}/").status_code == 302  # to the login page
    r = c.post("/citydesk/patrol/", {"category": desk["category"].pk, "description": "x", "lng": "", "lat": ""})
    assert r.status_code == 409 and "定位" in r.content.decode()


def test_appraisal_weights_must_sum_to_100_per_role(settings):
    check_weights(DEFAULT_WEIGHTS)
    with pytest.raises(ValueError, match="合计为90%"):
        check_weights({"unit": {"处置率": 30, "按期处置率": 40, "1-返工率": 20}})
    with pytest.raises(ValueError, match="不存在"):
        check_weights({"unit": {"满意率": 100}})
    settings.FAZHI_APPRAISAL_WEIGHTS = {"region": {"结案率": 50, "按期结案率": 40}}
    out = io.StringIO()
    from django.core.management.base import SystemCheckError
    with pytest.raises(SystemCheckError, match="区域综合指标权重合计为90%"):
        call_command("check", stdout=out, stderr=out)
