"""Need to know in the later contexts (issue #32 §3; ACC-01): the 法律顾问 reads the disputes, decisions and legal
reviews assigned to them and their own bureau's — not every district's; every read of a dispute, a major decision
or a legal review is in the personal-data read log like a case read; a 建议's 承办人 holds a role that can act on it
(DSP-ROLE)."""
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.errors import NotPermitted
from fazhi.decisions import actions as DA
from fazhi.decisions.models import Adviser, Review
from fazhi.disputes import actions as DSP
from fazhi.disputes.models import Dispute
from fazhi.org.models import PersonalDataRead, Role, RoleGrant, Staff
from tests.conftest import Api
from tests.test_workflow_offered import dispute_samples, review_samples


def _as(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def _staff(username):
    return Staff.objects.get(username=username)


def test_the_citys_adviser_no_longer_reads_the_districts_disputes(api):
    disputes = dispute_samples(api)
    hetang = disputes[0]
    city = _as("city_adviser")
    assert city.get(f"/disputes/{hetang.uuid}/").status_code == 404
    assert Api(_staff("city_adviser")).get(f"/disputes/{hetang.uuid}")[0] == 404
    board = city.get("/disputes/?status=all").content.decode()
    assert "张三" not in board and hetang.number not in board
    # 荷塘's own adviser reads 荷塘's disputes; the city's leaders and reviewers still read the subtree.
    assert _as("hetang_adviser").get(f"/disputes/{hetang.uuid}/").status_code == 200
    for who in ("city_head", "city_reviewer", "hetang_reviewer"):
        assert _as(who).get(f"/disputes/{hetang.uuid}/").status_code == 200, who
    # Assigned to the city's adviser, the dispute is theirs to read.
    Dispute.objects.filter(pk=hetang.pk).update(adviser=_staff("city_adviser"))
    assert city.get(f"/disputes/{hetang.uuid}/").status_code == 200
    assert city.get(f"/disputes/{disputes[1].uuid}/").status_code == 404


def test_an_adviser_with_another_reading_role_keeps_that_roles_scope(api):
    disputes = dispute_samples(api)
    RoleGrant.objects.create(staff=_staff("city_adviser"), role=Role.LEGAL_REVIEWER)
    assert _as("city_adviser").get(f"/disputes/{disputes[0].uuid}/").status_code == 200


def _hetang_review(on):
    return DA.request_review(by=_staff("hetang_reviewer"), on=on, kind="contract", subject="荷塘环卫作业服务合同",
                             requested_by="荷塘区局计划财务科")


def test_the_citys_adviser_reads_its_own_bureaus_reviews_and_those_assigned_to_it(api):
    city_reviews = review_samples(api)
    on = timezone.localdate().replace(day=1)
    hetang = _hetang_review(on)
    city = _as("city_adviser")
    assert city.get(f"/decisions/reviews/{city_reviews[0].uuid}/").status_code == 200
    assert city.get(f"/decisions/reviews/{hetang.uuid}/").status_code == 404
    assert Api(_staff("city_adviser")).get(f"/legal-reviews/{hetang.uuid}")[0] == 404
    assert "荷塘环卫作业服务合同" not in city.get("/decisions/reviews/").content.decode()
    assert _as("city_reviewer").get(f"/decisions/reviews/{hetang.uuid}/").status_code == 200
    Review.objects.filter(pk=hetang.pk).update(adviser=Adviser.objects.get(staff=_staff("city_adviser")))
    assert city.get(f"/decisions/reviews/{hetang.uuid}/").status_code == 200


def test_dispute_decision_and_review_reads_are_in_the_read_log(api):
    disputes = dispute_samples(api)
    reviews = review_samples(api)
    d, r = disputes[0], next(x for x in reviews if x.status == "done")
    before = PersonalDataRead.objects.count()
    assert _as("hetang_reviewer").get(f"/disputes/{d.uuid}/").status_code == 200
    assert Api(_staff("hetang_head")).get(f"/disputes/{d.uuid}")[0] == 200
    assert _as("city_reviewer").get(f"/decisions/reviews/{r.uuid}/").status_code == 200
    assert Api(_staff("city_head")).get(f"/legal-reviews/{r.uuid}")[0] == 200
    assert _as("city_reviewer").get(f"/decisions/reviews/{r.uuid}/opinion.pdf").status_code == 200
    rows = list(PersonalDataRead.objects.order_by("id")[before:])
    got = [(x.staff.username, x.record, x.channel) for x in rows]
    assert got == [("hetang_reviewer", d.stream, "web"), ("hetang_head", d.stream, "api"),
                   ("city_reviewer", r.stream, "web"), ("city_head", r.stream, "api"),
                   ("city_reviewer", r.stream, "web")]
    assert all("张三" not in x.label for x in rows)  # named by number, never by the applicant
    # A refused or out-of-scope read logs nothing; the leaders see the entries on their read log.
    assert _as("lusong_head").get(f"/disputes/{d.uuid}/").status_code == 404
    assert PersonalDataRead.objects.count() == before + 5
    log = _as("hetang_head").get("/access-log/").content.decode()
    assert "复议、诉讼页面" in log


def test_a_decision_page_read_is_logged(api):
    from tests.test_workflow_offered import decision_samples

    d = decision_samples(api)[0]
    before = PersonalDataRead.objects.count()
    assert _as("city_head").get(f"/decisions/{d.uuid}/").status_code == 200
    row = PersonalDataRead.objects.order_by("id")[before:].get()
    assert (row.record, row.staff.username, row.bureau_id) == (d.stream, "city_head", d.bureau_id)


@pytest.mark.parametrize("owner, refused", [("hetang_reviewer", False), ("hetang_head", False),
                                            ("hetang_officer1", True), ("hetang_patrol", True)])
def test_a_suggestions_owner_holds_a_role_that_can_reply(org, owner, refused):
    if owner == "hetang_patrol":
        Staff.objects.create(username=owner, full_name="监督员", bureau=_staff("hetang_head").bureau)
    args = dict(by=_staff("hetang_reviewer"), on=date(2026, 5, 6), kind="judicial", issuer="株洲市荷塘区人民法院",
                subject="规范送达程序", owner=_staff(owner))
    if refused:
        with pytest.raises(NotPermitted) as e:
            DSP.receive_suggestion(**args)
        assert e.value.code == "DSP-ROLE" and "承办人应为" in e.value.message
    else:
        assert DSP.receive_suggestion(**args).owner.username == owner


def test_the_owner_picker_lists_only_who_can_reply(org):
    from fazhi.disputes.forms import staff_choices

    names = {u for u, _ in staff_choices(_staff("hetang_head").bureau, "owner")}
    assert {"hetang_reviewer", "hetang_head", "hetang_deputy"} <= names
    assert not names & {"hetang_officer1", "hetang_squad1"}


def test_permit_reads_are_in_the_read_log(api):
    """#32 §3: a permit application holds an applicant's ID number and phone; its page, API detail and documents
    are read-logged like a case, named by its number, never by the applicant."""
    from tests.permits.helpers import CLERK, accepted

    uuid = accepted(api, applicant="张三", applicant_kind="citizen", id_number="430202199001011234")
    from fazhi.permits.models import Permit

    p = Permit.objects.get(uuid=uuid)
    before = PersonalDataRead.objects.count()
    assert _as(CLERK).get(f"/permits/{uuid}/").status_code == 200
    assert Api(_staff(CLERK)).get(f"/permits/{uuid}")[0] == 200
    assert _as(CLERK).get(f"/permits/{uuid}/documents/accept.pdf").status_code == 200
    rows = list(PersonalDataRead.objects.order_by("id")[before:])
    assert [(x.record, x.channel) for x in rows] == [(p.stream, "web"), (p.stream, "api"), (p.stream, "web")]
    assert all("张三" not in x.label and p.number in x.label for x in rows)
    assert "许可文书下载：受理通知书.pdf" == rows[2].what
