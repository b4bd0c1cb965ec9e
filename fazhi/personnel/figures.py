"""The staff figures (STF-02, STF-04), each computed once for the report (fazhi/reports/areas/staff.py) and the
pages: the 持证上岗率 over the period's enforcement steps, the certified share of enforcement staff, training
person-times and hours, each officer's yearly hours against the minimum, the exam pass rate."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from fazhi.law.staff import on_duty_rate, training_shortfall

ENFORCEMENT_POSTS = ("officer", "squad_leader")  # 执法队员, 中队长


def _subtree(bureau) -> list[int]:
    """The bureau's subtree, or the bureau ids given (a report's part: own, subordinate)."""
    from fazhi.org.models import Bureau

    if isinstance(bureau, (list, tuple, set)):
        return list(bureau)
    return list(Bureau.objects.filter(path__startswith=bureau.path).values_list("pk", flat=True))


def enforcement_steps(bureau, start: date, end: date) -> list[tuple[str, date]]:
    """(username, day) of every enforcement step in the period on the cases of the bureau's subtree: the events on
    a case's stream whose actor holds an enforcement post (a leader's approval or a reviewer's opinion is not an
    enforcement step)."""
    from fazhi.cases.models import PenaltyCase as Case
    from fazhi.core.models import Event
    from fazhi.org.models import Staff

    actors = set(Staff.objects.filter(bureau_id__in=_subtree(bureau), role_grants__role__in=ENFORCEMENT_POSTS)
                 .values_list("username", flat=True))
    streams = [f"case:{u}" for u in Case.objects.filter(bureau_id__in=_subtree(bureau)).values_list("uuid", flat=True)]
    rows: list[tuple[str, date]] = []
    for i in range(0, len(streams), 500):
        rows += [(a, d) for a, d in Event.objects.filter(stream__in=streams[i:i + 500],
                                                         effective_on__range=(start, end))
                 .values_list("actor", "effective_on") if a in actors]
    return rows


def on_duty(bureau, start: date, end: date) -> tuple[int, int]:
    """STF-04: (staff whose every enforcement step fell on a day with a valid certificate, staff with a step)."""
    from fazhi.org.models import Staff

    steps = enforcement_steps(bureau, start, end)
    people = {s.username: s for s in Staff.objects.filter(username__in={a for a, _ in steps})
              .prefetch_related("certificates")}
    return on_duty_rate((a, people[a].is_certified_on(d)) for a, d in steps)


def certified_share(bureau, on: date) -> tuple[int, int]:
    """Of the active staff in an enforcement post, those with a valid certificate on `on` (suspensions honoured)."""
    from fazhi.org.models import Staff

    posts = list(Staff.objects.filter(bureau_id__in=_subtree(bureau), is_active=True,
                                      role_grants__role__in=ENFORCEMENT_POSTS).distinct().prefetch_related("certificates"))
    return sum(1 for s in posts if s.is_certified_on(on)), len(posts)


def training(bureau, start: date, end: date) -> dict:
    """Courses, person-times, hours and the average hours per person trained, for courses ending in the period."""
    from fazhi.personnel.models import Attendance, TrainingCourse

    courses = TrainingCourse.objects.filter(bureau_id__in=_subtree(bureau), end_on__range=(start, end))
    agg = Attendance.objects.filter(course__in=courses).aggregate(n=Count("id"), h=Sum("hours"),
                                                                  people=Count("staff", distinct=True))
    hours = agg["h"] or Decimal(0)
    return {"courses": courses.count(), "person_times": agg["n"], "people": agg["people"], "hours": hours,
            "average": (hours / agg["people"]).quantize(Decimal("0.1")) if agg["people"] else Decimal(0)}


def hours_by_person(bureau, year: int) -> dict[int, Decimal]:
    from fazhi.personnel.models import Attendance

    rows = (Attendance.objects.filter(staff__bureau_id__in=_subtree(bureau), course__end_on__year=year)
            .values("staff_id").annotate(h=Sum("hours")))
    return {r["staff_id"]: r["h"] for r in rows}


def training_rows(bureau, year: int) -> list[dict]:
    """Each active officer's hours of the year against the bureau's minimum (STF-02: a shortfall is a warning)."""
    from fazhi.org.models import Staff

    hours = hours_by_person(bureau, year)
    minimum = bureau.training_min_hours
    out = []
    for s in (Staff.objects.filter(bureau_id__in=_subtree(bureau), is_active=True,
                                   role_grants__role__in=ENFORCEMENT_POSTS).distinct().select_related("bureau")
              .order_by("bureau__path", "username")):
        h = hours.get(s.pk, Decimal(0))
        out.append({"s": s, "hours": h, "short": training_shortfall(h, minimum)})
    return out


def exam_pass(bureau, start: date, end: date, kind: str = "qualification") -> tuple[int, int]:
    """(passed, taken) of the 执法资格考试 (or, kind "study", the 学法考试) taken in the period."""
    from fazhi.personnel.models import LawExam, QualificationExam

    if kind == "qualification":
        qs = QualificationExam.objects.filter(bureau_id__in=_subtree(bureau), taken_on__range=(start, end))
    else:
        qs = LawExam.objects.filter(bureau_id__in=_subtree(bureau), kind=kind, taken_on__range=(start, end))
    agg = qs.aggregate(n=Count("id"), ok=Count("id", filter=Q(passed=True)))
    return agg["ok"], agg["n"]


def bar_passes(bureau, start: date, end: date) -> int:
    from fazhi.personnel.models import LawExam

    return LawExam.objects.filter(bureau_id__in=_subtree(bureau), kind="bar", taken_on__range=(start, end)).count()
