"""REST API of pending role grants (三员分立, SEC-02) under /api/v1/ (added in fazhi/api.py): the list in the
person's scope, one grant, and POST /role-grants/<id>/actions/{approve,reject} generated from the table."""

from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, require
from fazhi.org.workflow import GRANTS, grants_for, present

router = Router(tags=["角色授权（三员分立）"])


@router.get("/role-grants", summary="角色授权列表（待批准在前；安全管理员、系统管理员、局长、审计员可见本单位及下级）")
def list_grants(request, status: Literal["", "pending", "approved", "rejected"] = "",
                limit: int = Query(100, ge=1, le=500)):
    require(request.auth, Kind.GRANTS)
    qs = grants_for(request.auth).order_by("-requested_on", "-id")
    if status:
        qs = qs.filter(status=status)
    return [present(r, request.auth) for r in qs[:limit]]


@router.get("/role-grants/{uuid:grant_id}", summary="一项角色授权（状态、申请人、批准人，可办理的环节）")
def get_grant(request, grant_id: UUID):
    require(request.auth, Kind.GRANTS)
    return present(get_object_or_404(grants_for(request.auth), uuid=grant_id), request.auth)


mount(router, GRANTS)  # POST /role-grants/<id>/actions/{approve,reject}
