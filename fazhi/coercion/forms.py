"""How the 行政强制 steps' fields are shown (labels, choices); the forms are generated from the API's schemas
(coercion.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormStyle

LABELS = {
    "on": "办理日期", "at": "时间", "case": "处罚案件", "kind": "种类", "reason": "理由", "basis_text": "依据",
    "place": "场所或地点", "items": "场所、设施或者财物（每行一项：名称、数量）",
    "emergency": "情况紧急需要当场实施的事由（填写则当场实施，须在24小时内报告负责人并补办批准）",
    "officers": "实施的执法人员（至少两名持证）", "showed_ids": "已出示执法身份证件", "party_present": "当事人到场",
    "witness": "见证人（当事人不到场的）", "told_rights": "已当场告知理由、依据和当事人的权利、救济途径",
    "heard_statement": "已听取当事人的陈述和申辩", "statement": "当事人陈述申辩的内容",
    "signed": "现场笔录已由当事人和执法人员签名（当事人拒绝的已注明）", "handed_over": "查封扣押决定书和清单已当场交付当事人",
    "no_necessities": "所列物品均与违法行为有关，不含生活必需品", "video": "全程音像记录（编号或存放位置）",
    "reported_at": "向负责人报告的时间", "approve": "同意采取该行政强制措施（不同意的立即解除）",
    "outcome": "处理决定", "ground": "解除的情形", "deadline": "期限", "method": "履行义务的方式",
    "statement_rights": "已告知当事人依法享有的陈述权和申辩权", "stages": "分阶段履行的内容和期限",
    "remedied": "当事人已采取补救措施", "reduction": "减免的加处罚款（元）", "no_harm": "不损害公共利益和他人合法权益",
    "started_at": "强制拆除开始时间", "ended_at": "强制拆除结束时间", "decided_by": "作出强制执行决定的负责人",
    "area": "面积（平方米）", "government_order": "县级以上人民政府责成强制拆除的文件（名称、文号）",
    "structure": "违法建筑物、构筑物、设施",
}
STEP_LABELS = {
    ("approve", "at"): "批准时间", ("seize", "at"): "实施时间", ("take", "at"): "实施时间（当场实施的）",
    ("announce", "deadline"): "限期当事人自行拆除至", ("demand", "deadline"): "催告履行义务的期限",
    ("execute", "emergency"): "情况紧急的事由（夜间或法定节假日执行时必填）", ("execute", "officers"): "到场执法人员（至少两名持证）",
    ("execute", "area"): "拆除面积（平方米）", ("record_performance", "area"): "当事人自行拆除的面积（平方米）",
    ("record_performance", "reason"): "核查情况", ("refuse", "reason"): "不予批准的理由",
    ("extend", "reason"): "延长的理由（情况复杂）", ("dispose", "reason"): "处理决定的理由和依据",
    ("release", "reason"): "说明", ("ratify", "reason"): "负责人意见", ("resume", "reason"): "当事人不履行执行协议的情况",
    ("take", "reason"): "查封扣押的理由", ("start_demolition", "reason"): "强制拆除的理由",
}
CHOICES = {
    "kind": [("seal", "查封"), ("detain", "扣押")],
    "outcome": [("confiscated", "没收"), ("destroyed", "销毁")],
}
LONG = {"reason", "statement", "stages", "items"}
STYLE = FormStyle(LABELS, STEP_LABELS, CHOICES, {}, frozenset(LONG))


def fields_for(schema, action: str, *, bureau, today: date, exclude=()):
    from fazhi.org.access import staff_pickers

    pickers = {}
    if bureau is not None:
        p = staff_pickers(bureau, today)
        pickers = {"officers": p["officers"], "decided_by": p["*"]}
    fields = core_forms.fields_for(schema, action, STYLE, today=today,
                                   pickers={k: v for k, v in pickers.items() if k in schema.model_fields})
    for f in fields:
        if f.name == "items":
            f.value = ""
    return [f for f in fields if f.name not in exclude]


def items_lines(post) -> list[str]:
    """The items typed one a line (the form's text area) → the schema's list."""
    return [x.strip() for x in post.get("items", "").splitlines() if x.strip()]
