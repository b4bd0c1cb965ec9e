"""REST API of 重大行政决策和合法性审查 under /api/v1/ (added to the API in fazhi/api.py). Thin: parse, resolve
references, call the action, render the read side."""
from datetime import date
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from fazhi.decisions import actions as A
from fazhi.decisions import queries as Q
from fazhi.decisions.models import Catalogue, CatalogueItem, Decision, Review
from fazhi.org.access import Kind, require
from fazhi.org.models import Staff

router = Router(tags=["重大行政决策和合法性审查"])

Text = Field(min_length=1, max_length=2000)
Line = Field(min_length=1, max_length=200)
Year = Field(ge=2000, le=2100)


def _staff(username: str) -> Staff:
    s = Staff.objects.filter(username=username, is_active=True).first()
    if s is None:
        raise HttpError(422, f"没有登录名为“{username[:40]}”的工作人员")
    return s


def _mine(request, model, uuid):
    require(request.auth, Kind.DECISIONS)
    return get_object_or_404(Q.scoped(model.objects.all(), request.auth), uuid=uuid)


# --- 目录 -------------------------------------------------------------------------------------------------------

class CatalogueIn(Schema):
    on: date
    year: int = Year
    title: str = Field("", max_length=200)


class ItemIn(Schema):
    on: date
    title: str = Line
    category: Literal["policy", "plan", "resources", "project", "other"]
    unit: str = Field(min_length=1, max_length=100)
    basis: str = Field("", max_length=300)
    planned: str = Field("", max_length=40)
    reason: str = Field("", max_length=300, description="目录公布后调整的，写明理由（MJD-01）")


class PublishCatalogueIn(Schema):
    on: date
    approval: str = Field(min_length=1, max_length=200, description="经同级党委同意的情况")


class WithdrawIn(Schema):
    on: date
    reason: str = Field(min_length=1, max_length=300)


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

class Steps(Schema):
    participation: bool = True
    experts: bool = True
    risk: bool = True


class SkipReasons(Schema):
    participation: str = Field("", max_length=300)
    experts: str = Field("", max_length=300)
    risk: str = Field("", max_length=300)


class LaunchIn(Schema):
    on: date
    title: str = Line
    unit: str = Field(min_length=1, max_length=100, description="决策承办单位")
    lead: str = Field(min_length=1, max_length=150, description="承办人登录名")
    item: UUID | None = Field(None, description="目录事项；目录外事项须写明 outside_reason")
    outside_reason: str = Field("", max_length=300)
    required: Steps = Steps()
    skip_reasons: SkipReasons = SkipReasons()


class DraftIn(Schema):
    on: date
    draft: str = Field(min_length=1, max_length=20000)
    explanation: str = Field("", max_length=20000)


class ConsultIn(Schema):
    on: date = Field(description="草案公布日期")
    ends_on: date
    channel: str = Line
    short_reason: str = Field("", max_length=300, description="期限少于30日的理由（MJD-02）")


class HearingIn(Schema):
    on: date = Field(description="公布听证会的日期")
    hearing_on: date
    place: str = Line
    materials_on: date = Field(description="听证材料送达听证参加人的日期（应在听证7日前）")
    participants: list[str] = Field(min_length=1, max_length=100)


class HoldHearingIn(Schema):
    on: date
    record: str = Text
    signed: bool


class CloseConsultIn(Schema):
    on: date
    received: int = Field(ge=0, le=10 ** 6)
    adopted: int = Field(ge=0, le=10 ** 6)
    feedback: str = Text


class ExpertIn(Schema):
    on: date
    name: str = Field(min_length=1, max_length=60)
    organisation: str = Field("", max_length=100)
    field: str = Field("", max_length=60)
    opinion: str = Text
    no_conflict: bool = Field(description="专家声明与决策事项无直接利害关系")
    signed: bool = Field(description="书面论证意见已署名、盖章")


class RiskIn(Schema):
    on: date
    assessor: str = Field(min_length=1, max_length=100)
    risk_points: str = Text
    measures: str = Text
    controllable: bool


class SubmitReviewIn(Schema):
    on: date
    due_on: date = Field(description="要求审结日期（一般不少于7个工作日，MJD-04）")
    short_reason: str = Field("", max_length=300)
    materials: str = Field("", max_length=2000)


