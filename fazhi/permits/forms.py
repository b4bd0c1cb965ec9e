"""How the permit steps' fields are shown (labels, choices); the forms themselves are generated from the API's
schemas (permits.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormField, FormStyle

LABELS = {
    "on": "办理日期", "item": "许可事项", "applicant": "申请人", "applicant_kind": "申请人类型",
    "id_number": "身份证件号码或统一社会信用代码", "phone": "联系电话", "subject": "申请内容", "location": "位置",
    "quantity": "数量（面积、株数等）", "period_from": "申请期限自", "period_to": "申请期限至",
    "materials": "已提交的材料", "joint": "一件事一次办（联合办理）", "road_done_on": "道路交付使用或大修竣工日期（挖掘道路）",
    "major_repair": "该道路为大修道路（3年内不得挖掘）", "government_approval": "人民政府批准文件（5年/3年内挖掘、迁移古树名木）",
    "emergency": "紧急抢修已先行破路（24小时内补办）", "dug_at": "破路时间", "felling": "砍伐（否则为迁移）",
    "ancient": "古树名木", "replanting": "补植要求", "note": "备注", "missing": "需要补正的全部内容（一次告知）",
    "reason": "理由和依据", "refer_to": "告知向哪一机关申请（不属于本机关职权的）", "officers": "核查人员（两名以上）",
    "findings": "核查情况", "parties": "利害关系人", "opinions": "陈述、申辩意见", "reasons": "理由",
    "told_on": "告知听证权利日期", "requested_on": "申请听证日期（自此中止计算期限）", "held_on": "举行听证日期",
    "place": "听证地点", "presider": "听证主持人（审查人员以外的人员）", "record": "听证笔录要点",
    "outcome": "决定", "valid_from": "有效期自", "valid_until": "有效期至", "conditions": "许可条件（位置、面积、期限等）",
    "late_reason": "逾期作出决定的原因（逾期时必填）", "receipt": "非税收入缴款书号码", "waived": "减免",
    "waiver_basis": "减免依据", "amount": "实收金额（元，默认为应收金额）", "what": "变更事项", "granted": "准予延续",
}
PER_STEP_LABELS = {
    ("accept", "on"): "受理日期（补正材料齐全之日）",
    ("request_correction", "on"): "告知日期",
    ("schedule_hearing", "on"): "听证通知日期",
    ("record_hearing", "on"): "听证举行日期",
    ("decide", "on"): "决定日期",
    ("decide", "reasons"): "决定理由（不予许可必填）",
    ("extend", "reasons"): "延长理由（将告知申请人）",
    ("change", "valid_until"): "新的有效期至（延长期限的；须在原期限届满前批准）",
    ("decide_renewal", "valid_until"): "新的有效期至",
    ("decide_renewal", "reasons"): "理由（不予延续必填）",
}
LONG = {"findings", "opinions", "reasons", "reason", "record", "conditions", "late_reason", "what", "subject"}
CHOICES = {
    "applicant_kind": [("org", "法人或其他组织"), ("citizen", "公民")],
    "outcome": [("grant", "准予许可"), ("deny", "不予许可")],
}
STYLE = FormStyle(LABELS, PER_STEP_LABELS, CHOICES, {}, frozenset(LONG))


def fields_for(schema, action: str, *, today: date, choices: dict | None = None) -> list[FormField]:
    fields = core_forms.fields_for(schema, action, STYLE, today=today, pickers=choices or {})
    for f in fields:
        if f.name in ("missing", "materials") and f.choices:
            f.widget = "checks"
        elif f.name == "officers":
            f.widget, f.value = "textarea", "\n".join(f.value or [])
    return fields


def _lines(name):
    def read(post):
        values = post.getlist(name)
        if len(values) == 1:
            values = values[0].replace("、", "\n").replace("，", "\n").replace(",", "\n").splitlines()
        return [v.strip() for v in values if v.strip()]
    return read


SPECIAL = {"missing": _lines("missing"), "officers": _lines("officers")}


def parse(schema, post):
    special = {k: v for k, v in SPECIAL.items() if k in schema.model_fields}
    if "materials" in schema.model_fields:
        special["materials"] = _lines("materials")
    return core_forms.parse(schema, post, LABELS, special)
