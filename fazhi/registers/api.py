"""REST API of 违法建设和隐患整改台账 under /api/v1/ (added to the API in fazhi/api.py). Thin: call the action, render
the read side. One POST per step (core.workflow_api.mount), each with its own schema."""

from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, require
from fazhi.registers import actions as A
from fazhi.registers import queries as Q
from fazhi.registers.models import Notice, Site
from fazhi.registers.schemas import NoticeIn, SiteIn
from fazhi.registers.workflow import NOTICES, SITES

router = Router(tags=["违法建设和隐患整改台账"])


def _created(fn, request, payload):
    try:
        return fn(by=request.auth, **payload.dict())
    except LookupError as e:
        raise HttpError(422, f"输入有误：{e}") from e


@router.get("/registers/sites", summary="违法建设台账（发现日期倒序）")
def list_sites(request, shown: Literal["open", "closed", "all"] = "open", limit: int = Query(100, ge=1, le=300)):
    require(request.auth, Kind.REGISTERS)
    today = timezone.localdate()
    return [Q.site_detail(s, request.auth, today) for s in Q.sites(request.auth, shown)[:limit]]


@router.post("/registers/sites", response={201: dict}, summary="登记违法建设（HUD-02）")
def register_site(request, payload: SiteIn):
    require(request.auth, Kind.REGISTERS)
    s = _created(A.register_site, request, payload)
    return Status(201, Q.site_detail(get_object_or_404(Q.scoped(Site, request.auth), pk=s.pk), request.auth,
                                     timezone.localdate()))


@router.get("/registers/sites/{uuid:site_id}", summary="违法建设详情")
def get_site(request, site_id: UUID):
    require(request.auth, Kind.REGISTERS)
    return Q.site_detail(get_object_or_404(Q.scoped(Site, request.auth), uuid=site_id), request.auth,
                         timezone.localdate())


@router.get("/registers/notices", summary="整改通知（逾期在前）")
def list_notices(request, shown: Literal["open", "closed", "all"] = "open", limit: int = Query(100, ge=1, le=300)):
    require(request.auth, Kind.REGISTERS)
    today = timezone.localdate()
    return [Q.notice_detail(r["n"], request.auth, today) for r in Q.notices(request.auth, today, shown)[:limit]]


@router.post("/registers/notices", response={201: dict}, summary="下达整改通知（HUD-03）")
def issue_notice(request, payload: NoticeIn):
    require(request.auth, Kind.REGISTERS)
    n = _created(A.issue_notice, request, payload)
    return Status(201, Q.notice_detail(get_object_or_404(Q.scoped(Notice, request.auth), pk=n.pk), request.auth,
                                       timezone.localdate()))


@router.get("/registers/notices/{uuid:notice_id}", summary="整改通知详情")
def get_notice(request, notice_id: UUID):
    require(request.auth, Kind.REGISTERS)
    return Q.notice_detail(get_object_or_404(Q.scoped(Notice, request.auth), uuid=notice_id), request.auth,
                           timezone.localdate())


mount(router, SITES)    # POST /registers/sites/<id>/actions/<step>
mount(router, NOTICES)  # POST /registers/notices/<id>/actions/<step>
