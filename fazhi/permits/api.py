"""REST API of 行政许可 under /api/v1/ (added to the API in fazhi/api.py). Thin: parse, resolve the item, call the
action, render the read side. One POST per step (generated from the table), the window's registration, the online
application (no login) and its status by tracking code, the items, the board and the fee register."""

from uuid import UUID

from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, record_record_read, require
from fazhi.permits import actions as A
from fazhi.permits import queries as Q
from fazhi.permits.models import Channel, Permit, PermitItem
from fazhi.permits.schemas import ApplyIn, WindowApplyIn
from fazhi.permits.workflow import WORKFLOW

router = Router(tags=["行政许可"])


def item_row(i: PermitItem) -> dict:
    return {"code": i.code, "name": i.name, "bureau": i.bureau.name, "bureau_code": i.bureau.code,
            "legal_basis": i.legal_basis, "materials": i.materials, "template": i.template,
            "legal_days": i.legal_days, "promised_days": i.promised_days, "fee": i.fee_text,
            "hearing_may_apply": i.hearing_may_apply, "quantity_unit": i.quantity_unit,
            "quantity_limit": i.quantity_limit, "max_days": i.max_days, "source": i.source}


def public_status(p: Permit) -> dict:
    """What the applicant sees by tracking code (Open311-style status): no staff, no other person's data."""
    return {"tracking_code": p.tracking_code, "number": p.number, "item": p.item.name, "status": p.status,
            "status_label": p.get_status_display(), "received_on": p.received_on.isoformat(),
            "accepted_on": p.accepted_on.isoformat() if p.accepted_on else None,
            "correction_items": p.correction_items, "decision_due": p.decision_due.isoformat() if p.decision_due else None,
            "decided_on": p.decided_on.isoformat() if p.decided_on else None, "decision_no": p.decision_no,
            "certificate_no": p.certificate_no, "fee_amount": str(p.fee_amount) if p.fee_status else None,
            "fee_status": Q.FEE_LABELS.get(p.fee_status, "")}


def _item(code: str, bureau_code: str = "") -> PermitItem:
    qs = PermitItem.objects.filter(code=code, disabled=False).select_related("bureau")
    if bureau_code:
        qs = qs.filter(bureau__code=bureau_code)
    item = qs.first()
    if item is None:
        raise HttpError(422, f"输入有误：没有编码为{code}的许可事项")
    return item


@router.get("/permit-items", auth=None, summary="许可事项（材料目录、示范文本、时限、收费、数量限制）")
def list_items(request, bureau: str = ""):
    qs = PermitItem.objects.filter(disabled=False).select_related("bureau")
    if bureau:
        qs = qs.filter(bureau__code=bureau)
    return [item_row(i) for i in qs]


@router.post("/permits/online", auth=None, response={201: dict},
             summary="网上申请行政许可（无需登录；返回查询码）（LIC-01）")
def apply_online(request, payload: ApplyIn, bureau: str = ""):
    from fazhi.core.security import client_address
    from fazhi.org import challenge

    try:
        challenge.allow_anonymous_report(client_address(request))
    except challenge.RateLimited as e:
        raise HttpError(429, str(e)) from e
    data = payload.dict()
    item = _item(data.pop("item"), bureau)
    p = A.apply(by=None, on=timezone.localdate(), item=item, channel=Channel.ONLINE, **data)
    return Status(201, public_status(p))


@router.get("/permits/track/{code}", auth=None, summary="按查询码查询许可申请的办理状态")
def track(request, code: str):
    p = Permit.objects.select_related("item").filter(tracking_code=code.strip().upper()).first()
    if p is None:
        raise HttpError(404, "没有该查询码的许可申请")
    return public_status(p)


@router.get("/permits", summary="行政许可申请列表（按可见范围）")
def list_permits(request, status: str = "", item: str = "", limit: int = Query(50, ge=1, le=500)):
    require(request.auth, Kind.PERMITS)
    qs = Q.permits_for(request.auth)
    if status:
        qs = qs.filter(status=status)
    if item:
        qs = qs.filter(item__code=item)
    return [Q.row(p) for p in qs[:limit]]


@router.get("/permits/board", summary="窗口期限看板：受理、决定、发证、公示期限，逾期在前")
def board(request):
    require(request.auth, Kind.PERMITS)
    return Q.board(request.auth, timezone.localdate())


@router.get("/permits/fees", summary="许可收费台账")
def fees(request, year: int = Query(None, ge=2000, le=2100)):
    require(request.auth, Kind.PERMITS)
    year = year or timezone.localdate().year
    return [{**Q.row(p), "fee_paid_on": p.fee_paid_on.isoformat() if p.fee_paid_on else None,
             "fee_receipt": p.fee_receipt, "fee_waiver_basis": p.fee_waiver_basis, "fee_rule": p.item.fee_text}
            for p in Q.fee_register(request.auth, year)[:1000]]


@router.post("/permits", response={201: dict}, summary="窗口登记许可申请（LIC-01）")
def apply_window(request, payload: WindowApplyIn):
    require(request.auth, Kind.PERMITS)
    data = payload.dict()
    entity = request.auth.entity
    item = _item(data.pop("item"), entity.code if entity else "")
    p = A.apply(by=request.auth, channel=Channel.WINDOW, item=item, **data)
    return Status(201, Q.detail(p, request.auth, timezone.localdate()))


@router.get("/permits/{uuid:permit_id}", summary="许可申请详情（期限、决定、证件、收费、全过程记录）")
def get_permit(request, permit_id: UUID):
    p = WORKFLOW.load(request.auth, permit_id)
    record_record_read(request.auth, p, label=Q.read_label(p), what="行政许可申请详情（申请人及其证件、联系方式）",
                       channel="api")
    return Q.detail(p, request.auth, timezone.localdate())


mount(router, WORKFLOW)  # POST /permits/<id>/actions/<step>, one per step of the table
