"""The staff figures (STF-02, STF-04) equal an independent SQL count, and part 三 of the annual report states them."""
from datetime import date
from decimal import Decimal

from django.db import connection

from fazhi.org.models import Certificate, Staff
from fazhi.personnel import actions as P
from fazhi.reports import figures as F
from fazhi.reports.base import Scope
from tests.test_api_scenarios import OFFICERS, act, clue, ok

D = date.fromisoformat


def _sql(query, *args):
    with connection.cursor() as c:
        c.execute(query, args)
        return c.fetchone()


def test_staff_figures_equal_an_independent_sql_count(api, org):
    admin = Staff.objects.get(username="city_admin")
    city = org["hetang"].bureau.parent
    people = [Staff.objects.get(username=u) for u in ("hetang_officer1", "hetang_officer2", "hetang_officer3")]
    P.record_course(by=admin, bureau=city, title="行政处罚法专题培训", kind="classroom", start_on=D("2026-04-01"),
                    end_on=D("2026-04-02"), hours="16", attendees=[(people[0], ""), (people[1], "8")])
    P.record_course(by=admin, bureau=city, title="网络学法", kind="online", start_on=D("2026-05-01"),
                    end_on=D("2026-05-30"), hours="40", attendees=[(people[2], "")])
    for s, (g, sp) in zip(people, (("80", "70"), ("59", "90"), ("60", "60")), strict=True):
        P.record_exam(s, by=admin, taken_on=D("2026-06-01"), general=g, special=sp)
    ok(act(api, "hetang_head", clue(api), "file", on="2026-03-03", officers=OFFICERS))
    cert = Certificate.objects.get(staff=people[1])
    P.certificate_step(cert, "suspend", by=admin, data={"on": D("2026-03-04"), "basis": "测试"})
    P.certificate_step(cert, "restore", by=admin, data={"on": D("2026-03-20"), "basis": ""})
    s = Scope(city, D("2026-01-01"), D("2026-12-31"))
    values = {f.key: f.compute(s) for f in F.FIGURES if f.key in (
        "training", "training_person_times", "training_average_hours", "qualification_pass", "on_duty")}

    courses, times, hours, heads = _sql(
        "SELECT COUNT(DISTINCT c.id), COUNT(a.id), SUM(a.hours), COUNT(DISTINCT a.staff_id) FROM personnel_trainingcourse c "
        "JOIN personnel_attendance a ON a.course_id = c.id WHERE c.end_on BETWEEN %s AND %s", "2026-01-01", "2026-12-31")
    assert (values["training"], values["training_person_times"]) == (courses, times) == (2, 3)
    assert values["training_average_hours"] == (Decimal(hours) / heads).quantize(Decimal("0.1")) == Decimal("21.3")
    passed, taken = _sql("SELECT SUM(CASE WHEN general_score >= pass_mark AND special_score >= pass_mark THEN 1 ELSE 0 END), "
                         "COUNT(*) FROM personnel_qualificationexam WHERE taken_on BETWEEN %s AND %s",
                         "2026-01-01", "2026-12-31")
    assert values["qualification_pass"] == F.Rate(passed, taken) == F.Rate(2, 3)
    # STF-04: the two officers filed on 3 March, both certified that day (the suspension began on the 4th).
    actors = _sql("SELECT COUNT(DISTINCT e.actor) FROM core_event e JOIN org_staff s ON s.username = e.actor "
                  "WHERE e.stream LIKE 'case:%%' AND e.effective_on BETWEEN %s AND %s AND EXISTS (SELECT 1 FROM "
                  "org_rolegrant g WHERE g.staff_id = s.id AND g.role IN ('officer', 'squad_leader'))",
                  "2026-01-01", "2026-12-31")[0]
    assert values["on_duty"].den == actors and values["on_duty"].num == actors


def test_part_three_is_drafted_from_the_staff_figures(org):
    from fazhi.reports.annual import report

    r = report(org["hetang"].bureau.parent, D("2026-01-01"), D("2026-12-31"), today=D("2026-12-31"))
    text = "".join(p for part, _, paras, _ in r.parts() if part == 3 for p in paras)
    assert "持证上岗率" in text and "人均培训" in text and "执法资格考试合格率" in text
