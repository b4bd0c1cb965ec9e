"""The 行政执法证 on the core workflow machinery (STF-01): the application (申领 → 发证 or 不予发证) and the certificate's
lifecycle (年审, 换证, 暂扣 → 发还, 注销/吊销). One guard each — who (the 系统管理员 of the holder's bureau or above,
never for themself, SEC-01) and state; the pages (/staff/), POST /api/v1/certificates/<id>/actions/<step> and
/api/v1/certificate-applications/<id>/actions/<step>, and the 工作台 (applications to issue; certificates whose last
day falls within 60 days, to renew) are made from these tables. What the input decides (dates, the exam's pass) the
actions check after the guard."""
from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.workflow import Step, Workflow, register
from fazhi.law.rules import violation
from fazhi.law.staff import EXPIRY_WINDOW_DAYS, expiring_within
from fazhi.org.models import Certificate, CertificateStatus
from fazhi.personnel.models import ApplicationStatus, CertificateApplication

ADMIN = "admin"
V, S, C = CertificateStatus.VALID, CertificateStatus.SUSPENDED, CertificateStatus.CANCELLED
CERTIFICATE_TABLE = (
    Step("renew", "换证", (V,), None, ("STF-01",), ADMIN),
    Step("annual_check", "年审", (V,), None, ("STF-01",), ADMIN, desk=False),
    Step("suspend", "暂扣", (V,), S, ("STF-01",), ADMIN, desk=False),
    Step("restore", "发还", (S,), V, ("STF-01",), ADMIN, desk=False),
    Step("cancel", "注销或吊销", (V, S), C, ("STF-01",), ADMIN, desk=False),
)
A = ApplicationStatus
APPLICATION_TABLE = (
    Step("apply", "申领执法证", (), A.APPLIED, ("STF-01",), ADMIN),
    Step("issue", "发证", (A.APPLIED,), A.ISSUED, ("STF-01",), ADMIN),
    Step("refuse", "不予发证", (A.APPLIED,), A.REFUSED, ("STF-01",), ADMIN, desk=False),
)


def _guard(record, by, t: Step, on: date) -> None:
    from fazhi.personnel.actions import check_admin

    check_admin(by, record.staff)
    if record.status not in t.sources:
        raise violation("STF-01", f"该{'执法证' if isinstance(record, Certificate) else '申领'}"
                                  f"{record.get_status_display()}，不能{t.label}")


