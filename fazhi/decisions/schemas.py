"""The input schemas of 重大行政决策和合法性审查: the API validates its bodies with them and the staff pages draw their
forms from the same ones (fazhi.core.forms), so a form field and an API field cannot disagree. No `from __future__
import annotations`: ninja and pydantic read the annotations as objects."""
from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema

Text = Field(min_length=1, max_length=2000)
Line = Field(min_length=1, max_length=200)
Year = Field(ge=2000, le=2100)


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
    observers: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=30, description="列席人员（姓名及职务）")
    recorder: str = Field("", max_length=40, description="记录人")



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


SCHEMAS = {"save_draft": DraftIn, "open_consultation": ConsultIn, "announce_hearing": HearingIn,
           "hold_hearing": HoldHearingIn, "close_consultation": CloseConsultIn, "add_expert": ExpertIn,
           "assess_risk": RiskIn, "submit_review": SubmitReviewIn, "deliberate": DeliberateIn, "publish": PublishIn,
           "archive": ArchiveIn, "evaluate": EvaluateIn}
REVIEW_SCHEMAS = {"adviser_opinion": AdviserOpinionIn, "complete": CompleteIn}
