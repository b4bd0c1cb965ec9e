"""Generated from every registered workflow (issue #30): for each (step, persona, state) the page offers the step if
and only if the action accepts that persona in that state — no offered step is refused for who or state, no step
the action would take is hidden. The action is called with no input beyond its date, inside a savepoint that is
rolled back: a refusal marked as the guard's (`at_guard`) means "not for this person, not now"; anything else (a
missing input, a rule about the input, success) means the action accepted the person and the state."""
from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from fazhi.core.workflow import REGISTRY, offered
from fazhi.disputes.models import Dispute
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Role, RoleGrant, Staff
from tests.disputes.helpers import answer, ok, open_on_case, step
from tests.supervision.campaigns import campaign_samples, problem_samples
from tests.supervision.helpers import rectification_samples, sheet_samples
from tests.supervision.orders import order_samples
from tests.test_disclosure import decided
from tests.year_cases import cases_in_every_state, clock_fixture  # noqa: F401 — the `clock` fixture

R = "hetang_reviewer"


class Rollback(Exception):
    pass


def accepted(wf, record, user, action) -> bool:
    fresh = type(record).objects.get(pk=record.pk)
    try:
        with transaction.atomic():
            wf.perform(fresh, wf.step(action), user, {"on": timezone.localdate()})
            raise Rollback
    except RuleViolation as e:
        return not getattr(e, "at_guard", False)
    except (Rollback, TypeError, LookupError):
        return True


def case_samples(api, clock):
    """One penalty case of 荷塘 per status, general and simple procedure (tests/year_cases.py), as of 2026-12-20."""
    from fazhi.cases.models import PenaltyCase

    clock(date(2026, 12, 20))
    return list(PenaltyCase.objects.filter(uuid__in=cases_in_every_state(api).values()))


def dispute_samples(api, clock=None):
    """Disputes of 荷塘 in every state of the table, a 复议 and a lawsuit, with and without an opinion."""
    case = decided(api)
    received = open_on_case(api, case.uuid, filed_on="2026-04-01")
    answered = open_on_case(api, case.uuid, filed_on="2026-04-01", kind="lawsuit", body="株洲市荷塘区人民法院")
    answer(api, answered, on="2026-04-10")
    ruled = open_on_case(api, case.uuid, filed_on="2026-04-01", kind="lawsuit", body="株洲市荷塘区人民法院")
    answer(api, ruled, on="2026-04-10")
    ok(step(api, R, ruled, "record_result", on="2026-06-01", result="驳回"))
    concluded = open_on_case(api, case.uuid, filed_on="2026-04-01")
    answer(api, concluded, on="2026-04-10")
    ok(step(api, R, concluded, "receive_opinion", on="2026-04-20"))
    ok(step(api, R, concluded, "record_result", on="2026-05-20", result="维持"))
    revoked = open_on_case(api, case.uuid, filed_on="2026-04-01")  # the bureau must perform: record_performance
    answer(api, revoked, on="2026-04-10")
    ok(step(api, R, revoked, "record_result", on="2026-05-20", result="责令履行"))
    # 荷塘's own 法律顾问, assigned to one dispute: they may give an opinion on it and on no other.
    hetang = Staff.objects.get(username=R).bureau
    adviser = Staff.objects.create(username="hetang_adviser", full_name="吴律师", bureau=hetang)
    RoleGrant.objects.create(staff=adviser, role=Role.LEGAL_ADVISER)
    ok(step(api, R, answered, "assign_adviser", on="2026-04-11", adviser="hetang_adviser"))

    return list(Dispute.objects.filter(uuid__in=[received, answered, ruled, concluded, revoked]))


def decision_samples(api, clock=None):
    """The demo year of the city bureau's decisions: one decision in every stage of the table."""
    import random
    from types import SimpleNamespace

    from fazhi.decisions.demo import build_decisions
    from fazhi.decisions.models import Decision

    city = {r: Staff.objects.get(username=f"city_{r}") for r in ("head", "deputy", "reviewer")}
    build_decisions({"city": SimpleNamespace(bureau=city["head"].bureau, **city)}, random.Random(3),
                    timezone.localdate())
    one = {}
    for d in Decision.objects.order_by("id"):
        one.setdefault(d.status, d)
    return list(one.values())


