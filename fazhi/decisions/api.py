"""REST API of 重大行政决策和合法性审查 under /api/v1/ (added to the API in fazhi/api.py). Thin: parse, resolve
references, call the action, render the read side."""
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from fazhi.core.workflow_api import mount
from fazhi.decisions import actions as A
from fazhi.decisions import queries as Q
from fazhi.decisions.models import Catalogue, CatalogueItem, Decision, Review
from fazhi.decisions.schemas import (
    AdviserIn,
    CatalogueIn,
    ItemIn,
    LaunchIn,
    LinkIn,
    PublishCatalogueIn,
    ReviewIn,
    WithdrawIn,
)
from fazhi.decisions.workflow import REVIEWS, WORKFLOW
from fazhi.org.access import Kind, record_record_read, require
from fazhi.org.models import Staff

router = Router(tags=["重大行政决策和合法性审查"])

def _staff(username: str) -> Staff:
    s = Staff.objects.filter(username=username, is_active=True).first()
    if s is None:
        raise HttpError(422, f"没有登录名为“{username[:40]}”的工作人员")
    return s


def _mine(request, model, uuid):
    require(request.auth, Kind.DECISIONS)
    return get_object_or_404(Q.scoped(model.objects.all(), request.auth), uuid=uuid)


# --- 目录 -------------------------------------------------------------------------------------------------------









@router.get("/decisions/catalogues", summary="重大行政决策事项目录", response={200: list[dict]})
def catalogues(request, year: int | None = None):
    require(request.auth, Kind.DECISIONS)
    qs = Q.scoped(Catalogue.objects.all(), request.auth)
    if year is not None:
        qs = qs.filter(year=year) if 0 < year < 10000 else qs.none()
    return [Q.catalogue_row(c) for c in qs.prefetch_related("items").order_by("-year")[:50]]


@router.post("/decisions/catalogues", summary="编制年度目录（MJD-01）", response={201: dict})
def create_catalogue(request, p: CatalogueIn):
    require(request.auth, Kind.DECISIONS)
    return Status(201, Q.catalogue_row(A.create_catalogue(by=request.auth, on=p.on, year=p.year, title=p.title)))


@router.post("/decisions/catalogues/{uuid}/items", summary="目录增加事项（公布后为调整，须写明理由）", response={201: dict})
def add_item(request, uuid: UUID, p: ItemIn):
    c = _mine(request, Catalogue, uuid)
    item = A.add_item(c, by=request.auth, **p.dict())
    return Status(201, Q.item_row(item))


@router.post("/decisions/catalogues/{uuid}/publish", summary="公布目录", response={200: dict})
def publish_catalogue(request, uuid: UUID, p: PublishCatalogueIn):
    c = _mine(request, Catalogue, uuid)
    return Q.catalogue_row(A.publish_catalogue(c, by=request.auth, on=p.on, approval=p.approval))


@router.post("/decisions/catalogue-items/{uuid}/withdraw", summary="调出目录事项（写明理由）", response={200: dict})
def withdraw_item(request, uuid: UUID, p: WithdrawIn):
    require(request.auth, Kind.DECISIONS)
    item = get_object_or_404(Q.scoped(CatalogueItem.objects.all(), request.auth, "catalogue__bureau"), uuid=uuid)
    return Q.item_row(A.withdraw_item(item, by=request.auth, on=p.on, reason=p.reason))


# --- decisions --------------------------------------------------------------------------------------------------

































@router.get("/decisions", summary="重大行政决策列表", response={200: list[dict]})
def list_decisions(request, status: str | None = None):
    require(request.auth, Kind.DECISIONS)
    qs = Q.scoped(Decision.objects.all(), request.auth).select_related("item", "lead")
    if status:
        qs = qs.filter(status=status)
    return [Q.decision_row(d) for d in qs[:200]]


@router.post("/decisions", summary="启动重大行政决策程序", response={201: dict})
def launch(request, p: LaunchIn):
    require(request.auth, Kind.DECISIONS)
    item = None
    if p.item:
        item = Q.scoped(CatalogueItem.objects.all(), request.auth, "catalogue__bureau").filter(uuid=p.item).first()
        if item is None:
            raise HttpError(422, "目录事项不存在")
    d = A.launch(by=request.auth, on=p.on, title=p.title, unit=p.unit, lead=_staff(p.lead), item=item,
                 outside_reason=p.outside_reason, required=p.required.dict(), skip_reasons=p.skip_reasons.dict())
    return Status(201, Q.decision_detail(d, request.auth))


@router.get("/decisions/{uuid}", summary="重大行政决策详情（各程序环节）", response={200: dict})
def decision(request, uuid: UUID):
    d = _mine(request, Decision, uuid)
    record_record_read(request.auth, d, label=Q.decision_label(d), what="重大行政决策详情", channel="api")
    return Q.decision_detail(d, request.auth)


mount(router, WORKFLOW)  # POST /decisions/<id>/actions/<step>, one per step of the table


# --- reviews and advisers ---------------------------------------------------------------------------------------











@router.get("/legal-reviews", summary="法制科审查台账（含期限和用时）", response={200: list[dict]})
def reviews(request, kind: str | None = None, open: bool | None = None):
    require(request.auth, Kind.DECISIONS)
    qs = Q.queue(request.auth)
    if kind:
        qs = qs.filter(kind=kind)
    if open is not None:
        qs = qs.filter(status="open") if open else qs.exclude(status="open")
    return [Q.review_row(r) for r in qs[:500]]


@router.post("/legal-reviews", summary="登记法律审查（合同、规范性文件、复议应诉答复等，MJD-07）", response={201: dict})
def request_review(request, p: ReviewIn):
    require(request.auth, Kind.DECISIONS)
    return Status(201, Q.review_row(A.request_review(by=request.auth, **p.dict())))


@router.post("/legal-reviews/link-penalty", summary="登记处罚案件法制审核（关联案件记录，不复制）", response={201: dict})
def link_penalty(request, p: LinkIn):
    require(request.auth, Kind.DECISIONS)
    return Status(201, Q.review_row(A.link_penalty_review(by=request.auth, **p.dict())))


@router.get("/legal-reviews/{uuid}", summary="法律审查详情", response={200: dict})
def review(request, uuid: UUID):
    r = _mine(request, Review, uuid)
    record_record_read(request.auth, r, label=Q.review_label(r), what="法律审查详情", channel="api")
    return Q.review_row(r, full=True)


mount(router, REVIEWS)  # POST /legal-reviews/<id>/actions/adviser_opinion and …/complete


@router.get("/legal-advisers", summary="法律顾问名册", response={200: list[dict]})
def advisers(request):
    require(request.auth, Kind.DECISIONS)
    from fazhi.decisions.models import Adviser

    return [Q.adviser_row(a) for a in Q.scoped(Adviser.objects.all(), request.auth)[:200]]


@router.post("/legal-advisers", summary="登记法律顾问（律所、聘用期）", response={201: dict})
def register_adviser(request, p: AdviserIn):
    require(request.auth, Kind.DECISIONS)
    kw = p.dict()
    kw["staff"] = _staff(kw["staff"]) if kw["staff"] else None
    return Status(201, Q.adviser_row(A.register_adviser(by=request.auth, **kw)))