class SpeakerIn(Schema):
    name: str = Field("", max_length=40)
    username: str = Field("", max_length=150, description="行政首长的登录名（最后发言）")
    opinion: Literal["agree", "disagree", "abstain"]
    remarks: str = Field("", max_length=2000)


class DeliberateIn(Schema):
    on: date
    meeting: str = Field(min_length=1, max_length=40, description="如：局务会议")
    speakers: list[SpeakerIn] = Field(min_length=1, max_length=60, description="按发言顺序，行政首长最后")
    outcome: Literal["adopt", "amend", "reject", "defer"]
    reasons: str = Field("", max_length=2000)
    decision_text: str = Field("", max_length=20000)


class PublishIn(Schema):
    on: date
    channel: str = Line


class ArchiveIn(Schema):
    on: date
    materials: list[str] = Field(min_length=1, max_length=100)
    not_public_reason: str = Field("", max_length=300)


class EvaluateIn(Schema):
    on: date
    ground: Literal["below_expectation", "many_comments", "necessary"]
    evaluator: str = Field(min_length=1, max_length=100)
    result: str = Text


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
    return Status(201, Q.decision_detail(d))


@router.get("/decisions/{uuid}", summary="重大行政决策详情（各程序环节）", response={200: dict})
def decision(request, uuid: UUID):
    return Q.decision_detail(_mine(request, Decision, uuid))


def _act(name, schema):
    def endpoint(request, uuid: UUID, p: schema):
        d = _mine(request, Decision, uuid)
        kw = p.dict()
        if name == "deliberate":
            kw["speakers"] = [s for s in kw["speakers"]]
        d = getattr(A, name)(d, by=request.auth, **kw)
        return Q.decision_detail(d)

    endpoint.__name__ = f"decision_{name}"
    step = A.BY_ACTION[name]
    router.post(f"/decisions/{{uuid}}/actions/{name}", summary=f"{step.label}（{'、'.join(step.rules)}）",
                response={200: dict}, operation_id=f"decision_{name}")(endpoint)


for _name, _schema in (("save_draft", DraftIn), ("open_consultation", ConsultIn), ("announce_hearing", HearingIn),
                       ("hold_hearing", HoldHearingIn), ("close_consultation", CloseConsultIn),
                       ("add_expert", ExpertIn), ("assess_risk", RiskIn), ("submit_review", SubmitReviewIn),
                       ("deliberate", DeliberateIn), ("publish", PublishIn), ("archive", ArchiveIn),
                       ("evaluate", EvaluateIn)):
    _act(_name, _schema)


# --- reviews and advisers ---------------------------------------------------------------------------------------

class ReviewIn(Schema):
    on: date = Field(description="收件日期")
    kind: Literal["contract", "normative_draft", "normative_filing", "normative_cleanup", "dispute_reply", "other"]
    subject: str = Line
    requested_by: str = Field(min_length=1, max_length=100)
    due_on: date | None = None


class AdviserOpinionIn(Schema):
    on: date
    opinion: str = Text


class CompleteIn(Schema):
    on: date
    conclusion: Literal["lawful", "lawful_amend", "exploratory", "unlawful"]
    opinion: str = Text


class LinkIn(Schema):
    on: date
    case_stream: str = Field(min_length=1, max_length=80, description="处罚案件记录，如 case:<uuid>")
    subject: str = Field("", max_length=200)


class AdviserIn(Schema):
    on: date
    name: str = Field(min_length=1, max_length=40)
    firm: str = Field("", max_length=100)
    kind: Literal["adviser", "public"] = "adviser"
    contract_from: date
    contract_until: date
    staff: str = Field("", max_length=150, description="法律顾问的登录名（可选）")


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
    return Q.review_row(_mine(request, Review, uuid), full=True)


@router.post("/legal-reviews/{uuid}/adviser-opinion", summary="法律顾问提出法律意见", response={200: dict})
def adviser_opinion(request, uuid: UUID, p: AdviserOpinionIn):
    r = _mine(request, Review, uuid)
    return Q.review_row(A.give_adviser_opinion(r, by=request.auth, on=p.on, opinion=p.opinion), full=True)


@router.post("/legal-reviews/{uuid}/complete", summary="出具审查意见", response={200: dict})
def complete(request, uuid: UUID, p: CompleteIn):
    r = _mine(request, Review, uuid)
    return Q.review_row(A.complete_review(r, by=request.auth, **p.dict()), full=True)


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