def review_samples(api, clock=None):
    """Legal reviews of the city bureau: open without and with the adviser's opinion, and done."""
    from fazhi.decisions import actions as A
    from fazhi.decisions.models import Review

    head, reviewer = (Staff.objects.get(username=u) for u in ("city_head", "city_reviewer"))
    adviser = Staff.objects.get(username="city_adviser")
    today = timezone.localdate()
    year = date(today.year, 1, 1)
    A.register_adviser(by=head, on=year, name="周律师", firm="湖南某某律师事务所", contract_from=year,
                       contract_until=date(today.year, 12, 31), staff=adviser)
    on = today.replace(day=1)
    fresh = A.request_review(by=reviewer, on=on, kind="contract", subject="环卫作业服务合同", requested_by="计划财务科")
    advised = A.request_review(by=reviewer, on=on, kind="normative_draft", subject="占道审批通知",
                               requested_by="市容管理科")
    A.give_adviser_opinion(advised, by=adviser, on=on, opinion="无法律障碍")
    done = A.request_review(by=reviewer, on=on, kind="contract", subject="公厕保洁服务合同", requested_by="环境卫生科")
    A.complete_review(done, by=reviewer, on=on, conclusion="lawful", opinion="合法")
    return list(Review.objects.filter(pk__in=[fresh.pk, advised.pk, done.pk]))


def issue_samples(api, clock=None):
    """A 荷塘 issue in every state of the 数字化城管 loop, with 延期, 挂账 and 超时申诉 applications
    (tests/citydesk/loop.py)."""
    from tests.citydesk.loop import issues_in_every_state

    return issues_in_every_state()


def inspection_samples(api, clock=None):
    """A 荷塘 inspection in every state of the 涉企行政检查 table, with and without a finding, one moved into a case
    (tests/inspections/samples.py)."""
    from tests.inspections.samples import inspections_in_every_state

    return inspections_in_every_state()


def grant_samples(api, clock=None):
    """Role grants (三员分立, SEC-02) in every state: pending in 荷塘 and in 芦淞 (requested by the city's 安全管理员),
    approved and rejected."""
    from fazhi.org import actions as org
    from fazhi.org.models import RoleGrantRequest

    security, head = Staff.objects.get(username="city_security"), Staff.objects.get(username="city_head")
    made = []
    for username, role in (("hetang_officer1", Role.HEAD), ("lusong_officer1", Role.LEGAL_REVIEWER),
                           ("hetang_officer3", Role.LEGAL_ADVISER), ("hetang_squad2", Role.DEPUTY_HEAD)):
        staff = Staff.objects.get(username=username)
        made += org.set_roles(staff, by=security, roles=[*staff.roles, role])
    today = timezone.localdate()
    org.decide_grant(made[2], by=head, on=today, approve=True)
    org.decide_grant(made[3], by=head, on=today, approve=False)
    return list(RoleGrantRequest.objects.filter(pk__in=[r.pk for r in made]))


def permit_samples(api, clock=None):
    """Applications of the city bureau's window in every state of the 行政许可 table (tests/permits/samples.py)."""
    from tests.permits.samples import permits_in_every_state

    return permits_in_every_state(api)


def measure_samples(api, clock=None):
    """行政强制 of 荷塘 in every state of its table (tests/coercion/samples.py)."""
    from tests.coercion.samples import measures_in_every_state

    return measures_in_every_state(api)


def certificate_samples(api, clock=None):
    """行政执法证 in every state of the certificates table: in use (荷塘 and 芦淞), suspended, cancelled."""
    from fazhi.org.models import Certificate
    from fazhi.personnel import actions as P

    admin = Staff.objects.get(username="city_admin")
    certs = {u: Certificate.objects.get(staff__username=u) for u in
             ("hetang_officer1", "lusong_officer1", "hetang_officer2", "hetang_officer3")}
    P.certificate_step(certs["hetang_officer2"], "suspend", by=admin, data={"on": date(2026, 3, 4), "basis": "测试"})
    P.certificate_step(certs["hetang_officer3"], "cancel", by=admin, data={"on": date(2026, 3, 4), "basis": "测试"})
    return list(Certificate.objects.filter(pk__in=[c.pk for c in certs.values()]))


