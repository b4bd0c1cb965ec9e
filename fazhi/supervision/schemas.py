"""Input schemas of 案卷评查: one per step, shared by the API (supervision.api) and the staff forms
(supervision.forms), so a form field and an API field can never disagree."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

Text = Annotated[str, Field(max_length=2000)]
Short = Annotated[str, Field(max_length=300)]
Login = Annotated[str, Field(max_length=150)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")


class AssignIn(StepIn):
    reviewer: Login = Field(min_length=1, description="评查人员登录名（不得为被评查单位人员或承办过该案件的人员）")


class ScoreIn(StepIn):
    item_code: Annotated[str, Field(min_length=1, max_length=30)] = Field(description="评查项目编码")
    passed: bool = Field(description="是否符合：true 符合 / false 不符合")
    deduction: Decimal | None = Field(None, ge=0, le=100, max_digits=6, decimal_places=1,
                                      description="扣分（不符合的计分项；默认该项最多扣分）")
    reason: Short = Field("", description="改判系统预评结论或扣分的理由")


class RectifyIn(StepIn):
    evidence: Text = Field(min_length=1, description="整改情况及佐证")


class AnswerIn(StepIn):
    answer: Text = Field(min_length=1, description="答复内容：办理情况和结果")


class ReviewAnswerIn(StepIn):
    note: Short = Field("", description="审核意见（退回时必填）")


class OrderIn(Schema):
    on: date = Field(description="下达日期")
    target: Annotated[str, Field(min_length=1, max_length=20)] = Field(description="承办单位编码（下级机关）")
    subject_kind: Literal["case", "issue", "rectification"] = Field(
        description="督办对象：case 行政处罚案件 / issue 数字化城管问题 / rectification 评查整改问题")
    subject: Annotated[str, Field(min_length=1, max_length=60)] = Field(
        description="案件的立案编号或决定书文号；问题的查询码；整改问题的编号（UUID）")
    matter: Text = Field(min_length=1, description="督办事项")
    requirement: Text = Field(min_length=1, description="督办要求")
    due: date = Field(description="办理期限（最后答复日）")


ORDER_SCHEMAS = {"answer": AnswerIn, "close": ReviewAnswerIn, "send_back": ReviewAnswerIn}
SHEET_SCHEMAS = {"assign_reviewer": AssignIn, "score_item": ScoreIn, "finish": StepIn, "confirm_prescored": StepIn}
RECTIFICATION_SCHEMAS = {"rectify": RectifyIn}


class TaskIn(Schema):
    on: date = Field(description="下达日期")
    title: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="任务名称")
    standard: Annotated[str, Field(min_length=1, max_length=60)] = Field(description="评查标准编码")
    scope: list[Annotated[str, Field(max_length=20)]] = Field(min_length=1, description="被评查单位编码")
    period_from: date = Field(description="结案日期自")
    period_to: date = Field(description="结案日期至")
    procedures: list[Literal["general", "simple"]] = Field(["general"], min_length=1,
                                                           description="案卷种类：general 普通程序 / simple 简易程序")
    per_bureau: int = Field(ge=1, le=100, description="每单位抽取案卷数")
    due_on: date | None = Field(None, description="评查完成期限")


# --- 专项整治 (SUP-04) ---------------------------------------------------------------------------------------------

Source = Literal["review", "citydesk", "complaint", "self_check", "visit"]


class CampaignIn(Schema):
    on: date = Field(description="部署日期")
    title: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="专项整治名称")
    basis: Annotated[str, Field(max_length=200)] = Field("", description="部署文件（文号或名称）")
    focus: Text = Field("", description="整治重点")
    kinds: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        min_length=1, max_length=30, description="问题类别（整治重点的分类，登记问题时从中选择）")
    scope: list[Annotated[str, Field(max_length=20)]] = Field(
        min_length=1, max_length=50, description="整治范围：单位编码（本单位或下级机关）")
    starts_on: date = Field(description="开始日期")
    ends_on: date = Field(description="结束日期")


class ProblemIn(StepIn):
    source: Source = Field(description="问题来源：review 案卷评查 / citydesk 数字化城管 / complaint 投诉举报 / "
                                       "self_check 自查自纠 / visit 督查走访")
    kind: Annotated[str, Field(min_length=1, max_length=60)] = Field(description="问题类别（本次专项整治的类别之一）")
    description: Text = Field(min_length=1, description="问题描述")
    place: Annotated[str, Field(max_length=200)] = Field("", description="地点")
    owner: Annotated[str, Field(min_length=1, max_length=20)] = Field(description="整改责任单位编码（整治范围内）")
    responsible: Login = Field("", description="整改责任人登录名（责任单位的工作人员，可不填）")
    due: date = Field(description="整改期限（最后报送日）")
    ref: Annotated[str, Field(max_length=60)] = Field(
        "", description="关联记录：评查整改问题编号（案卷评查必填）、问题查询码（数字化城管必填）；其他来源可填案号或查询码")


class CloseCampaignIn(StepIn):
    summary: Text = Field(min_length=1, description="整治总结")


class FixIn(StepIn):
    measures: Text = Field(min_length=1, description="整改情况：采取的措施和结果")


class FixReviewIn(StepIn):
    note: Short = Field("", description="验收意见（退回时必填）")


CAMPAIGN_SCHEMAS = {"add_problem": ProblemIn, "close": CloseCampaignIn}
PROBLEM_SCHEMAS = {"rectify": FixIn, "accept": FixReviewIn, "send_back": FixReviewIn}
