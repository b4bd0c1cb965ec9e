"""REST API of 行政执法证 under /api/v1/ (added in fazhi/api.py): the certificates and applications in the person's
scope, and POST /certificates/<id>/actions/<step>, /certificate-applications/<id>/actions/<step> generated from
the tables (fazhi/personnel/workflow.py)."""

from typing import Literal
from uuid import UUID

from django.utils import timezone
from ninja import Query, Router

from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, require
from fazhi.personnel.workflow import (
    APPLICATIONS,
    CERTIFICATES,
    applications_for,
    certificates_for,
    expiring,
    present_application,
    present_certificate,
)

router = Router(tags=["执法人员资格（行政执法证）"])


@router.get("/certificates", summary="行政执法证列表（expiring=1：60日内期满的在用证件）")
def list_certificates(request, expiring_soon: bool = Query(False, alias="expiring"),
                      status: Literal["", "valid", "suspended", "cancelled"] = "",
                      limit: int = Query(200, ge=1, le=1000)):
    require(request.auth, Kind.STAFF)
    qs = expiring(request.auth, timezone.localdate()) if expiring_soon else \
        certificates_for(request.auth).order_by("valid_until", "number")
    if status:
        qs = qs.filter(status=status)
    return [present_certificate(c, request.auth) for c in qs[:limit]]


@router.get("/certificates/{uuid:certificate_id}", summary="一张行政执法证（状态、暂扣记录、可办理的环节）")
def get_certificate(request, certificate_id: UUID):
    return present_certificate(CERTIFICATES.load(request.auth, certificate_id), request.auth)


@router.get("/certificate-applications", summary="执法证申领列表")
def list_applications(request, status: Literal["", "applied", "issued", "refused"] = "",
                      limit: int = Query(200, ge=1, le=1000)):
    require(request.auth, Kind.STAFF)
    qs = applications_for(request.auth).order_by("-applied_on", "-id")
    if status:
        qs = qs.filter(status=status)
    return [present_application(a, request.auth) for a in qs[:limit]]


@router.get("/certificate-applications/{uuid:application_id}", summary="一项执法证申领")
def get_application(request, application_id: UUID):
    return present_application(APPLICATIONS.load(request.auth, application_id), request.auth)


mount(router, CERTIFICATES)
mount(router, APPLICATIONS)
