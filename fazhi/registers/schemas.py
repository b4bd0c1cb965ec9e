"""Input schemas of the register steps: one per step, shared by the API (registers.api) and the staff forms
(registers.forms), so a form field and an API field can never disagree."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=200)]
Login = Annotated[str, Field(max_length=150)]
Area = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]
Lng = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class PlaceIn(Schema):
    issue: Annotated[str, Field(max_length=8)] = Field(
        "", description="数字化城管问题的查询码（由数字化城管移交的填写；位置取自该问题）")
    address: Short = Field("", description="位置（地址；由数字化城管移交的可不填）")
    lng: Lng | None = Field(None, description="经度（GCJ-02，可选；填写则定位单元网格）")
    lat: Lat | None = Field(None, description="纬度（GCJ-02，可选）")


class SiteIn(PlaceIn):
    on: date = Field(description="发现日期")
    source: Literal["patrol", "complaint"] = Field("patrol", description="patrol 巡查发现 / complaint 投诉举报")
    structure: Short = Field(min_length=1, description="违法建设情况（建筑物、构筑物及其结构、层数）")
    area: Area = Field(description="面积（平方米）")
    vintage: Literal["stock", "new"] = Field(description="stock 存量 / new 新增")
    farmland: bool = Field(False, description="占用耕地")
    road: bool = Field(False, description="侵占城市道路及公共设施")
    hazard: bool = Field(False, description="存在重大安全隐患")
    boundary: bool = Field(False, description="城市开发边界内")
    party_name: Short = Field(min_length=1, description="责任人（建设单位或者个人）")
    party_kind: Literal["citizen", "org"] = Field("citizen", description="citizen 个人 / org 单位")
    party_phone: Annotated[str, Field(max_length=20)] = Field("", description="联系电话")
    party_address: Short = Field("", description="责任人（当事人）住所或地址")


class OpenCaseIn(StepIn):
    cause: Short = Field("未取得建设工程规划许可证进行建设", description="案由")
    facts: Text = Field("", description="已查明的情况")


class LinkCaseIn(StepIn):
    case: Annotated[str, Field(min_length=1, max_length=60)] = Field(description="本机关处罚案件的立案编号")


class OutcomeIn(StepIn):
    outcome: Literal["self", "forced", "rectified", "retained"] = Field(
        description="self 自行拆除 / forced 强制拆除 / rectified 整改 / retained 保留处理")
    area: Area | None = Field(None, description="拆除面积（平方米；强制拆除的，默认取强制拆除记录的拆除面积）")
    measure: Annotated[str, Field(max_length=40)] = Field("", description="强制拆除记录（编号，如 强2026-001）")
    note: Text = Field("", description="处理情况")


class NoticeIn(PlaceIn):
    on: date = Field(description="通知日期")
    source: Literal["patrol", "complaint"] = Field("patrol", description="patrol 巡查发现 / complaint 投诉举报")
    subject: Short = Field(min_length=1, description="设施或问题（如：户外招牌）")
    problem: Text = Field(min_length=1, description="存在的问题")
    requirement: Text = Field(min_length=1, description="整改要求")
    basis_text: Short = Field("《城市市容和环境卫生管理条例》第三十七条", description="依据")
    area: Area | None = Field(None, description="面积（平方米，可选）")
    party_name: Short = Field(min_length=1, description="当事人（业主或使用人）")
    party_kind: Literal["citizen", "org"] = Field("org", description="citizen 个人 / org 单位")
    party_phone: Annotated[str, Field(max_length=20)] = Field("", description="联系电话")
    party_address: Short = Field("", description="责任人（当事人）住所或地址")
    officers: list[Login] = Field(default_factory=list, max_length=10, description="执法人员（登录名）")
    due: date = Field(description="整改期限")


class ComplyIn(StepIn):
    note: Text = Field("", description="复查情况")


class EscalateIn(StepIn):
    cause: Short = Field("", description="案由（默认取整改通知所列问题）")
    note: Text = Field("", description="复查情况")


class RemoveIn(StepIn):
    approval: Short = Field("", description="县级以上人民政府批准文件（名称、文号）")
    area: Area | None = Field(None, description="拆除面积（平方米）")
    note: Text = Field("", description="拆除情况")


SITE_SCHEMAS: dict[str, type[Schema]] = {"open_case": OpenCaseIn, "link_case": LinkCaseIn,
                                             "record_outcome": OutcomeIn}
NOTICE_SCHEMAS: dict[str, type[Schema]] = {"comply": ComplyIn, "escalate": EscalateIn, "remove": RemoveIn}
