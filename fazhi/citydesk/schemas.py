"""Input schemas of the 数字化城管 loop's steps: one per step, shared by the API (`POST /api/v1/issues/<id>/actions/
<step>`) and the issue page's forms (citydesk.views), so a form field and an API field can never disagree. A step
happens when it is recorded: the loop counts its time limits in working hours from the moment of each step."""

from typing import Annotated, Literal

from ninja import Field, Schema

from fazhi.core.forms import FormStyle

Reason = Annotated[str, Field(max_length=300)]
Text = Annotated[str, Field(max_length=2000)]


class StepIn(Schema):
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：当前版本号")


class ReasonIn(StepIn):
    reason: Reason = Field(description="理由")


class MergeIn(StepIn):
    into: Annotated[str, Field(max_length=8)] = Field(description="合并至的问题查询码（同一小类的其他问题）")


class RegisterIn(StepIn):
    condition_met: bool = Field(False, description="值班长确认符合该小类的立案条件")


class DispatchIn(StepIn):
    unit: int | None = Field(None, description="处置单位编号（不填：按分类和网格确定）")
    ruling: Reason = Field("", description="责任认定理由（派往曾回退该问题的单位时必填，DCM-04）")


class HandleIn(StepIn):
    feedback: Text = Field(description="处置情况")


class ExtensionIn(ReasonIn):
    amount: int = Field(ge=1, le=1000, description="延长的时限")
    amount_unit: Literal["工作时", "工作日"] = "工作时"


class ReviewIn(StepIn):
    approve: bool = Field(description="批准（true）或不予批准（false，须写明理由）")
    opinion: Reason = ""


class VerifyIn(StepIn):
    ok: bool = Field(description="核查通过（true）或返工（false，须写明理由）")
    note: Reason = ""


class CallBackIn(StepIn):
    satisfaction: Literal["satisfied", "basic", "unsatisfied"] = Field(description="satisfied 满意 / basic 基本满意 / "
                                                                                   "unsatisfied 不满意")
    note: Reason = ""


SCHEMAS: dict[str, type[Schema]] = {
    "accept": StepIn, "merge": MergeIn, "void": ReasonIn, "register": RegisterIn, "dispatch": DispatchIn,
    "handle": HandleIn, "give_back": ReasonIn, "apply_extension": ExtensionIn, "apply_shelve": ReasonIn,
    "apply_appeal": ReasonIn, "review_extension": ReviewIn, "review_shelve": ReviewIn, "review_appeal": ReviewIn,
    "recheck_appeal": ReviewIn, "resume": StepIn, "verify": VerifyIn, "close": StepIn, "call_back": CallBackIn,
}

STYLE = FormStyle(
    labels={"reason": "理由", "into": "合并至（问题查询码）", "condition_met": "符合立案条件", "unit": "处置单位（不选：按分类和网格确定）",
            "ruling": "责任认定理由（派往曾回退的单位时必填）", "feedback": "处置情况", "amount": "延长时限",
            "amount_unit": "时限单位", "approve": "审核结论", "opinion": "审核意见（不予批准须填写）",
            "ok": "核查结果", "note": "说明", "satisfaction": "满意度"},
    step_labels={("void", "reason"): "作废（撤销立案）理由", ("give_back", "reason"): "回退理由（不属于本单位职责的依据）",
                 ("call_back", "note"): "回访记录（不满意须填写原因）", ("verify", "note"): "核查说明（返工须填写）"},
    choices={"satisfaction": [("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")],
             "amount_unit": [("工作时", "工作时"), ("工作日", "工作日")],
             "approve": [("1", "批准"), ("0", "不予批准")], "ok": [("1", "核查通过"), ("0", "返工")]},
    long=frozenset({"feedback"}),
)
LABELS = {**STYLE.labels, "expected_version": "版本号"}


def _yes(name: str):
    return lambda post: post.get(name, "") in ("1", "on", "true")


# Yes/no fields the page posts as a choice (批准/不予批准, 通过/返工): read as the schema's bool.
SPECIAL = {"approve": _yes("approve"), "ok": _yes("ok")}
