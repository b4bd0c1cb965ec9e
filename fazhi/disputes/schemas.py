"""Input schemas of the dispute steps: one per step, shared by the API (disputes.api) and the staff forms
(disputes.forms), so a form field and an API field can never disagree."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema

from fazhi.law.disputes import ABSENCE_REASONS, STAGE_RESULTS

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
    body: Short = Field("", description="复议机关或人民法院（不填：本局设置的行政复议机关或管辖人民法院）")
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


class ArrangeIn(StepIn):
    held_on: date = Field(description="开庭（听证）日期")
    place: Short = Field("", description="开庭（听证）地点")
    notice_on: date | None = Field(None, description="收到出庭通知书的日期")
    appeared: Login = Field(description="出庭负责人的登录名（本机关人员名册中的正职或副职负责人）")
    position: Literal["", "principal", "deputy", "in_charge", "other_in_charge"] = Field(
        "", description="principal 正职 / deputy 副职 / in_charge 分管副职 / other_in_charge 其他参与分管的负责人；"
                        "不填按人员名册中的职务")
    agent: Name = Field("", description="一同出庭的本机关工作人员")


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
    "receive_document": DocumentIn, "add_evidence": EvidenceIn, "file_answer": AnswerIn, "arrange_appearance": ArrangeIn,
    "record_hearing": HearingIn,
    "record_result": ResultIn, "appeal": AppealIn, "finalize": StepIn, "open_retrial": CourtIn,
    "receive_opinion": NumberIn, "report_correction": TextIn, "record_performance": TextIn,
    "assign_adviser": AdviserIn, "give_opinion": TextIn,
}


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
