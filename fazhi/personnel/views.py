"""人事/证件 pages (/staff/): certificates expiring within 60 days, every certificate with its state today, exam
results, applications to issue, a certificate's page with its history and the steps the person may take, training
and each officer's yearly hours, and a person's record (a read of its personal data is logged, ACC-01). Thin: every
change goes through fazhi.personnel.actions; refusals come back in place with their basis."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import forms as F
from fazhi.core.errors import refused
from fazhi.core.models import Event
from fazhi.core.workflow import offered
from fazhi.core.workflow_views import basis_of, post_step
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs, record_read
from fazhi.org.actions import BadInput, may_administer
from fazhi.org.models import Staff, visible_bureau_ids
from fazhi.personnel import actions
from fazhi.personnel import figures as staff_figures
from fazhi.personnel.models import ApplicationStatus, CourseKind, LawExam, QualificationExam, TrainingCourse
from fazhi.personnel.schemas import APPLICATION_SCHEMAS, CERTIFICATE_SCHEMAS
from fazhi.personnel.workflow import APPLICATIONS, CERTIFICATES, applications_for, certificates_for, expiring

STYLE = F.FormStyle(labels={"on": "办理日期", "basis": "依据（文件名称和文号）", "note": "说明", "valid_until": "有效期止",
                            "kind": "注销或吊销", "number": "执法证编号", "issuer": "发证机关", "valid_from": "有效期起"},
                    step_labels={("refuse", "note"): "不予发证的理由", ("issue", "on"): "发证日期"})
LABELS = dict(STYLE.labels)


def _people(user):
    ids = visible_bureau_ids(user)
    qs = Staff.objects.filter(is_active=True).select_related("bureau")
    return (qs if ids is None else qs.filter(bureau_id__in=ids)).order_by("bureau__path", "username")


def _date(raw, label: str) -> date:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        raise BadInput(f"{label}不是有效日期")


def _index_context(request, refusal=None, failed=None, error=None):
    user, today = request.user, timezone.localdate()
    apps = []
    for a in applications_for(user).filter(status=ApplicationStatus.APPLIED).order_by("applied_on", "id")[:100]:
        forms = []
        for s in offered(APPLICATIONS, a, user, today):
            fields = F.fields_for(APPLICATION_SCHEMAS[s.action], s.action, STYLE, today=today)
            if failed == (str(a.uuid), s.action):
                F.keep(fields, request.POST)
            forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                          "url": reverse("staff_application_step", args=[a.uuid, s.action]),
                          "refusal": refusal if failed == (str(a.uuid), s.action) else None})
        apps.append({"a": a, "forms": forms})
    certs = list(certificates_for(user).order_by("staff__bureau__path", "valid_until", "number")[:300])
    ids = visible_bureau_ids(user)
    exams = QualificationExam.objects.select_related("staff").order_by("-taken_on", "-id")
    exams = exams if ids is None else exams.filter(staff__bureau_id__in=ids)
    applied = set(applications_for(user).exclude(status=ApplicationStatus.REFUSED).values_list("exam_id", flat=True))
    writer = may_administer(user)
    return {"today": today, "expiring": [{"c": c, "days": (c.valid_until - today).days} for c in expiring(user, today)[:100]],
            "certs": [{"c": c, "state": c.state_on(today), "valid": c.is_valid_on(today)} for c in certs],
            "apps": apps, "exams": list(exams[:50]), "may_write": writer,
            "people": list(_people(user)) if writer else [],
            "passed": [e for e in exams.filter(passed=True)[:200] if e.pk not in applied] if writer else [],
            "refusal": refusal if failed is None else None, "error": error, "post": request.POST if error else {}}


@needs(Kind.STAFF)
def index(request):
    return render(request, "personnel/index.html", _index_context(request))


def _person(user, uuid) -> Staff:
    return get_object_or_404(_people(user), uuid=uuid)


def _done_or_again(request, fn, done: str, where: str):
    try:
        fn()
    except RuleViolation as e:
        shown, status = refused(e)
        return render(request, "personnel/index.html", _index_context(request, refusal=shown), status=status)
    except BadInput as e:
        return render(request, "personnel/index.html", _index_context(request, error=str(e)), status=400)
    except LookupError:
        return render(request, "personnel/index.html", _index_context(request, error="所选人员或考试不存在"), status=400)
    messages.success(request, done)
    return redirect(where)


@needs(Kind.STAFF)
@require_POST
def record_exam(request):
    p = request.POST

    def run():
        staff = _people(request.user).get(uuid=p.get("staff") or None) if p.get("staff") else None
        if staff is None:
            raise BadInput("请选择考生")
        actions.record_exam(staff, by=request.user, taken_on=_date(p.get("taken_on"), "考试日期"),
                            general=p.get("general", ""), special=p.get("special", ""), batch=p.get("batch", ""))
    return _done_or_again(request, run, "已登记执法资格考试成绩", "staff_index")


@needs(Kind.STAFF)
@require_POST
def apply(request):
    p = request.POST

    def run():
        if not (p.get("exam") or "").isdigit():
            raise BadInput("请选择执法资格考试成绩")
        ids = visible_bureau_ids(request.user)
        exams = QualificationExam.objects.select_related("staff__bureau")
        exam = (exams if ids is None else exams.filter(staff__bureau_id__in=ids)).get(pk=int(p["exam"]))
        actions.apply_for_certificate(exam, by=request.user, on=_date(p.get("on"), "申领日期"), note=p.get("note", ""))
    return _done_or_again(request, run, "已登记申领", "staff_index")


@needs(Kind.STAFF)
@require_POST
def application_step(request, uuid, action):
    a = get_object_or_404(applications_for(request.user), uuid=uuid)
    if action not in APPLICATIONS.by_action or APPLICATIONS.step(action).creates:
        raise Http404("无此操作")
    refusal, status = post_step(request, APPLICATIONS, a, action, LABELS)
    if refusal is None:
        return redirect("staff_index")
    return render(request, "personnel/index.html", _index_context(request, refusal, (str(uuid), action)), status=status)


EVENT_LABELS = {"issue": "发证", "renew": "换证", "annual_check": "年审", "suspend": "暂扣", "restore": "发还",
                "cancel": "注销或吊销", "certificate_issued": "登记执法证", "certificate_revoked": "注销执法证"}


def _certificate_context(request, c, refusal=None, failed=None):
    today = timezone.localdate()
    forms = []
    for s in offered(CERTIFICATES, c, request.user, today):
        fields = F.fields_for(CERTIFICATE_SCHEMAS[s.action], s.action, STYLE, today=today)
        if s.action == failed:
            F.keep(fields, request.POST)
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "version": None, "url": reverse("staff_certificate_step", args=[c.uuid, s.action]),
                      "refusal": refusal if s.action == failed else None})
    history = [{"e": e, "label": EVENT_LABELS.get(e.kind, "其他"), "d": e.data if isinstance(e.data, dict) else {}}
               for e in Event.objects.filter(stream=c.stream).order_by("seq")]
    return {"c": c, "state": c.state_on(today), "valid": c.is_valid_on(today), "forms": forms, "history": history,
            "suspensions": c.suspension_periods(), "today": today}


@needs(Kind.STAFF)
def certificate(request, uuid):
    c = get_object_or_404(certificates_for(request.user), uuid=uuid)
    return render(request, "personnel/certificate.html", _certificate_context(request, c))


@needs(Kind.STAFF)
@require_POST
def certificate_step(request, uuid, action):
    c = get_object_or_404(certificates_for(request.user), uuid=uuid)
    if action not in CERTIFICATES.by_action:
        raise Http404("无此操作")
    refusal, status = post_step(request, CERTIFICATES, c, action, LABELS)
    if refusal is None:
        return redirect("staff_certificate", uuid=c.uuid)
    return render(request, "personnel/certificate.html", _certificate_context(request, c, refusal, action),
                  status=status)


@needs(Kind.STAFF)
def person(request, uuid):
    """A person's record: contact and ID number (personal data: the read is logged, ACC-01), certificates, exams,
    training hours of the year against the minimum."""
    s = _person(request.user, uuid)
    record_read(request.user, bureau_id=s.bureau_id, record=f"staff:{s.uuid}", label=s.username,
                what="执法人员档案（身份证号、电话）")
    year = timezone.localdate().year
    hours = staff_figures.hours_by_person(s.entity, year).get(s.pk, Decimal(0)) if s.entity else Decimal(0)
    minimum = s.entity.training_min_hours if s.entity else Decimal(0)
    return render(request, "personnel/person.html", {
        "s": s, "certs": s.certificates.order_by("-valid_until"), "today": timezone.localdate(),
        "exams": s.qualification_exams.order_by("-taken_on"), "law_exams": s.law_exams.order_by("-taken_on"),
        "year": year, "hours": hours, "minimum": minimum, "short": max(Decimal(0), minimum - hours)})


@needs(Kind.STAFF)
def training(request):
    """Courses of the year and each officer's hours against the bureau's minimum (STF-02: a warning)."""
    user = request.user
    year = int(request.GET.get("year") or timezone.localdate().year) if (request.GET.get("year") or "").isdigit() \
        or not request.GET.get("year") else timezone.localdate().year
    entity = user.entity
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            if entity is None:
                raise BadInput("本账号未设所在机构")
            people = {str(s.uuid): s for s in _people(user)}
            attendees = [(people[u], p.get(f"hours_{u}", "")) for u in p.getlist("attendees") if u in people]
            mentor = people.get(p.get("mentor") or "")
            actions.record_course(by=user, bureau=entity, title=p.get("title", ""), kind=p.get("kind", ""),
                                  start_on=_date(p.get("start_on"), "开始日期"), end_on=_date(p.get("end_on"), "结束日期"),
                                  hours=p.get("hours", ""), attendees=attendees, mentor=mentor)
            messages.success(request, "已登记培训")
            return redirect("staff_training")
        except RuleViolation as e:
            error = e.message
        except BadInput as e:
            error = str(e)
    rows = staff_figures.training_rows(entity, year) if entity else []
    ids = visible_bureau_ids(user)
    courses = TrainingCourse.objects.filter(start_on__year=year).order_by("-start_on")
    courses = courses if ids is None else courses.filter(bureau_id__in=ids)
    return render(request, "personnel/training.html", {
        "year": year, "rows": rows, "courses": courses[:100], "kinds": CourseKind.choices,
        "minimum": entity.training_min_hours if entity else None,
        "source": entity.training_min_source if entity else "", "short": sum(1 for r in rows if r["short"]),
        "may_write": may_administer(user), "people": list(_people(user)) if may_administer(user) else [],
        "error": error, "today": timezone.localdate(),
        "law_exams": LawExam.objects.filter(taken_on__year=year, bureau__in=[entity] if entity else [])
        .select_related("staff").order_by("-taken_on")[:100]}, status=400 if error else 200)
