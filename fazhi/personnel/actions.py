"""The only writers of the 执法人员 records (STF-01, STF-02): exam results, applications and the issue of a 行政执法证,
the certificate's 年审, 换证, 暂扣, 发还 and 注销/吊销, training courses with attendance, 学法考试 and 法考. Each checks
who may (the 系统管理员 of the person's bureau or one above, SEC-01) and everything else, then writes in one
transaction with its event: a certificate's steps on `certificate:<uuid>`, an application's on its own stream, the
rest on the person's `staff:<uuid>`."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.law.rules import violation
from fazhi.law.staff import ExamParts, check_scores, exam_refusal
from fazhi.org.actions import BadInput, may_administer
from fazhi.org.models import Certificate, CertificateStatus, Staff
from fazhi.personnel.models import (
    ApplicationStatus,
    Attendance,
    CertificateApplication,
    CourseKind,
    LawExam,
    QualificationExam,
    TrainingCourse,
)


def check_admin(by, staff) -> None:
    """SEC-01: certificates and the records behind them are kept by a 系统管理员 of the person's bureau or above."""
    if not may_administer(by, staff.bureau):
        raise NotPermitted("执法资格、执法证和培训记录由本机构或上级机构的系统管理员办理", "SEC-01")
    if staff.pk == by.pk and not by.is_superuser:
        raise NotPermitted("不能为自己办理执法资格、执法证或培训记录", "SEC-01")


def _not_after_today(on: date, what: str) -> None:
    if on > timezone.localdate():
        raise violation("STF-01", f"{what}不得晚于今天")


def _decimal(raw, what: str, top: Decimal) -> Decimal:
    try:
        v = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise BadInput(f"{what}应为数字")
    if not v.is_finite() or not Decimal(0) <= v <= top:
        raise BadInput(f"{what}应在0至{top}之间")
    return v.quantize(Decimal("0.1"))


# --- 执法资格考试 → 申领 → 发证 ---------------------------------------------------------------------------------------

def record_exam(staff: Staff, *, by, taken_on: date, general, special, batch: str = "") -> QualificationExam:
    """A 执法资格考试 result against the bureau's pass mark of the day (kept with the result, with its source)."""
    check_admin(by, staff)
    general, special = _decimal(general, "公共法律知识成绩", Decimal(100)), _decimal(special, "专业法律知识成绩", Decimal(100))
    check_scores(general, special)
    _not_after_today(taken_on, "考试日期")
    batch = (batch or "").strip()
    if len(batch) > 100:
        raise BadInput("考试批次或文号不超过100个字")
    entity = staff.entity
    if entity is None:
        raise BadInput("该人员未设所在机构")
    parts = ExamParts(general, special, Decimal(str(entity.qualification_pass_mark)))
    with transaction.atomic():
        exam = QualificationExam.objects.create(
            staff=staff, bureau=entity, taken_on=taken_on, general_score=general, special_score=special,
            pass_mark=parts.pass_mark, pass_source=entity.qualification_pass_source, passed=parts.passed, batch=batch,
            recorded_by=by)
        append_event(f"staff:{staff.uuid}", "qualification_exam", actor=by, on=taken_on,
                     data={"exam": str(exam.uuid), "general": str(general), "special": str(special),
                           "pass_mark": str(parts.pass_mark), "passed": parts.passed, "batch": batch})
    return exam


def apply_for_certificate(exam: QualificationExam, *, by, on: date, note: str = "") -> CertificateApplication:
    """申领 on a passed exam (STF-01: a failed exam leads to no certificate)."""
    check_admin(by, exam.staff)
    refusal = exam_refusal(ExamParts(exam.general_score, exam.special_score, exam.pass_mark))
    if refusal is not None:
        raise refusal
    _not_after_today(on, "申领日期")
    if on < exam.taken_on:
        raise violation("STF-01", "申领日期不得早于考试日期")
    note = (note or "").strip()
    if len(note) > 200:
        raise BadInput("说明不超过200个字")
    with transaction.atomic():
        Staff.objects.select_for_update().get(pk=exam.staff_id)
        if CertificateApplication.objects.filter(staff=exam.staff, status=ApplicationStatus.APPLIED).exists():
            raise violation("STF-01", "该人员已有待发证的申领")
        app = CertificateApplication.objects.create(staff=exam.staff, exam=exam, applied_on=on, note=note)
        append_event(app.stream, "apply", actor=by, on=on, data={"exam": str(exam.uuid), "staff": exam.staff.username})
    return app


def _locked_application(app, by, action: str, on: date) -> CertificateApplication:
    from fazhi.core.workflow import check
    from fazhi.personnel.workflow import APPLICATIONS

    row = (CertificateApplication.objects.select_for_update(of=("self",)).select_related("staff__bureau", "exam")
           .get(pk=app.pk))
    check(APPLICATIONS, row, by, APPLICATIONS.step(action), on)
    _not_after_today(on, "办理日期")
    if on < row.applied_on:
        raise violation("STF-01", "办理日期不得早于申领日期")
    return row


