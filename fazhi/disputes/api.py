"""REST API of 行政复议和行政应诉 under /api/v1/ (added to the API in fazhi/api.py). Thin: parse, resolve
references, call the action, render the read side. One POST per step, each with its own schema."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from fazhi.disputes import actions as A
from fazhi.disputes import queries as Q
from fazhi.disputes.workflow import STEPS
from fazhi.law.disputes import ABSENCE_REASONS, STAGE_RESULTS
from fazhi.org.access import Kind, require

router = Router(tags=["行政复议和行政应诉"])

Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=200)]
Name = Annotated[str, Field(max_length=120)]
Login = Annotated[str, Field(max_length=150)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class ReceiveIn(Schema):
    on: date = Field(description="登记日期")
    kind: Literal["reconsideration", "lawsuit", "compensation"] = Field(
        description="reconsideration 行政复议 / lawsuit 行政诉讼 / compensation 行政赔偿")
    applicant: Name = Field(min_length=1, description="申请人或原告")
    applicant_kind: Literal["citizen", "org"] = "citizen"
    body: Short = Field(min_length=1, description="复议机关或人民法院")
    their_number: Short = ""
    act_kind: Literal["penalty", "inspection", "permit", "inaction", "other"] = Field(
        description="penalty 行政处罚决定 / inspection 行政检查 / permit 行政许可决定 / inaction 不履行法定职责 / other")
    act_description: Short = Field(min_length=1, description="被申请（被诉）行为")
    act_reference: Short = Field("", description="行为文号（许可决定等）")
    act_on: date | None = None
    case: UUID | None = Field(None, description="处罚案件（act_kind=penalty）")
    inspection: UUID | None = Field(None, description="行政检查（act_kind=inspection）")
    filed_on: date = Field(description="申请（起诉）日期")
    received_on: date | None = Field(None, description="收到申请书副本或起诉状副本的日期（默认登记日期）")
    document: Short = ""
    document_number: Short = ""
    simple: bool = Field(False, description="复议适用简易程序（答复期限五个工作日）")
    claim: Text = ""
    level: Literal["", "first", "second"] = ""


class DocumentIn(StepIn):
    title: Short = Field(min_length=1)
    received_on: date | None = None
    number: Short = ""


class EvidenceIn(StepIn):
    title: Short = Field(min_length=1)
    collected_on: date
    purpose: Short = ""


class AnswerIn(StepIn):
    document: Short = Field("", description="答复书或答辩状（名称、文号）")
    basis_text: Text = Field("", description="作出行政行为的依据")


class HearingIn(StepIn):
    held_on: date | None = None
    notice_on: date | None = None
    appeared_name: Name = ""
    appeared: Login | None = Field(None, description="出庭负责人的登录名（本系统中的）")
    position: Literal["", "principal", "deputy", "in_charge", "other_in_charge", "commissioned", "lower", "staff"] = ""
    absence_reason: Literal[("",) + ABSENCE_REASONS] = ""  # type: ignore[valid-type]
    absence_proof: Short = ""
    agent: Name = ""


class ResultIn(StepIn):
    result: Literal[STAGE_RESULTS] = Field(description="、".join(STAGE_RESULTS))  # type: ignore[valid-type]
    judgment: bool = True
    result_on: date | None = None
    number: Short = ""


class AppealIn(StepIn):
    appellant: Literal["bureau", "other"]
    court: Short = Field(min_length=1)
    received_on: date | None = None


class CourtIn(StepIn):
    court: Short = Field(min_length=1)


class NumberIn(StepIn):
    number: Short = ""


class TextIn(StepIn):
    text: Text = ""


class AdviserIn(StepIn):
    adviser: Login


SCHEMAS: dict[str, type[StepIn]] = {
    "receive_document": DocumentIn, "add_evidence": EvidenceIn, "file_answer": AnswerIn, "record_hearing": HearingIn,
    "record_result": ResultIn, "appeal": AppealIn, "finalize": StepIn, "open_retrial": CourtIn,
    "receive_opinion": NumberIn, "report_correction": TextIn, "record_performance": TextIn,
    "assign_adviser": AdviserIn, "give_opinion": TextIn,
}


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
    return Q.detail(_get(request, dispute_id), request.auth, timezone.localdate())


def _endpoint(name: str, schema):
    def endpoint(request, dispute_id: UUID, payload: schema):  # type: ignore[valid-type]
        d = _get(request, dispute_id)
        data = payload.dict()
        on, version = data.pop("on"), data.pop("expected_version")
        A.ACTIONS[name](d, by=request.auth, on=on, expected_version=version, **data)
        return _out(request, d)

    t = STEPS[name]
    endpoint.__name__ = f"dispute_{name}"
    router.post(f"/disputes/{{uuid:dispute_id}}/actions/{name}", summary=f"{t.label}（{'、'.join(t.rules)}）",
                operation_id=f"dispute_{name}")(endpoint)


for _name, _schema in SCHEMAS.items():
    _endpoint(_name, _schema)


class SuggestionIn(Schema):
    on: date
    kind: Literal["judicial", "procuratorate"] = Field(description="judicial 司法建议 / procuratorate 检察建议")
    issuer: Short = Field(min_length=1)
    subject: Short = Field(min_length=1)
    owner: Login = Field(description="承办人登录名")
    received_on: date | None = None
    number: Short = ""
    period_days: int | None = Field(None, ge=1, le=366, description="建议书载明的回复期限（日）")
    dispute: UUID | None = None


class ReplyIn(Schema):
    on: date
    reply: Text = Field(min_length=1)
    rectification: Text = ""


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
