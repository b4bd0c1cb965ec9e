"""How the dispute steps' fields are shown (labels, choices, pickers); the forms themselves are generated from the
API's schemas (disputes.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormField, FormStyle
from fazhi.law.disputes import (
    ABSENCE_REASONS,
    ACT_LABELS,
    KIND_LABELS,
    POSITION_LABELS,
    STAGE_RESULTS,
    Position,
)
from fazhi.org.models import LEADERS, Role, Staff

LABELS = {
    "on": "办理日期", "kind": "类型", "applicant": "申请人/原告", "applicant_kind": "申请人类型",
    "body": "复议机关/人民法院", "their_number": "复议机关或法院案号", "act_kind": "被申请（被诉）行为的种类",
    "act_description": "被申请（被诉）行为", "act_reference": "行为文号（许可决定等不在本系统中的）",
    "act_on": "行为作出日期（申请履职的，为提出履职申请的日期）", "case": "处罚案件", "inspection": "行政检查",
    "filed_on": "申请（起诉）日期", "received_on": "收到日期", "document": "文书名称",
    "document_number": "文书文号", "simple": "复议适用简易程序（答复期限五个工作日）", "claim": "请求事项",
    "level": "审级（诉讼）", "title": "名称", "number": "文号", "collected_on": "收集日期", "purpose": "证明目的",
    "basis_text": "作出行政行为的依据", "held_on": "开庭（听证）日期", "notice_on": "收到开庭（听证）通知日期",
    "appeared_name": "出庭负责人姓名", "appeared": "出庭负责人（本系统中的）", "position": "出庭负责人职务",
    "absence_reason": "负责人未出庭的理由", "place": "开庭（听证）地点", "absence_proof": "未出庭的证明材料", "agent": "出庭的本机关工作人员",
    "result": "结果", "judgment": "以判决（决定）作出（否则为裁定）", "result_on": "裁判（决定）日期",
    "appellant": "上诉人", "court": "人民法院", "text": "内容", "adviser": "法律顾问或法制人员",
    "issuer": "制发机关", "subject": "建议事项", "owner": "承办人", "period_days": "建议书载明的回复期限（日）",
    "dispute": "关联的复议、诉讼", "reply": "书面回复内容", "rectification": "整改情况及证明材料",
}
PER_STEP_LABELS = {
    ("file_answer", "document"): "答复书或答辩状（名称、文号）",
    ("receive_opinion", "number"): "行政复议意见书文号",
    ("report_correction", "text"): "纠正违法或不当行政行为的情况",
    ("record_performance", "text"): "履行情况",
    ("give_opinion", "text"): "法律意见",
    ("receive", "received_on"): "收到申请书副本或起诉状副本的日期（默认为登记日期）",
    ("receive", "document"): "收到的文书（默认：申请书副本／起诉状副本及应诉通知书）",
    ("receive", "body"): "复议机关/人民法院（不填：本局设置的行政复议机关或管辖人民法院）",
    ("arrange_appearance", "appeared"): "出庭负责人（本机关人员名册中的负责人）",
    ("arrange_appearance", "position"): "以何种职务出庭（不选按人员名册）",
    ("record_hearing", "position"): "出庭人员的职务（名册中的负责人不选按名册）",
}
HEADS_ORDER = (Position.PRINCIPAL, Position.DEPUTY, Position.IN_CHARGE, Position.OTHER_IN_CHARGE)
LONG = {"claim", "basis_text", "text", "reply", "rectification", "absence_proof"}
CHOICES = {
    "kind": list(KIND_LABELS.items()),
    "applicant_kind": [("citizen", "公民"), ("org", "法人或其他组织")],
    "act_kind": list(ACT_LABELS.items()),
    "level": [("first", "一审"), ("second", "二审")],
    "position": list(POSITION_LABELS.items()),
    "absence_reason": [(r, r) for r in ABSENCE_REASONS],
    "result": [(r, r) for r in STAGE_RESULTS],
    "appellant": [("bureau", "本机关上诉"), ("other", "对方当事人上诉")],
}
PER_STEP_CHOICES = {("arrange_appearance", "position"): [(p, POSITION_LABELS[p]) for p in HEADS_ORDER]}
SUGGESTION_CHOICES = {"kind": [("judicial", "司法建议"), ("procuratorate", "检察建议")]}
STAFF_FIELDS = {"appeared", "adviser", "owner"}


def staff_choices(bureau, name: str) -> list[tuple[str, str]]:
    """Who may be picked: the bureau's leaders for an appearance; its legal staff and advisers as adviser; its
    legal staff and leaders (who may reply to it) as the owner of a 建议."""
    qs = [s for s in Staff.objects.filter(bureau__path__startswith=bureau.path, is_active=True)
          .select_related("bureau").order_by("username") if s.entity is not None and s.entity.pk == bureau.pk]
    if name == "appeared":
        qs = [s for s in qs if s.has_role(*LEADERS)]
    elif name == "adviser":
        qs = [s for s in qs if s.has_role(Role.LEGAL_ADVISER, Role.LEGAL_REVIEWER)]
    elif name == "owner":  # a 承办人 holds a role that can act on the 建议 (DSP-ROLE, issue #32)
        from fazhi.disputes.workflow import WRITERS

        qs = [s for s in qs if s.has_role(*WRITERS)]
    return [(s.username, f"{s}（{s.username}）") for s in qs]


STYLE = FormStyle(LABELS, PER_STEP_LABELS, CHOICES, PER_STEP_CHOICES, frozenset(LONG))
SUGGESTION_STYLE = FormStyle(LABELS, PER_STEP_LABELS, {**CHOICES, **SUGGESTION_CHOICES}, {}, frozenset(LONG))


def fields_for(schema, action: str, *, bureau, today: date, choices: dict | None = None) -> list[FormField]:
    """The form of `action`; `choices` adds pickers the view knows (a case or dispute to link); people are picked
    from the bureau's register."""
    pickers = dict(choices or {})
    if bureau is not None:
        for name in STAFF_FIELDS & set(schema.model_fields):
            pickers[name] = staff_choices(bureau, name)
    style = SUGGESTION_STYLE if action == "receive_suggestion" else STYLE
    return core_forms.fields_for(schema, action, style, today=today, pickers=pickers)


def parse(schema, post):
    return core_forms.parse(schema, post, LABELS)
