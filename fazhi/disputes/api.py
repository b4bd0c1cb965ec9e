"""REST API of 行政复议和行政应诉 under /api/v1/ (added to the API in fazhi/api.py). Thin: parse, resolve
references, call the action, render the read side. One POST per step, each with its own schema."""

from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from fazhi.core.workflow_api import mount
from fazhi.disputes import actions as A
from fazhi.disputes import queries as Q
from fazhi.disputes.schemas import ReceiveIn, ReplyIn, SuggestionIn
from fazhi.disputes.workflow import WORKFLOW
from fazhi.org.access import Kind, record_record_read, require

router = Router(tags=["行政复议和行政应诉"])


def _get(request, uuid: UUID):
    require(request.auth, Kind.DISPUTES)
    return get_object_or_404(Q.disputes_for(request.auth), uuid=uuid)


def _out(request, d):
    return Q.detail(_get(request, d.uuid), request.auth, timezone.localdate())


@router.get("/disputes", summary="行政复议和行政诉讼列表（按可见范围）")
def list_disputes(request, status: Literal["", "received", "answered", "ruled", "concluded"] = "",
                  kind: Literal["", "reconsideration", "lawsuit", "compensation"] = "",
                  limit: int = Query(50, ge=1, le=200)):
    require(request.auth, Kind.DISPUTES)
    qs = Q.disputes_for(request.auth)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return [Q.row(d) for d in qs[:limit]]


@router.get("/disputes/board", summary="期限看板：答复、答辩、上诉、纠正报送和建议回复期限及逾期后果")
def due_board(request):
    require(request.auth, Kind.DISPUTES)
    return Q.board(request.auth, timezone.localdate())


@router.post("/disputes", response={201: dict}, summary="登记复议申请或起诉（DSP-01、DSP-02、DSP-04）")
def receive(request, payload: ReceiveIn):
    require(request.auth, Kind.DISPUTES)
    data = payload.dict()
    case_id, inspection_id = data.pop("case"), data.pop("inspection")
    case = inspection = None
    if case_id:
        from fazhi.cases.queries import list_queryset

        case = list_queryset(request.auth).filter(uuid=case_id).first()
        if case is None:
            raise HttpError(422, "输入有误：case 没有可见的处罚案件")
    if inspection_id:
        from fazhi.inspections.models import Inspection
        from fazhi.org.models import visible_bureau_ids

        ids = visible_bureau_ids(request.auth)
        qs = Inspection.objects.all() if ids is None else Inspection.objects.filter(bureau_id__in=ids)
        inspection = qs.filter(uuid=inspection_id).first()
        if inspection is None:
            raise HttpError(422, "输入有误：inspection 没有可见的行政检查记录")
    d = A.receive(by=request.auth, case=case, inspection=inspection, **data)
    return Status(201, _out(request, d))


@router.get("/disputes/{uuid:dispute_id}", summary="复议、诉讼详情（审级、期限、出庭、结果、全过程记录）")
def get_dispute(request, dispute_id: UUID):
    d = _get(request, dispute_id)
    record_record_read(request.auth, d, label=Q.read_label(d), what="复议、诉讼详情（申请人、请求和答复）", channel="api")
    return Q.detail(d, request.auth, timezone.localdate())


mount(router, WORKFLOW)  # POST /disputes/<id>/actions/<step>, one per step of the table


@router.get("/suggestions", summary="司法建议、检察建议台账")
def list_suggestions(request, limit: int = Query(100, ge=1, le=500)):
    require(request.auth, Kind.DISPUTES)
    today = timezone.localdate()
    return [Q.suggestion_row(s, today) for s in Q.suggestions_for(request.auth)[:limit]]


@router.post("/suggestions", response={201: dict}, summary="登记收到的司法建议、检察建议（DSP-07）")
def receive_suggestion(request, payload: SuggestionIn):
    from fazhi.org.models import Staff

    require(request.auth, Kind.DISPUTES)
    data = payload.dict()
    owner = Staff.objects.filter(username=data.pop("owner")).first()
    if owner is None:
        raise HttpError(422, "输入有误：owner 没有该登录名的工作人员")
    dispute_id = data.pop("dispute")
    dispute = get_object_or_404(Q.disputes_for(request.auth), uuid=dispute_id) if dispute_id else None
    s = A.receive_suggestion(by=request.auth, owner=owner, dispute=dispute, **data)
    return Status(201, Q.suggestion_row(s, timezone.localdate()))


@router.post("/suggestions/{uuid:suggestion_id}/reply", summary="书面回复司法建议、检察建议（DSP-07）")
def reply_suggestion(request, suggestion_id: UUID, payload: ReplyIn):
    require(request.auth, Kind.DISPUTES)
    s = get_object_or_404(Q.suggestions_for(request.auth), uuid=suggestion_id)
    s = A.reply_suggestion(s, by=request.auth, **payload.dict())
    return Q.suggestion_row(s, timezone.localdate())
