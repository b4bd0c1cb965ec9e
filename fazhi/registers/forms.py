"""How the register steps' fields are shown (labels, choices); the forms are generated from the API's schemas
(registers.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormStyle

LABELS = {
    "on": "办理日期", "issue": "数字化城管问题查询码（由数字化城管移交的填写，位置取自该问题）", "address": "位置（地址）",
    "lng": "经度（可选）", "lat": "纬度（可选）", "source": "来源", "structure": "违法建设情况（建筑物、构筑物及结构、层数）",
    "area": "面积（平方米）", "vintage": "存量或新增", "farmland": "占用耕地", "road": "侵占城市道路及公共设施",
    "hazard": "存在重大安全隐患", "boundary": "城市开发边界内", "party_name": "责任人", "party_kind": "责任人类型",
    "party_phone": "联系电话", "party_address": "责任人地址", "cause": "案由", "facts": "已查明的情况", "outcome": "处理结果",
    "measure": "强制拆除记录编号（强制拆除的填写，如 强2026-001）", "note": "处理情况", "subject": "设施或问题（如：户外招牌）",
    "problem": "存在的问题", "requirement": "整改要求", "basis_text": "依据", "officers": "执法人员", "due": "整改期限",
    "approval": "县级以上人民政府批准文件（名称、文号）",
}
STEP_LABELS = {
    ("register", "on"): "发现日期", ("issue", "on"): "通知日期", ("issue", "party_name"): "当事人（业主或使用人）",
    ("issue", "party_kind"): "当事人类型", ("issue", "party_address"): "当事人地址", ("issue", "area"): "面积（平方米，可选）", ("record_outcome", "area"):
    "处理面积（平方米；强制拆除的可不填，取强制拆除记录的拆除面积）", ("record_outcome", "on"): "处理日期",
    ("comply", "on"): "复查日期", ("comply", "note"): "复查情况", ("escalate", "on"): "复查日期",
    ("escalate", "note"): "复查情况", ("escalate", "cause"): "案由（可不填，取整改通知所列问题）",
    ("remove", "on"): "拆除日期", ("remove", "area"): "拆除面积（平方米）", ("remove", "note"): "拆除情况",
    ("open_case", "on"): "移交日期", ("link_case", "case"): "处罚案件立案编号", ("link_case", "on"): "关联日期",
}
CHOICES = {
    "source": [("patrol", "巡查发现"), ("complaint", "投诉举报")],
    "vintage": [("new", "新增"), ("stock", "存量")],
    "party_kind": [("citizen", "个人"), ("org", "单位")],
    "outcome": [("self", "自行拆除"), ("forced", "强制拆除"), ("rectified", "整改（限期改正）"),
                ("retained", "保留处理（没收实物或者违法收入）")],
}
STYLE = FormStyle(LABELS, STEP_LABELS, CHOICES, {}, frozenset({"problem", "requirement", "facts", "note"}))


def fields_for(schema, action: str, *, bureau, today: date, exclude=()):
    from fazhi.org.access import staff_pickers

    pickers = {}
    if bureau is not None and "officers" in schema.model_fields:
        pickers = {"officers": staff_pickers(bureau, today)["officers"]}
    fields = core_forms.fields_for(schema, action, STYLE, today=today, pickers=pickers)
    return [f for f in fields if f.name not in exclude]
