"""Input schemas of the 行政强制 steps: one per step, shared by the API (coercion.api) and the staff forms
(coercion.forms), so a form field and an API field can never disagree."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema

from fazhi.law.coercion import RELEASE_GROUNDS

Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=200)]
Login = Annotated[str, Field(max_length=150)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Area = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]
Item = Annotated[str, Field(min_length=1, max_length=100)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class SiteIn(Schema):
    """What the on-site record of a 查封/扣押 shows (ENF-01 Art 18, ENF-03 Art 24, REC-01)."""

    at: datetime | None = Field(None, description="实施时间")
    officers: list[Login] = Field(default_factory=list, max_length=10, description="实施的执法人员（登录名，至少两名持证）")
    showed_ids: bool = Field(False, description="已出示执法身份证件")
    party_present: bool = Field(False, description="当事人到场")
    witness: Short = Field("", description="当事人不到场的，见证人姓名及身份")
    told_rights: bool = Field(False, description="已当场告知理由、依据和当事人的权利、救济途径")
    heard_statement: bool = Field(False, description="已听取当事人的陈述和申辩")
    statement: Text = Field("", description="当事人陈述申辩的内容")
    signed: bool = Field(False, description="现场笔录已由当事人和执法人员签名（当事人拒绝的已注明）")
    handed_over: bool = Field(False, description="查封扣押决定书和清单已当场交付当事人")
    no_necessities: bool = Field(False, description="所列物品均与违法行为有关，不含生活必需品")
    video: Short = Field("", description="全程音像记录的编号或存放位置")


class TakeIn(SiteIn):
    on: date = Field(description="登记日期")
    case: UUID = Field(description="处罚案件")
    kind: Literal["seal", "detain"] = Field(description="seal 查封 / detain 扣押")
    reason: Text = Field(min_length=1, description="查封扣押的理由")
    basis_text: Short = Field(min_length=1, description="查封扣押的依据（法律、法规条款）")
    place: Short = Field(min_length=1, description="场所或地点")
    items: list[Item] = Field(min_length=1, max_length=50, description="场所、设施或者财物（每项：名称、数量）")
    emergency: Short = Field("", description="情况紧急需要当场实施的事由（填写则当场实施，事后24小时内报告负责人）")


class ApproveIn(StepIn):
    at: datetime = Field(description="批准时间")


class TextIn(StepIn):
    reason: Text = Field(min_length=1, description="理由")


class SeizeIn(StepIn, SiteIn):
    pass


class RatifyIn(StepIn):
    reported_at: datetime = Field(description="向负责人报告并补办批准的时间")
    approve: bool = Field(False, description="同意采取该行政强制措施（不同意的，立即解除）")
    reason: Text = Field("", description="意见")


class DisposeIn(StepIn):
    outcome: Literal["confiscated", "destroyed"] = Field(description="confiscated 没收 / destroyed 销毁")
    reason: Text = Field(min_length=1, description="处理决定的理由和依据")


class ReleaseIn(StepIn):
    ground: Literal[RELEASE_GROUNDS] = Field(description="、".join(RELEASE_GROUNDS))  # type: ignore[valid-type]
    reason: Text = Field("", description="说明")


class DemolitionIn(Schema):
    on: date = Field(description="登记日期")
    case: UUID = Field(description="作出限期拆除决定的处罚案件")
    government_order: Short = Field(min_length=1, description="县级以上地方人民政府责成强制拆除的文件（名称、文号）")
    structure: Short = Field(min_length=1, description="违法建筑物、构筑物、设施")
    place: Short = Field(min_length=1, description="地点")
    area: Area = Field(description="面积（平方米）")
    reason: Text = Field(min_length=1, description="强制拆除的理由")
    basis_text: Short = Field("《中华人民共和国城乡规划法》第六十八条、《中华人民共和国行政强制法》第四十四条",
                              description="依据")


class AnnounceIn(StepIn):
    deadline: date = Field(description="限期当事人自行拆除至")


class DemandIn(StepIn):
    deadline: date = Field(description="催告履行义务的期限")
    method: Short = Field("自行拆除违法建筑物并清理现场", description="履行义务的方式")
    statement_rights: bool = Field(False, description="已告知当事人依法享有的陈述权和申辩权")


class AgreeIn(StepIn):
    stages: Text = Field("", description="分阶段履行的内容和期限")
    remedied: bool = Field(False, description="当事人已采取补救措施")
    reduction: Money | None = Field(None, description="减免的加处罚款（元）")
    no_harm: bool = Field(False, description="不损害公共利益和他人合法权益")


class ExecuteIn(StepIn):
    started_at: datetime = Field(description="强制拆除开始时间")
    ended_at: datetime = Field(description="强制拆除结束时间")
    officers: list[Login] = Field(min_length=1, max_length=20, description="到场执法人员（登录名，至少两名持证）")
    decided_by: Login = Field(description="作出强制执行决定的负责人（登录名）")
    video: Short = Field("", description="全程不间断音像记录的编号或存放位置")
    emergency: Short = Field("", description="情况紧急的事由（夜间或法定节假日执行时必填）")
    area: Area = Field(description="拆除面积（平方米）")


class PerformIn(StepIn):
    area: Area | None = Field(None, description="当事人自行拆除的面积（平方米）")
    reason: Text = Field("", description="核查情况")


SCHEMAS: dict[str, type[Schema]] = {
    "approve": ApproveIn, "refuse": TextIn, "seize": SeizeIn, "ratify": RatifyIn, "extend": TextIn,
    "dispose": DisposeIn, "release": ReleaseIn, "announce": AnnounceIn, "demand": DemandIn, "agree": AgreeIn,
    "resume": TextIn, "execute": ExecuteIn, "record_performance": PerformIn,
}
