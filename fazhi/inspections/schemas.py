"""Input schemas of the inspection steps: one per step, shared by the API (`POST /api/v1/inspections/<id>/actions/
<step>`) and the inspection page's forms (inspections.views), so a form field and an API field can never
disagree."""

from datetime import date
from typing import Annotated

from ninja import Field, Schema

from fazhi.core.forms import FormStyle

Text = Annotated[str, Field(max_length=4000)]
Short = Annotated[str, Field(max_length=200)]


class StepIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class RecordIn(StepIn):
    findings: Text = Field(min_length=1, description="检查情况（现场检查笔录）")
    problem_found: bool = Field(False, description="发现违法问题")


class NotifyIn(StepIn):
    result: Text = Field(min_length=1, description="检查结果（告知检查对象）")


class OpenCaseIn(StepIn):
    cause: Short = Field(min_length=1, description="案由")
    facts: Text = Field("", description="违法事实")


SCHEMAS: dict[str, type[Schema]] = {
    "approve": StepIn, "record": RecordIn, "notify_result": NotifyIn, "publish": StepIn, "open_case": OpenCaseIn,
}

STYLE = FormStyle(
    labels={"on": "办理日期", "findings": "检查情况", "problem_found": "发现违法问题", "result": "检查结果",
            "cause": "案由", "facts": "违法事实"},
    step_labels={("approve", "on"): "批准日期", ("record", "on"): "检查日期", ("notify_result", "on"): "告知日期",
                 ("publish", "on"): "公示日期", ("open_case", "on"): "案源登记日期",
                 ("notify_result", "result"): "检查结果（告知检查对象）"},
    long=frozenset({"findings", "result", "facts"}),
)
LABELS = {**STYLE.labels, "expected_version": "版本号"}
