"""Issue 30: 涉企行政检查 on the workflow machinery. The inspection page offers exactly the steps the guard allows the
person now (the head approves, an assigned officer records, the result is told and published, a finding becomes a
case once), refusals in place with their basis; the board links each inspection to its page and offers only those
steps; the 工作台 lists them; the API takes each step at POST /api/v1/inspections/<id>/actions/<step>."""
import re
from datetime import date

from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event
from fazhi.inspections.models import Inspection
from fazhi.org.models import Staff
from tests.inspections.samples import inspections_in_every_state

STEP = re.compile(r'id="do-([a-z_]+)"')


def _web(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def _by_status(samples, status, problem=None):
    return next(i for i in samples if i.status == status and (problem is None or i.problem_found is problem))


def _steps(web, ins):
    r = web.get(f"/inspections/{ins.uuid}/")
    assert r.status_code == 200
    return set(STEP.findall(r.content.decode()))


def test_each_person_is_offered_their_own_steps(org):
    s = inspections_in_every_state()
    head, squad, officer1, officer4 = (_web(u) for u in ("hetang_head", "hetang_squad1", "hetang_officer1",
                                                          "hetang_officer4"))
    planned, approved = _by_status(s, "planned"), _by_status(s, "approved")
    assert _steps(head, planned) == {"approve"}
    assert _steps(squad, planned) == set() and _steps(officer1, planned) == set()
    assert _steps(officer1, approved) == {"record"}
    assert _steps(head, approved) == set() and _steps(officer4, approved) == set()  # not assigned
    assert _steps(officer1, _by_status(s, "done", problem=True)) == {"notify_result", "open_case"}
    assert _steps(officer1, _by_status(s, "done", problem=False)) == {"notify_result"}
    assert _steps(head, _by_status(s, "done", problem=True)) == {"notify_result"}  # a 局长 registers no 案源
    assert _steps(officer1, _by_status(s, "notified")) == {"publish", "open_case"}
    moved = next(i for i in s if i.case_id)
    assert _steps(officer1, moved) == set()  # published, its finding already a case
    page = officer1.get(f"/inspections/{approved.uuid}/").content.decode()
    assert "亮码检查" in page and f"/check/{approved.check_in_code}/qr.svg" in page
    # Another district's head opens no 荷塘 inspection.
    assert _web("lusong_head").get(f"/inspections/{planned.uuid}/").status_code == 404


def test_board_links_each_inspection_and_offers_only_its_steps(org):
    s = inspections_in_every_state()
    planned = _by_status(s, "planned")
    head = _web("hetang_head").get("/inspections/").content.decode()
    assert f'href="/inspections/{planned.uuid}/#do-approve"' in head
    assert head.count("#do-approve") == 1 and "#do-record" not in head
    officer = _web("hetang_officer1").get("/inspections/").content.decode()
    assert "#do-approve" not in officer and officer.count("#do-record") == 1
    assert officer.count("#do-open_case") == 2  # done and notified with a finding; not the one already a case


def test_desk_lists_the_inspection_steps(org):
    s = inspections_in_every_state()
    head = _web("hetang_head").get("/").content.decode()
    assert "待批准检查" in head and f"/inspections/{_by_status(s, 'planned').uuid}/#do-approve" in head
    assert "待告知检查结果" not in head  # told by the assigned officers
    officer = _web("hetang_officer1").get("/").content.decode()
    for title in ("待记录检查情况", "待告知检查结果", "待公示检查结果", "待移入案件办理"):
        assert title in officer
    assert "待批准检查" not in officer
    other = _web("lusong_head").get("/").content.decode()  # another district's head: none of 荷塘's
    assert not any(str(i.uuid) in other for i in s)


def test_refusal_in_place_with_basis_and_what_was_typed(org):
    s = inspections_in_every_state()
    approved = _by_status(s, "approved")
    web = _web("hetang_officer1")
    r = web.post(f"/inspections/{approved.uuid}/record/", {"on": "2026-10-01", "findings": "现场检查无异常"})
    page = r.content.decode()
    assert r.status_code == 409 and "检查日期不得早于批准日期" in page and "依据" in page
    form = page[page.index('id="do-record"'):]
    assert "现场检查无异常" in form[:form.index("</form>")]
    assert Inspection.objects.get(pk=approved.pk).status == "approved"
    r = web.post(f"/inspections/{approved.uuid}/record/", {"on": "2026-11-03", "findings": "现场检查无异常"})
    assert r.status_code == 302 and r["Location"] == f"/inspections/{approved.uuid}/"
    assert Inspection.objects.get(pk=approved.pk).status == "done"
    # A step the person may not take: refused at the top of the page, 403, nothing written.
    planned = _by_status(s, "planned")
    r = web.post(f"/inspections/{planned.uuid}/approve/", {"on": "2026-11-03"})
    assert r.status_code == 403 and "INS-03" in r.content.decode()
    assert web.post(f"/inspections/{planned.uuid}/nonsense/", {}).status_code == 404


def test_earlier_board_address_of_notify_still_works(org):
    s = inspections_in_every_state()
    done = _by_status(s, "done", problem=False)
    r = _web("hetang_officer2").post(f"/inspections/{done.uuid}/notify/", {"on": "2026-11-05", "result": "未发现问题"})
    assert r.status_code == 302 and Inspection.objects.get(pk=done.pk).status == "notified"


def test_open_case_is_all_or_nothing(org):
    s = inspections_in_every_state()
    done = _by_status(s, "done", problem=True)
    cases, events = PenaltyCase.objects.count(), Event.objects.filter(stream=done.stream).count()
    # 案源登记 refuses a clue registered before it was discovered (the inspection day): no case, no event.
    r = _web("hetang_officer1").post(f"/inspections/{done.uuid}/open_case/", {"on": "2026-11-02", "cause": "安全隐患"})
    assert r.status_code == 409
    assert PenaltyCase.objects.count() == cases and Event.objects.filter(stream=done.stream).count() == events
    assert Inspection.objects.get(pk=done.pk).case_id is None


def test_api_steps(api):
    s = inspections_in_every_state()
    planned, notified = _by_status(s, "planned"), _by_status(s, "notified")
    code, body = api("hetang_officer1").post(f"/inspections/{planned.uuid}/actions/approve", {"on": "2026-11-03"})
    assert code == 403 and body["code"] == "INS-03"
    code, body = api("hetang_head").post(f"/inspections/{planned.uuid}/actions/approve",
                                         {"on": "2026-11-03", "expected_version": planned.version + 5})
    assert code == 409
    code, body = api("hetang_head").post(f"/inspections/{planned.uuid}/actions/approve", {"on": "2026-11-03"})
    assert code == 200 and body["status"] == "approved" and body["version"] == planned.version + 1
    code, body = api("hetang_head").post(f"/inspections/{planned.uuid}/actions/approve", {"on": "2026-11-03"})
    assert code == 409 and body["code"] == "INS-03"
    code, body = api("hetang_officer1").post(f"/inspections/{notified.uuid}/actions/publish", {"on": "2026-11-06"})
    assert code == 200 and body["status"] == "published"
    code, _ = api("lusong_head").post(f"/inspections/{notified.uuid}/actions/publish", {"on": "2026-11-06"})
    assert code == 404
    code, _ = api("hetang_officer1").post("/inspections/00000000-0000-0000-0000-000000000000/actions/publish",
                                          {"on": "2026-11-06"})
    assert code == 404
    code, body = api("hetang_officer1").get("/inspections", kind="special")
    assert code == 200 and len(body["results"]) == len(s)
    assert date.fromisoformat(str(body["results"][0]["planned_on"])) == date(2026, 11, 2)
