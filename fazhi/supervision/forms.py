"""How the 评查 steps' fields are shown (labels, choices, pickers); the forms themselves are generated from the
API's schemas (supervision.schemas) by fazhi.core.forms."""
from __future__ import annotations

from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormField, FormStyle
from fazhi.org.models import Bureau, Role, Staff
from fazhi.supervision.models import Campaign, CampaignProblem, ReviewStandard, SupervisionOrder
from fazhi.supervision.queries import PROCEDURE_LABELS

LABELS = {
    "on": "办理日期", "reviewer": "评查人员", "item_code": "评查项目", "passed": "结论", "deduction": "扣分",
    "reason": "理由（改判系统预评结论时必填）", "evidence": "整改情况及佐证", "title": "任务名称",
    "standard": "评查标准", "scope": "被评查单位", "period_from": "结案日期自", "period_to": "结案日期至",
    "procedures": "案卷种类", "per_bureau": "每单位抽取案卷数", "due_on": "评查完成期限",
    "target": "承办单位", "subject_kind": "督办对象", "subject": "案号、问题查询码或整改问题编号", "matter": "督办事项",
    "requirement": "督办要求", "due": "办理期限（最后答复日）", "answer": "答复内容（办理情况和结果）",
    "note": "审核意见",
    "basis": "部署文件（文号或名称）", "focus": "整治重点", "kinds": "问题类别（每行一类）", "starts_on": "开始日期",
    "ends_on": "结束日期", "source": "问题来源", "kind": "问题类别", "description": "问题描述", "place": "地点",
    "owner": "整改责任单位", "responsible": "整改责任人", "ref": "关联记录（评查整改问题编号、问题查询码或案号）",
    "measures": "整改情况（措施和结果）", "summary": "整治总结",
}
STEP_LABELS = {("create", "on"): "下达日期", ("issue", "on"): "下达日期", ("answer", "on"): "答复日期",
               ("send_back", "note"): "退回意见（必填）", ("launch", "on"): "部署日期", ("launch", "scope"): "整治范围",
               ("launch", "title"): "专项整治名称", ("add_problem", "on"): "发现日期",
               ("add_problem", "due"): "整改期限（最后报送日）", ("rectify", "on"): "报送日期",
               ("accept", "on"): "验收日期", ("accept", "note"): "验收意见", ("close", "on"): "结束日期"}
STYLE = FormStyle(LABELS, STEP_LABELS, {"procedures": list(PROCEDURE_LABELS.items()),
                                        "subject_kind": SupervisionOrder.SUBJECTS,
                                        "source": CampaignProblem.SOURCES}, {},
                  frozenset({"evidence", "reason", "matter", "requirement", "answer", "note", "focus", "description",
                             "measures", "summary"}))
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


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------

def lines(post) -> list[str]:
    """问题类别 posted as a text area, one kind a line (or separated by 、 ， ;)."""
    import re

    text = "\n".join(post.getlist("kinds"))
    return [k.strip() for k in re.split(r"[\n\r、，,;；]+", text) if k.strip()]


def campaign_scope(organiser: Bureau) -> list[tuple[str, str]]:
    """A campaign's possible scope: the organiser itself and the 执法主体 below it (not its squads)."""
    return [(b.code, b.name) for b in Bureau.objects.filter(path__startswith=organiser.path).exclude(kind="squad")
            .order_by("path")]


def campaign_fields(organiser: Bureau, today: date, post=None) -> list[FormField]:
    from datetime import timedelta

    from fazhi.supervision.schemas import CampaignIn

    fields = core_forms.fields_for(CampaignIn, "launch", STYLE, today=today,
                                   pickers={"scope": campaign_scope(organiser)})
    for f in fields:
        if f.name == "scope":
            f.widget = "checks"
        if f.name == "kinds":
            f.widget, f.value = "textarea", ""
        if f.name == "starts_on":
            f.value = today
        if f.name == "ends_on":
            f.value = today + timedelta(days=90)
    if post is not None:
        core_forms.keep(fields, post)
        for f in fields:
            if f.name == "kinds":
                f.value = "\n".join(lines(post))
    return fields


def problem_pickers(c: Campaign, user) -> dict[str, list[tuple[str, str]]]:
    """The choices of the problem form: the campaign's kinds; the owning bureau among the scope (a bureau of the
    scope registers its own); the people responsible in those bureaus."""
    from fazhi.supervision.workflow import OWNER_ROLES

    scope = list(c.scope.order_by("path"))
    if user.entity is not None and user.entity.pk != c.bureau_id:
        scope = [b for b in scope if b.pk == user.entity.pk]
    from django.db.models import Q

    under = Q(pk__in=[])
    for b in scope:
        under |= Q(bureau__path__startswith=b.path)
    people = (Staff.objects.filter(under, is_active=True, role_grants__role__in=OWNER_ROLES)
              .select_related("bureau").distinct().order_by("bureau__path", "username"))
    return {"kind": [(k, k) for k in c.kinds], "owner": [(b.code, b.name) for b in scope],
            "responsible": [(s.username, f"{s}（{s.entity.short_name if s.entity else ''}）") for s in people
                            if s.entity is not None and s.entity in scope]}
