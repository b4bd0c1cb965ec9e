"""How the 评查 steps' fields are shown (labels, choices, pickers); the forms themselves are generated from the
API's schemas (supervision.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormField, FormStyle
from fazhi.org.models import Bureau, Role, Staff
from fazhi.supervision.models import ReviewStandard, SupervisionOrder
from fazhi.supervision.queries import PROCEDURE_LABELS

LABELS = {
    "on": "办理日期", "reviewer": "评查人员", "item_code": "评查项目", "passed": "结论", "deduction": "扣分",
    "reason": "理由（改判系统预评结论时必填）", "evidence": "整改情况及佐证", "title": "任务名称",
    "standard": "评查标准", "scope": "被评查单位", "period_from": "结案日期自", "period_to": "结案日期至",
    "procedures": "案卷种类", "per_bureau": "每单位抽取案卷数", "due_on": "评查完成期限",
    "target": "承办单位", "subject_kind": "督办对象", "subject": "案号、问题查询码或整改问题编号", "matter": "督办事项",
    "requirement": "督办要求", "due": "办理期限（最后答复日）", "answer": "答复内容（办理情况和结果）",
    "note": "审核意见",
}
STEP_LABELS = {("create", "on"): "下达日期", ("issue", "on"): "下达日期", ("answer", "on"): "答复日期",
               ("send_back", "note"): "退回意见（必填）"}
STYLE = FormStyle(LABELS, STEP_LABELS, {"procedures": list(PROCEDURE_LABELS.items()),
                                        "subject_kind": SupervisionOrder.SUBJECTS}, {},
                  frozenset({"evidence", "reason", "matter", "requirement", "answer", "note"}))
REVIEWER_ROLES = (Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.HEAD, Role.DEPUTY_HEAD)


def reviewer_choices(organiser: Bureau) -> list[tuple[str, str]]:
    """Who may be picked as reviewer: the legal, supervision and leading staff of the organiser and the bureaus
    below it (recusal is decided when one is picked, and a refusal shown in place)."""
    qs = (Staff.objects.filter(bureau__path__startswith=organiser.path, is_active=True,
                               role_grants__role__in=REVIEWER_ROLES)
          .select_related("bureau").distinct().order_by("bureau__path", "username"))
    return [(s.username, f"{s}（{s.entity.short_name if s.entity else ''}）") for s in qs]


def task_fields(organiser: Bureau, today: date, post=None) -> list[FormField]:
    from fazhi.supervision.schemas import TaskIn

    standards = [(s.code, str(s)) for s in ReviewStandard.objects.filter(disabled=False)]
    below = [(b.code, b.name) for b in Bureau.objects.filter(parent=organiser).exclude(kind="squad").order_by("code")]
    fields = core_forms.fields_for(TaskIn, "create", STYLE, today=today,
                                   pickers={"standard": standards, "scope": below})
    for f in fields:
        if f.name in ("scope", "procedures"):
            f.widget = "checks"
        if f.name == "period_from":
            f.value = today.replace(month=1, day=1)
        if f.name == "period_to":
            f.value = today
        if f.name == "per_bureau":
            f.value = 3
        if f.name == "title":
            f.value = f"{today.year}年度行政处罚案卷评查"
    if post is not None:
        core_forms.keep(fields, post)
    return fields


def step_fields(schema, action: str, today: date, pickers=None, post=None) -> list[FormField]:
    fields = core_forms.fields_for(schema, action, STYLE, today=today, pickers=pickers)
    if post is not None:
        core_forms.keep(fields, post)
    return fields


def passed(post) -> bool | None:
    """The score form posts 结论 as "1" (符合) or "0" (不符合)."""
    v = post.get("passed", "")
    return True if v == "1" else False if v == "0" else None


def order_targets(issuer: Bureau) -> list[tuple[str, str]]:
    """The bureaus an issuer may send a 督办 to: the 执法主体 below it (not its own squads)."""
    return [(b.code, b.name) for b in Bureau.objects.filter(path__startswith=issuer.path).exclude(pk=issuer.pk)
            .exclude(kind="squad").order_by("path")]


def order_fields(issuer: Bureau, today: date, post=None) -> list[FormField]:
    from datetime import timedelta

    from fazhi.supervision.schemas import OrderIn

    fields = core_forms.fields_for(OrderIn, "issue", STYLE, today=today, pickers={"target": order_targets(issuer)})
    for f in fields:
        if f.name == "due":
            f.value = today + timedelta(days=15)
        if f.name == "subject_kind":
            f.value = SupervisionOrder.CASE
    if post is not None:
        core_forms.keep(fields, post)
    return fields