def application_samples(api, clock=None):
    """执法证申领 in every state: applied (荷塘, 芦淞), issued, refused."""
    from fazhi.personnel import actions as P
    from fazhi.personnel.models import CertificateApplication

    admin = Staff.objects.get(username="city_admin")
    made = []
    for username in ("hetang_officer1", "lusong_officer1", "hetang_officer2", "hetang_officer3"):
        exam = P.record_exam(Staff.objects.get(username=username), by=admin, taken_on=date(2026, 5, 10),
                             general="80", special="80")
        made.append(P.apply_for_certificate(exam, by=admin, on=date(2026, 5, 20)))
    P.issue(made[2], by=admin, on=date(2026, 5, 25), number="43020026999001", issuer="湖南省人民政府",
            valid_from=date(2026, 6, 1), valid_until=date(2029, 5, 31))
    P.refuse(made[3], by=admin, on=date(2026, 5, 25), note="材料不全")
    return list(CertificateApplication.objects.filter(pk__in=[a.pk for a in made]))


def site_samples(api, clock=None):
    """违法建设 of 荷塘 in every state of its table (tests/registers/samples.py)."""
    from tests.registers.samples import sites_in_every_state

    return sites_in_every_state(api)


def notice_samples(api, clock=None):
    """整改通知 of 荷塘 in every state of its table, running and overdue (tests/registers/samples.py)."""
    from tests.registers.samples import notices_in_every_state

    return notices_in_every_state(api)


SAMPLES = {"cases": case_samples, "issues": issue_samples, "disputes": dispute_samples, "decisions": decision_samples,
           "legal-reviews": review_samples, "review-sheets": sheet_samples, "rectifications": rectification_samples,
           "inspections": inspection_samples, "supervision-orders": order_samples, "role-grants": grant_samples,
           "permits": permit_samples, "coercion": measure_samples, "certificates": certificate_samples,
           "certificate-applications": application_samples,
           "campaigns": campaign_samples, "campaign-problems": problem_samples,
           "registers/sites": site_samples, "registers/notices": notice_samples}
PERSONAS = ["hetang_adviser", "hetang_officer1", "hetang_officer2", "hetang_squad1", "hetang_reviewer", "hetang_head",
            "hetang_deputy", "city_reviewer", "city_head", "city_deputy", "city_adviser", "lusong_head", "city_admin", "city_security", "city_auditor", "hetang_patrol1",
            "city_operator1", "city_shift1", "city_dispatcher1", "city_commander", "hetang_huanwei", "city_window1", "city_permit1"]


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_offered_iff_the_action_accepts(api, clock, key):
    wf = REGISTRY[key]
    records = SAMPLES[key](api, clock)
    states = {r.status for r in records}
    sources = {s for st in wf.record_steps() for s in st.sources}
    assert sources <= states, f"samples miss states {sources - states}"
    people = list(Staff.objects.filter(username__in=PERSONAS))
    assert len(people) >= 8
    today = timezone.localdate()
    checked = 0
    for record in records:
        for user in people:
            shown = {s.action for s in offered(wf, record, user, today)}
            for s in wf.record_steps():
                assert (s.action in shown) == accepted(wf, record, user, s.action), \
                    f"{key}.{s.action} for {user.username} in {record.status}: offered={s.action in shown}"
                checked += 1
    assert checked >= len(records) * len(people) * len(wf.record_steps())


def test_every_registered_step_has_an_api_operation(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for wf in REGISTRY.values():
        for s in wf.record_steps():
            path = next((p for p in paths if p.startswith(f"/api/v1/{wf.key}/") and p.endswith(f"/actions/{s.action}")),
                        None)
            assert path is not None and "post" in paths[path], f"{wf.key}.{s.action} has no API operation"
            op = paths[path]["post"]
            assert op.get("requestBody") and "409" in op["responses"], f"{wf.key}.{s.action}: schema and errors"


def test_the_assigned_adviser_is_offered_the_opinion_on_their_dispute_only(api):
    records = {r.status: r for r in dispute_samples(api) if r.final_result != "责令履行"}
    adviser = Staff.objects.get(username="hetang_adviser")
    wf, today = REGISTRY["disputes"], timezone.localdate()
    assert [s.action for s in offered(wf, records["answered"], adviser, today)] == ["give_opinion"]
    assert offered(wf, records["received"], adviser, today) == []
    assert date(2026, 4, 1) < today  # the samples' dates lie before today
