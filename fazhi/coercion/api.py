"""REST API of 行政强制 under /api/v1/ (added to the API in fazhi/api.py). Thin: resolve the case, call the action,
render the read side. One POST per step (core.workflow_api.mount), each with its own schema."""

from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from fazhi.coercion import actions as A
from fazhi.coercion import queries as Q
from fazhi.coercion.schemas import DemolitionIn, TakeIn
from fazhi.coercion.workflow import WORKFLOW
from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, require

router = Router(tags=["行政强制"])


def _case(request, uuid):
    from fazhi.cases.queries import list_queryset

    case = list_queryset(request.auth).filter(uuid=uuid).first()
    if case is None:
        raise HttpError(422, "输入有误：case 没有可见的处罚案件")
    from fazhi.cases.models import PenaltyCase

    return PenaltyCase.objects.select_related("bureau").get(pk=case.pk)


def _out(request, m):
    return Q.detail(get_object_or_404(Q.measures_for(request.auth), uuid=m.uuid), request.auth, timezone.localdate())


@router.get("/coercion", summary="行政强制列表（期限、剩余天数，逾期在前）")
def list_measures(request, shown: Literal["open", "closed", "all"] = "open", limit: int = Query(100, ge=1, le=300)):
    require(request.auth, Kind.CASES)
    return [{"uuid": str(r["uuid"]), "number": r["number"], "kind": r["kind"], "status": r["status"],
             "party": r["party"], "case": str(r["case"]), "due": r["clock"]["due"].isoformat() if r["clock"]["due"]
             else None, "days_left": r["clock"]["days_left"], "overdue": r["clock"]["overdue"],
             "outcome": r["outcome"]} for r in Q.board(request.auth, timezone.localdate(), shown)[:limit]]


@router.post("/coercion", response={201: dict}, summary="采取查封扣押（ENF-01、ENF-02、ENF-03）")
def take(request, payload: TakeIn):
    require(request.auth, Kind.CASES)
    data = payload.dict()
    case = _case(request, data.pop("case"))
    return Status(201, _out(request, A.take(case, by=request.auth, **data)))


@router.post("/coercion/demolitions", response={201: dict}, summary="启动强制拆除程序（ENF-06，城乡规划法第六十八条）")
def start_demolition(request, payload: DemolitionIn):
    require(request.auth, Kind.CASES)
    data = payload.dict()
    case = _case(request, data.pop("case"))
    return Status(201, _out(request, A.start_demolition(case, by=request.auth, **data)))


@router.get("/coercion/{uuid:measure_id}", summary="行政强制详情（期限、可办理环节）")
def get_measure(request, measure_id: UUID):
    require(request.auth, Kind.CASES)
    m = get_object_or_404(Q.measures_for(request.auth), uuid=measure_id)
    return Q.detail(m, request.auth, timezone.localdate())


mount(router, WORKFLOW)  # POST /coercion/<id>/actions/<step>, one per step of the table