def issue(app: CertificateApplication, *, by, on: date, number: str, issuer: str, valid_from: date | None,
          valid_until: date | None) -> Certificate:
    """发证: the certificate, on an application whose exam passed (STF-01, checked again: a failed exam never leads
    to an issued certificate, whatever the way in)."""
    with transaction.atomic():
        row = _locked_application(app, by, "issue", on)  # the guard first: who and state
        number, issuer = (number or "").strip(), (issuer or "").strip()
        if not number or len(number) > 40:
            raise violation("STF-01", "请填写执法证编号（不超过40个字符）")
        if not issuer or len(issuer) > 60:
            raise violation("STF-01", "请填写发证机关（不超过60个字）")
        if valid_from is None or valid_until is None:
            raise violation("STF-01", "请填写有效期起止日期")
        if valid_until < valid_from:
            raise violation("STF-01", "有效期止不得早于有效期起")
        refusal = exam_refusal(ExamParts(row.exam.general_score, row.exam.special_score, row.exam.pass_mark))
        if refusal is not None:
            raise refusal
        if valid_from < row.exam.taken_on:
            raise violation("STF-01", "有效期起不得早于执法资格考试日期")
        if Certificate.objects.filter(number=number).exists():
            raise violation("STF-01", f"执法证编号“{number}”已登记")
        cert = Certificate.objects.create(staff=row.staff, number=number, issuer=issuer, valid_from=valid_from,
                                          valid_until=valid_until)
        row.status, row.certificate, row.decided_on = ApplicationStatus.ISSUED, cert, on
        row.version += 1
        row.save(update_fields=["status", "certificate", "decided_on", "version", "updated_at"])
        data = {"number": number, "issuer": issuer, "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(), "exam": str(row.exam.uuid)}
        append_event(row.stream, "issue", actor=by, on=on, data=data)
        append_event(cert.stream, "issue", actor=by, on=on, data=data)
    return cert


def refuse(app: CertificateApplication, *, by, on: date, note: str) -> CertificateApplication:
    with transaction.atomic():
        row = _locked_application(app, by, "refuse", on)
        note = (note or "").strip()
        if not note or len(note) > 200:
            raise violation("STF-01", "请写明不予发证的理由（不超过200个字）")
        row.status, row.decided_on, row.note = ApplicationStatus.REFUSED, on, note
        row.version += 1
        row.save(update_fields=["status", "decided_on", "note", "version", "updated_at"])
        append_event(row.stream, "refuse", actor=by, on=on, data={"note": note})
    return row


# --- the certificate's lifecycle: 年审, 换证, 暂扣, 发还, 注销/吊销 -----------------------------------------------------------

def _text(raw, what: str, limit: int, required: bool = True, rule: bool = False) -> str:
    """A text field; after a workflow step's guard a bad value is refused as the step's rule (STF-01)."""
    text = (raw or "").strip()
    problem = f"请填写{what}" if required and not text else (f"{what}不超过{limit}个字" if len(text) > limit else "")
    if problem:
        raise violation("STF-01", problem) if rule else BadInput(problem)
    return text


def certificate_step(cert: Certificate, action: str, *, by, data: dict) -> Certificate:
    """One step of the `certificates` workflow: the guard (who, state) on the locked row, then the dates and
    values the input brings, then the change and its event on `certificate:<uuid>`."""
    from fazhi.core.workflow import check
    from fazhi.personnel.workflow import CERTIFICATES

    on: date = data["on"]
    with transaction.atomic():
        row = Certificate.objects.select_for_update(of=("self",)).select_related("staff__bureau").get(pk=cert.pk)
        check(CERTIFICATES, row, by, CERTIFICATES.step(action), on)
        basis = _text(data.get("basis"), "依据（文件名称和文号）", 200, required=action in ("suspend", "cancel"), rule=True)
        note = _text(data.get("note"), "说明", 200, required=False, rule=True)
        _not_after_today(on, "办理日期")
        if on < row.valid_from:
            raise violation("STF-01", f"办理日期不得早于执法证有效期起（{row.valid_from:%Y年%-m月%-d日}）")
        event: dict = {"on": on.isoformat(), "basis": basis, "note": note}
        fields = ["version", "updated_at"]
        if action == "annual_check":
            if not row.is_valid_on(on):
                raise violation("STF-01", f"执法证在{on:%Y年%-m月%-d日}{row.state_on(on)}，不能年审")
            row.last_checked_on = on
            fields.append("last_checked_on")
        elif action == "renew":
            until: date = data["valid_until"]
            if on > row.valid_until:
                raise violation("STF-01", f"执法证已于{row.valid_until:%Y年%-m月%-d日}期满，不能换证，须重新申领")
            if until <= row.valid_until:
                raise violation("STF-01", "换证后的有效期止应晚于原有效期止")
            event.update(before=row.valid_until.isoformat(), valid_until=until.isoformat())
            row.valid_until = until
            fields.append("valid_until")
        elif action == "suspend":
            last_end = max((date.fromisoformat(b) for _, b in row.suspensions or []), default=None)
            if last_end is not None and on < last_end:
                raise violation("STF-01", "暂扣日期不得早于上次发还日期")
            if on > row.valid_until:
                raise violation("STF-01", "执法证已期满，无须暂扣")
            row.status, row.suspended_since = CertificateStatus.SUSPENDED, on
            fields += ["status", "suspended_since"]
        elif action == "restore":
            if row.suspended_since is None or on <= row.suspended_since:
                raise violation("STF-01", "发还日期应晚于暂扣日期")
            row.suspensions = [*(row.suspensions or []), [row.suspended_since.isoformat(), on.isoformat()]]
            event["since"] = row.suspended_since.isoformat()
            row.status, row.suspended_since = CertificateStatus.VALID, None
            fields += ["status", "suspended_since", "suspensions"]
        elif action == "cancel":
            kind = data.get("kind") or "注销"
            if kind not in ("注销", "吊销"):
                raise violation("STF-01", "请选择注销或吊销")
            if row.suspended_since is not None and on < row.suspended_since:
                raise violation("STF-01", "注销或吊销日期不得早于暂扣日期")
            row.status, row.revoked_on, row.cancel_kind = CertificateStatus.CANCELLED, on, kind
            row.revoked_reason = (note or basis)[:200]
            event["kind"] = kind
            fields += ["status", "revoked_on", "cancel_kind", "revoked_reason"]
        row.version += 1
        row.save(update_fields=fields)
        append_event(row.stream, action, actor=by, on=on, data=event)
    return row


# --- training, 学法考试 and 法考 (STF-02) ------------------------------------------------------------------------------

def record_course(*, by, bureau, title: str, kind: str, start_on: date, end_on: date, hours, attendees,
                  mentor=None) -> TrainingCourse:
    """A course with its hours and attendance [(staff, hours)]: each attendee's hours are at most the course's.
    All or nothing; an event on each attendee's stream."""
    if not may_administer(by, bureau):
        raise NotPermitted("培训记录由本机构或上级机构的系统管理员登记", "SEC-01")
    title = _text(title, "培训名称", 100)
    if kind not in CourseKind.values:
        raise BadInput("请选择培训形式")
    if end_on < start_on:
        raise violation("STF-02", "结束日期不得早于开始日期")
    _not_after_today(end_on, "结束日期")
    hours = _decimal(hours, "学时", Decimal(500))
    if hours <= 0:
        raise BadInput("学时应大于0")
    if kind == CourseKind.MENTORING and mentor is None:
        raise BadInput("以师带徒须写明带教师傅")
    rows = []
    seen = set()
    for staff, h in attendees:
        h = hours if h in (None, "") else _decimal(h, f"{staff}的学时", Decimal(500))
        if h > hours:
            raise BadInput(f"{staff}的学时不得超过培训学时{hours}")
        if staff.pk in seen:
            raise BadInput(f"{staff}重复登记")
        if not may_administer(by, staff.bureau):
            raise NotPermitted("只能登记本机构及下级机构人员的参训记录", "SEC-01")
        seen.add(staff.pk)
        rows.append((staff, h))
    if not rows:
        raise BadInput("请至少登记一名参训人员")
    with transaction.atomic():
        course = TrainingCourse.objects.create(bureau=bureau, title=title, kind=kind, start_on=start_on, end_on=end_on,
                                               hours=hours, mentor=mentor, recorded_by=by)
        Attendance.objects.bulk_create([Attendance(course=course, staff=s, hours=h) for s, h in rows])
        for s, h in rows:
            append_event(f"staff:{s.uuid}", "training", actor=by, on=end_on,
                         data={"course": str(course.uuid), "title": title, "kind": kind, "hours": str(h)})
    return course


def record_law_exam(staff: Staff, *, by, kind: str, taken_on: date, title: str, passed: bool, score=None,
                    number: str = "") -> LawExam:
    """A 学法考试 result (score and pass) or a 法考 pass (kind bar, with its certificate number)."""
    check_admin(by, staff)
    if kind not in ("study", "bar"):
        raise BadInput("请选择考试类别")
    title = _text(title, "考试名称", 100)
    _not_after_today(taken_on, "考试日期")
    score = None if score in (None, "") else _decimal(score, "成绩", Decimal(100))
    number = _text(number, "证书编号", 40, required=kind == "bar")
    if kind == "bar":
        passed = True
    with transaction.atomic():
        row = LawExam.objects.create(staff=staff, bureau=staff.entity, kind=kind, taken_on=taken_on, title=title,
                                     score=score, passed=passed, number=number, recorded_by=by)
        if kind == "bar" and not staff.legal_qualification:
            Staff.objects.filter(pk=staff.pk).update(legal_qualification=number)
        append_event(f"staff:{staff.uuid}", "law_exam", actor=by, on=taken_on,
                     data={"kind": kind, "title": title, "score": None if score is None else str(score),
                           "passed": passed})
    return row