def _in_scope(qs, user, field: str):
    from fazhi.org.models import visible_bureau_ids

    ids = visible_bureau_ids(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def certificates_for(user):
    from fazhi.org.access import Kind, may

    qs = Certificate.objects.select_related("staff__bureau")
    return _in_scope(qs, user, "staff__bureau_id") if may(user, Kind.STAFF) else qs.none()


def applications_for(user):
    from fazhi.org.access import Kind, may

    qs = CertificateApplication.objects.select_related("staff__bureau", "exam", "certificate")
    return _in_scope(qs, user, "staff__bureau_id") if may(user, Kind.STAFF) else qs.none()


def expiring(user, today: date):
    """Certificates in use whose last day falls from today to 60 days ahead, soonest first."""
    return (certificates_for(user).filter(status=V, valid_until__range=(today, today + timedelta(days=EXPIRY_WINDOW_DAYS)))
            .order_by("valid_until", "number"))


def _load_certificate(user, uuid):
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require

    require(user, Kind.STAFF)
    return get_object_or_404(certificates_for(user), uuid=uuid)


def _load_application(user, uuid):
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require

    require(user, Kind.STAFF)
    return get_object_or_404(applications_for(user), uuid=uuid)


def _managers(user) -> bool:
    from fazhi.org.models import Role

    return user.is_superuser or user.has_role(Role.ADMIN)


def _certificate_work(user):
    from django.utils import timezone

    return list(expiring(user, timezone.localdate())[:200]) if _managers(user) else []


def _application_work(user):
    if not _managers(user):
        return []
    return list(applications_for(user).filter(status=A.APPLIED).order_by("applied_on", "id")[:200])


def _wants_renewal(c: Certificate, user, t: Step) -> bool:
    """On the 工作台: renewal of a certificate whose last day is within 60 days; the other steps are the page's."""
    from django.utils import timezone

    return t.action == "renew" and expiring_within(c.valid_until, timezone.localdate())


def _perform_certificate(cert, t: Step, by, data: dict):
    from fazhi.personnel.actions import certificate_step

    return certificate_step(cert, t.action, by=by, data=data)


def _perform_application(app, t: Step, by, data: dict):
    from fazhi.personnel import actions

    if t.action == "issue":
        return actions.issue(app, by=by, on=data["on"], number=data.get("number") or "",
                             issuer=data.get("issuer") or "", valid_from=data.get("valid_from"),
                             valid_until=data.get("valid_until"))
    return actions.refuse(app, by=by, on=data["on"], note=data.get("note") or "")


def present_certificate(c: Certificate, user) -> dict:
    from django.utils import timezone

    from fazhi.core.workflow import offered

    today = timezone.localdate()
    return {"uuid": str(c.uuid), "number": c.number, "holder": c.staff.username, "name": str(c.staff),
            "bureau": c.staff.bureau.name if c.staff.bureau_id else "", "issuer": c.issuer,
            "valid_from": c.valid_from.isoformat(), "valid_until": c.valid_until.isoformat(),
            "status": c.status, "status_label": c.get_status_display(), "state_today": c.state_on(today),
            "valid_today": c.is_valid_on(today), "suspended_since": c.suspended_since.isoformat() if c.suspended_since
            else None, "suspensions": c.suspensions, "cancelled_on": c.revoked_on.isoformat() if c.revoked_on else None,
            "cancel_kind": c.cancel_kind, "last_checked_on": c.last_checked_on.isoformat() if c.last_checked_on else None,
            "actions": [s.action for s in offered(CERTIFICATES, c, user, today)]}


def present_application(a: CertificateApplication, user) -> dict:
    from django.utils import timezone

    from fazhi.core.workflow import offered

    return {"uuid": str(a.uuid), "staff": a.staff.username, "name": str(a.staff), "applied_on": a.applied_on.isoformat(),
            "status": a.status, "status_label": a.get_status_display(),
            "exam": {"taken_on": a.exam.taken_on.isoformat(), "general": str(a.exam.general_score),
                     "special": str(a.exam.special_score), "pass_mark": str(a.exam.pass_mark), "passed": a.exam.passed},
            "certificate": a.certificate.number if a.certificate_id else None,
            "decided_on": a.decided_on.isoformat() if a.decided_on else None, "note": a.note,
            "actions": [s.action for s in offered(APPLICATIONS, a, user, timezone.localdate())]}


def _workflows() -> tuple[Workflow, Workflow]:
    from fazhi.personnel.schemas import APPLICATION_SCHEMAS, CERTIFICATE_SCHEMAS

    certificates = Workflow(
        "certificates", "行政执法证", CERTIFICATE_TABLE, CERTIFICATE_SCHEMAS, _guard, _perform_certificate,
        _load_certificate, url=lambda c: f"/staff/certificates/{c.uuid}/",
        title=lambda c: f"执法证{c.number}（{c.staff}）", present=present_certificate, open_work=_certificate_work,
        due=lambda c, t: c.valid_until if t.action == "renew" else None, op_prefix="certificate",
        wants=_wants_renewal)
    applications = Workflow(
        "certificate-applications", "执法证申领", APPLICATION_TABLE, APPLICATION_SCHEMAS, _guard, _perform_application,
        _load_application, url=lambda a: "/staff/", title=lambda a: f"执法证申领：{a.staff}",
        present=present_application, open_work=_application_work, op_prefix="certificate_application",
        step_url=lambda a, t: f"/staff/#do-{t.action}-{a.uuid}")
    return certificates, applications


CERTIFICATES, APPLICATIONS = _workflows()


def register_workflows() -> None:
    register(CERTIFICATES)
    register(APPLICATIONS)
