"""Issue 12 item 8: role and jurisdiction on every inspection write. Another district's staff can neither plan an
inspection of an enterprise outside their subtree nor use up its yearly cap (INS-05); the command centre and a
处置单位 do not inspect (ACC-01 on the pages, INS-01 in the actions); results are told and published by the
inspection's own bureau."""
import pytest
from django.test import Client

from fazhi.core.errors import NotPermitted
from fazhi.inspections import actions as I
from fazhi.inspections.models import Inspection, Subject
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Bureau, Role, RoleGrant, Staff
from tests.inspections.test_inspections import ON, setup  # noqa: F401 — the shared fixture


def _staff(username):
    return Staff.objects.select_related("bureau__parent").get(username=username)


def _plan(by, subject, item, officers):
    return I.plan_inspection(by=by, on=ON, subject=subject, items=[item], officers=officers)


def test_INS_05_another_district_may_not_plan_nor_take_the_cap(setup):  # noqa: F811
    s = Subject.objects.first()  # a 荷塘 enterprise; the item's yearly cap is 1
    lusong = [_staff("lusong_officer1"), _staff("lusong_officer2")]
    with pytest.raises(NotPermitted) as e:
        _plan(lusong[0], s, setup["item"], lusong)
    assert e.value.code == "INS-05" and "不属于芦淞区局管辖" in e.value.message and e.value.basis
    assert not Inspection.objects.exists()
    # The cap is still free for the bureau whose enterprise it is.
    _plan(setup["hetang_squad1"], s, setup["item"], [setup["hetang_officer1"], setup["hetang_officer2"]])
    # The city bureau is above 荷塘: its subtree includes the enterprise (the cap is now taken: INS-04, not INS-05).
    city = [_staff("city_officer1"), _staff("city_officer2")]
    with pytest.raises(RuleViolation) as e:
        _plan(city[0], s, setup["item"], city)
    assert e.value.code == "INS-04"


def test_INS_05_refused_on_the_page_in_chinese_with_basis(setup):  # noqa: F811
    s = Subject.objects.first()
    c = Client()
    c.force_login(_staff("lusong_officer1"))
    r = c.post("/inspections/plan/", {"subject": s.credit_code, "items": [setup["item"].pk],
                                        "officers": ["lusong_officer1", "lusong_officer2"], "kind": "special",
                                        "planned_on": "2026-03-02", "on": "2026-03-02"})
    page = r.content.decode()
    assert r.status_code == 403 and "INS-05" in page and "荷塘区局辖区" in page and "国办发〔2024〕54号" in page
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.DISPATCHER, Role.PATROLLER, Role.LEGAL_REVIEWER, None])
def test_roles_that_do_not_inspect_are_refused(setup, role):  # noqa: F811
    hetang = Bureau.objects.get(code="430202")
    who = Staff.objects.create(username="someone", full_name="某人", bureau=hetang)
    if role:
        RoleGrant.objects.create(staff=who, role=role)
    who = _staff("someone")
    s = Subject.objects.first()
    with pytest.raises(NotPermitted) as e:
        _plan(who, s, setup["item"], [setup["hetang_officer1"], setup["hetang_officer2"]])
    assert e.value.code == "INS-01"
    c = Client()
    c.force_login(who)
    r = c.post("/inspections/plan/", {"subject": s.credit_code, "items": [setup["item"].pk],
                                        "officers": ["hetang_officer1", "hetang_officer2"], "kind": "special",
                                        "planned_on": "2026-03-02", "on": "2026-03-02"})
    assert r.status_code == 403 and "ACC-01" in r.content.decode()  # the page refuses before the action
    assert not Inspection.objects.exists()


def test_results_told_and_published_by_the_inspections_own_bureau(setup):  # noqa: F811
    ins = _plan(setup["hetang_squad1"], Subject.objects.first(), setup["item"],
                [setup["hetang_officer1"], setup["hetang_officer2"]])
    I.approve(ins, by=setup["hetang_head"], on=ON)
    ins = I.record(ins, by=setup["hetang_officer1"], on=ON, findings="设施牢固")
    with pytest.raises(NotPermitted) as e:
        I.notify_result(ins, by=_staff("lusong_head"), on=ON, result="未发现问题")
    assert e.value.code == "INS-05"
    ins = I.notify_result(ins, by=setup["hetang_officer1"], on=ON, result="未发现问题")
    with pytest.raises(NotPermitted):
        I.publish(ins, by=_staff("hetang_reviewer"), on=ON)
    assert I.publish(ins, by=setup["hetang_officer2"], on=ON).status == "published"


def test_INS_07_only_a_leader_or_squad_leader_reveals_the_draw(setup):  # noqa: F811
    import hashlib

    seed = "20260302-彩票"
    d = I.commit_draw(by=setup["hetang_head"], on=ON, title="抽查", items=[setup["item"]], quotas={"high": 1},
                      seed_commitment=hashlib.sha256(seed.encode()).hexdigest())
    with pytest.raises(NotPermitted) as e:
        I.run_draw(d, by=setup["hetang_officer1"], on=ON, seed=seed)
    assert e.value.code == "INS-07"
    with pytest.raises(NotPermitted) as e:
        I.run_draw(d, by=_staff("lusong_head"), on=ON, seed=seed)
    assert e.value.code == "INS-05"
    assert I.run_draw(d, by=setup["hetang_squad1"], on=ON, seed=seed).status == "drawn"
