"""Input schemas of the permit steps: one per step, shared by the API (permits.api) and the page forms
(permits.forms), so a form field and an API field can never disagree."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=200)]
Name = Annotated[str, Field(max_length=120)]
Item = Annotated[str, Field(max_length=120)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class ApplyIn(Schema):
    """A permit application (at the window, or online without login)."""

    item: Annotated[str, Field(max_length=40)] = Field(description="许可事项编码（如 XK-01）")
    applicant: Name = Field(min_length=1, description="申请人")
    applicant_kind: Literal["citizen", "org"] = "org"
    id_number: Annotated[str, Field(max_length=40)] = Field("", description="身份证件号码或统一社会信用代码")
    phone: Annotated[str, Field(max_length=30)] = ""
    subject: Short = Field(min_length=1, description="申请内容")
    location: Short = ""
    quantity: float | None = Field(None, ge=0, le=1e7, description="数量（面积、株数等，按事项的数量单位）")
    period_from: date | None = None
    period_to: date | None = None
    materials: list[Item] = Field(default_factory=list, max_length=30, description="已提交的材料（事项材料目录中的名称）")
    joint: bool = Field(False, description="一件事一次办（联合办理，四十五个工作日）")
    road_done_on: date | None = Field(None, description="挖掘道路：道路交付使用或大修竣工日期")
    major_repair: bool = False
    government_approval: Short = Field("", description="人民政府批准文件（5年/3年内挖掘、迁移古树名木）")
    emergency: bool = Field(False, description="紧急抢修已先行破路（24小时内补办）")
    dug_at: datetime | None = None
    felling: bool = False
    ancient: bool = False
    replanting: Short = ""


class WindowApplyIn(ApplyIn):
    on: date = Field(description="收到申请日期")


class AcceptIn(StepIn):
    note: Short = ""


class CorrectionIn(StepIn):
    missing: list[Item] = Field(min_length=1, max_length=30, description="需要补正的全部内容（一次告知）")
    note: Short = ""


class RefuseIn(StepIn):
    reason: Text = Field(min_length=1, description="不予受理的理由")
    refer_to: Short = Field("", description="不属于本机关职权的，告知向哪一机关申请")


class SiteCheckIn(StepIn):
    officers: list[Name] = Field(min_length=2, max_length=6, description="核查人员（两名以上，行政许可法第三十四条）")
    findings: Text = Field(min_length=1)


class PartiesIn(StepIn):
    parties: Short = Field(min_length=1, description="利害关系人")
    opinions: Text = Field(min_length=1, description="陈述、申辩意见")


class ExtendIn(StepIn):
    reasons: Text = Field(min_length=1, description="延长理由（告知申请人）")


class HearingIn(StepIn):
    told_on: date = Field(description="告知听证权利日期")
    requested_on: date = Field(description="申请听证日期（自此中止计算期限）")
    held_on: date = Field(description="举行听证日期")
    place: Short = ""
    presider: Name = Field(min_length=1, description="听证主持人（审查人员以外的人员）")


class HearingDoneIn(StepIn):
    record: Text = Field("", description="听证笔录要点")


class DecideIn(StepIn):
    outcome: Literal["grant", "deny"] = Field(description="grant 准予许可 / deny 不予许可")
    reasons: Text = Field("", description="决定理由（不予许可必填）")
    valid_from: date | None = None
    valid_until: date | None = None
    conditions: Text = ""
    late_reason: Text = Field("", description="逾期作出决定的原因")


class CertificateIn(StepIn):
    pass


class FeeIn(StepIn):
    receipt: Short = Field("", description="非税收入缴款书号码")
    waived: bool = False
    waiver_basis: Short = ""
    amount: Decimal | None = Field(None, ge=0, le=10 ** 9, description="实收金额（默认为应收金额）")


class PublishIn(StepIn):
    pass


class ChangeIn(StepIn):
    what: Text = Field(min_length=1, description="变更事项")
    valid_until: date | None = Field(None, description="延长期限的，新的有效期至")
    quantity: float | None = Field(None, ge=0, le=1e7)


class RenewalIn(StepIn):
    pass


class RenewalDecisionIn(StepIn):
    granted: bool = True
    valid_until: date | None = Field(None, description="准予延续的，新的有效期至")
    reasons: Text = ""


class EndIn(StepIn):
    reason: Text = Field(min_length=1, description="理由和依据")


SCHEMAS: dict[str, type[StepIn]] = {
    "accept": AcceptIn, "request_correction": CorrectionIn, "refuse": RefuseIn, "site_check": SiteCheckIn,
    "hear_parties": PartiesIn, "extend": ExtendIn, "schedule_hearing": HearingIn, "record_hearing": HearingDoneIn,
    "decide": DecideIn, "issue_certificate": CertificateIn, "record_fee": FeeIn, "publish": PublishIn,
    "change": ChangeIn, "apply_renewal": RenewalIn, "decide_renewal": RenewalDecisionIn, "withdraw": EndIn,
    "revoke": EndIn, "cancel": EndIn,
}
