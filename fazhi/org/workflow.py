"""Pending role grants (三员分立, SEC-02) on the core workflow machinery: a grant of a leader's, the 法制审核's, the
法律顾问's or an administrator's role waits for a second person — the 局长 of the grantee's bureau (or one above) or
a 安全管理员, never the requester nor the grantee. The guard is law/separation.approval_refusal plus the state; the
系统管理 page (/manage/grants/), POST /api/v1/role-grants/<id>/actions/<step> and the 工作台 of those who can
approve are made from this table."""
from __future__ import annotations

from datetime import date

from fazhi.core.workflow import Step, Workflow, register
from fazhi.law.rules import violation
from fazhi.org.models import GrantStatus, RoleGrantRequest

APPROVER = "approver"
TABLE = (
    Step("approve", "批准授权", (GrantStatus.PENDING,), GrantStatus.APPROVED, ("SEC-02",), APPROVER),
    Step("reject", "不予批准", (GrantStatus.PENDING,), GrantStatus.REJECTED, ("SEC-02",), APPROVER, desk=False),
)


def guard(req: RoleGrantRequest, by, t: Step, on: date) -> None:
    from fazhi.org.actions import grant_refusal

    refusal = grant_refusal(by, req)
    if refusal is not None:
        from fazhi.core.errors import NotPermitted

        raise NotPermitted(refusal.message, refusal.code)
    if req.status not in t.sources:
        raise violation("SEC-02", "该授权已" + ("批准生效" if req.status == GrantStatus.APPROVED else "不予批准"))


def _perform(req: RoleGrantRequest, t: Step, by, data: dict):
    from fazhi.org.actions import decide_grant

    return decide_grant(req, by=by, on=data["on"], approve=t.action == "approve", note=data.get("note") or "")


def grants_for(user):
    """The grants a person may see: of their bureau's subtree, for the 安全管理员, 系统管理员, 局长 and 审计员."""
    from fazhi.org.access import Kind, may
    from fazhi.org.models import visible_bureau_ids

    qs = RoleGrantRequest.objects.select_related("staff__bureau", "requested_by", "decided_by")
    if not may(user, Kind.GRANTS):
        return qs.none()
    ids = visible_bureau_ids(user)
    return qs if ids is None else qs.filter(staff__bureau_id__in=ids)


def _load(user, uuid) -> RoleGrantRequest:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require

    require(user, Kind.GRANTS)
    return get_object_or_404(grants_for(user), uuid=uuid)


def _work(user):
    """Pending grants in the person's subtree that someone else requested (the guard decides the rest)."""
    from fazhi.org.models import Role

    if not (user.is_superuser or user.has_role(Role.HEAD, Role.SECURITY_ADMIN)):
        return RoleGrantRequest.objects.none()
    return (grants_for(user).filter(status=GrantStatus.PENDING).exclude(requested_by=user)
            .order_by("requested_on", "id")[:200])


def present(req: RoleGrantRequest, user) -> dict:
    from django.utils import timezone

    from fazhi.core.workflow import offered

    return {"uuid": str(req.uuid), "staff": req.staff.username, "name": str(req.staff),
            "bureau": req.staff.bureau.name if req.staff.bureau_id else "", "role": req.role,
            "role_label": req.get_role_display(), "status": req.status, "status_label": req.get_status_display(),
            "reason": req.reason, "requested_by": req.requested_by.username,
            "requested_on": req.requested_on.isoformat(),
            "decided_by": req.decided_by.username if req.decided_by_id else None,
            "decided_on": req.decided_on.isoformat() if req.decided_on else None, "note": req.note,
            "actions": [s.action for s in offered(GRANTS, req, user, timezone.localdate())]}


def _workflow() -> Workflow:
    from fazhi.org.schemas import GRANT_SCHEMAS

    return Workflow("role-grants", "角色授权", TABLE, GRANT_SCHEMAS, guard, _perform, _load,
                    url=lambda r: "/manage/grants/", title=lambda r: f"授权：{r.staff}（{r.get_role_display()}）",
                    present=present, open_work=_work, op_prefix="role_grant",
                    step_url=lambda r, t: f"/manage/grants/#do-{t.action}-{r.uuid}")


GRANTS = _workflow()


def register_workflow() -> None:
    register(GRANTS)
