"""案卷评查 as tables (fazhi.core.workflow): the score sheet of one drawn file (一卷一表) and the 整改 item raised by
each deduction, with the guard that decides who may take a step on them now.

- A sheet's reviewer is assigned (or changed before scoring starts, not by the reviewer) by the organiser bureau's
  leaders or legal staff (SUP-02; the recusal of the person picked depends on the input and stays in the action);
  the assigned reviewer scores its items (confirm or override a pre-score with a reason, SUP-03) and finishes the
  sheet once every item is confirmed.
- A 整改 item is closed by the reviewed bureau's own leaders, legal staff or squad leaders with evidence (SUP-04).
- A 督办单 (SUP-05) is answered by the leaders of the bureau it was sent to; the issuing bureau's leaders or legal
  staff accept the answer (办结) or return it for another.
- A 专项整治 campaign (SUP-04) is run by its organiser's leaders, legal or supervision staff (they launch and end
  it); problems are registered on it by them or by the bureaus in its scope (their own, 自查); each problem's
  fix is reported by its owning bureau and accepted (整改销号) or returned by the organiser.

`supervision.actions` runs these guards first inside its transaction; the pages and the 工作台 ask the same guards
what to offer."""
from __future__ import annotations

from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step, Workflow
from fazhi.law.rules import violation
from fazhi.org.models import Role
from fazhi.supervision.models import Campaign, CampaignProblem, Rectification, ScoreSheet, SupervisionOrder

ORGANISER = "organiser"   # the organiser bureau's leaders and 法制审核人员
REVIEWER = "reviewer"     # the reviewer assigned to the sheet
OWNER = "owner"           # the reviewed bureau that owns the 整改 item
ISSUER = "issuer"         # the bureau that issued a 督办单: its leaders and 法制审核人员
ANSWERER = "answerer"     # the bureau a 督办单 was sent to: its leaders
FINDER = "finder"         # a campaign's organiser or a bureau in its scope: registers problems

ORGANISER_ROLES = (Role.HEAD, Role.DEPUTY_HEAD, Role.LEGAL_REVIEWER)
OWNER_ROLES = (Role.HEAD, Role.DEPUTY_HEAD, Role.LEGAL_REVIEWER, Role.SQUAD_LEADER, Role.SUPERVISOR)

SHEET_TABLE: list[Step] = [
    Step("assign_reviewer", "指派评查人员", (ScoreSheet.OPEN,), None, ("SUP-02",), ORGANISER),
    Step("score_item", "评查案卷（确认或改判各项）", (ScoreSheet.OPEN,), None, ("SUP-03",), REVIEWER),
    # finish refuses for SUP-03 only (items left unconfirmed); the standard (SUP-01) is enforced when the task is
    # created and each item scored, the 整改 items it raises (SUP-04) are refused in `rectify`.
    Step("finish", "完成评定", (ScoreSheet.OPEN,), ScoreSheet.DONE, ("SUP-03",), REVIEWER),
    Step("confirm_prescored", "确认全部系统预评", (ScoreSheet.OPEN,), None, ("SUP-03",), REVIEWER, desk=False),
]
RECTIFICATION_TABLE: list[Step] = [
    Step("rectify", "报送整改情况", (Rectification.OPEN,), Rectification.DONE, ("SUP-04",), OWNER),
]
ORDER_TABLE: list[Step] = [
    Step("issue", "下达督办", (), SupervisionOrder.OPEN, ("SUP-05",), ISSUER),
    Step("answer", "答复督办", (SupervisionOrder.OPEN,), SupervisionOrder.ANSWERED, ("SUP-05",), ANSWERER),
    Step("close", "审核督办答复并办结", (SupervisionOrder.ANSWERED,), SupervisionOrder.CLOSED, ("SUP-05",), ISSUER),
    Step("send_back", "退回督办答复", (SupervisionOrder.ANSWERED,), SupervisionOrder.OPEN, ("SUP-05",), ISSUER,
         desk=False),
]
CAMPAIGN_TABLE: list[Step] = [
    Step("launch", "部署专项整治", (), Campaign.OPEN, ("SUP-04",), ORGANISER),
    Step("add_problem", "登记问题", (Campaign.OPEN,), None, ("SUP-04",), FINDER, desk=False),
    Step("close", "结束专项整治", (Campaign.OPEN,), Campaign.CLOSED, ("SUP-04",), ORGANISER),
]
PROBLEM_TABLE: list[Step] = [
    Step("rectify", "报送整改情况", (CampaignProblem.OPEN,), CampaignProblem.REPORTED, ("SUP-04",), OWNER),
    Step("accept", "验收销号", (CampaignProblem.REPORTED,), CampaignProblem.DONE, ("SUP-04",), ORGANISER),
    Step("send_back", "退回重新整改", (CampaignProblem.REPORTED,), CampaignProblem.OPEN, ("SUP-04",), ORGANISER,
         desk=False),
]
ISSUER_ROLES = ORGANISER_ROLES
CAMPAIGN_ROLES = (Role.HEAD, Role.DEPUTY_HEAD, Role.LEGAL_REVIEWER, Role.SUPERVISOR)
CAMPAIGN_STEPS = {s.action: s for s in CAMPAIGN_TABLE}
PROBLEM_STEPS = {s.action: s for s in PROBLEM_TABLE}
ANSWERER_ROLES = (Role.HEAD, Role.DEPUTY_HEAD)
SHEET_STEPS = {s.action: s for s in SHEET_TABLE}
ORDER_STEPS = {s.action: s for s in ORDER_TABLE}
RECTIFICATION_STEPS = {s.action: s for s in RECTIFICATION_TABLE}


def check_organiser(by, organiser, what: str) -> None:
    """The organiser bureau's leaders and legal staff run its 评查 (SUP-02: not the bureau reviewed)."""
    if by.entity is None or by.entity.pk != organiser.pk:
        raise NotPermitted(f"只有{organiser.short_name or organiser.name}的工作人员可以{what}", "SUP-02")
    if not by.has_role(*ORGANISER_ROLES):
        raise NotPermitted(f"“{what}”须由组织单位的负责人或法制审核人员办理", "SUP-02")


def may_organise(by) -> bool:
    return by.entity is not None and by.has_role(*ORGANISER_ROLES)


def sheet_guard(sheet: ScoreSheet, by, t: Step, on: date) -> None:
    """Who (organiser or the assigned reviewer), state, and for finishing: every item confirmed."""
    if t.who == ORGANISER:
        check_organiser(by, sheet.task.bureau, t.label)
    elif sheet.reviewer_id is None or sheet.reviewer_id != by.pk:
        raise NotPermitted("只有指派的评查人员可以评查该案卷", "SUP-02")
    if sheet.status not in t.sources:
        raise violation("SUP-03", f"该案卷已评定，不能办理“{t.label}”")
    if t.action == "assign_reviewer" and sheet.reviewer_id is not None:
        if sheet.reviewer_id == by.pk:
            raise NotPermitted("评查人员不能自行更换本人评查的案卷", "SUP-02")
        if sheet.items.filter(confirmed=True).exists():
            raise violation("SUP-02", "评查已经开始，不能更换评查人员")
    if t.action == "finish":
        left = sheet.items.filter(confirmed=False).count()
        if left:
            raise violation("SUP-03", f"还有{left}个评查项目未确认，不能完成评定")
    if t.action == "confirm_prescored" and not sheet.items.filter(prescored=True, confirmed=False).exists():
        raise violation("SUP-03", "没有待确认的系统预评项目")


def rectification_guard(r: Rectification, by, t: Step, on: date) -> None:
    if by.entity is None or by.entity.pk != r.owner_id:
        raise NotPermitted("整改事项由整改责任单位办理", "SUP-04")
    if not by.has_role(*OWNER_ROLES):
        raise NotPermitted("整改事项由责任单位的负责人、法制审核人员或中队长办理", "SUP-04")
    if r.status not in t.sources:
        raise violation("SUP-04", "该事项已整改")


def check_issuer(by, target) -> None:
    """SUP-05: a 督办单 is issued by the leaders or legal staff of a bureau above the one it is sent to."""
    above = by.entity
    if above is None or target is None or above.pk == target.pk or above not in target.lineage():
        raise NotPermitted("督办由承办单位的上级机关下达", "SUP-05")
    if not by.has_role(*ISSUER_ROLES):
        raise NotPermitted("督办由上级机关的负责人或法制审核人员下达", "SUP-05")


def may_issue(by) -> bool:
    return by.entity is not None and by.has_role(*ISSUER_ROLES)


def order_guard(o: SupervisionOrder, by, t: Step, on: date) -> None:
    """Who (the target's leaders answer; the issuer's leaders or legal staff close or return) and state."""
    if t.who == ANSWERER:
        if by.entity is None or by.entity.pk != o.target_id:
            raise NotPermitted("督办由承办单位答复", "SUP-05")
        if not by.has_role(*ANSWERER_ROLES):
            raise NotPermitted("督办由承办单位的负责人答复", "SUP-05")
    else:
        if by.entity is None or by.entity.pk != o.issuer_id:
            raise NotPermitted("督办答复由督办机关审核", "SUP-05")
        if not by.has_role(*ISSUER_ROLES):
            raise NotPermitted("督办答复由督办机关的负责人或法制审核人员审核", "SUP-05")
    if o.status not in t.sources:
        raise violation("SUP-05", {SupervisionOrder.OPEN: "该督办尚未答复",
                                   SupervisionOrder.ANSWERED: "该督办已答复，等待督办机关审核",
                                   SupervisionOrder.CLOSED: "该督办已办结"}[o.status])


def check_campaign_organiser(by, organiser, what: str) -> None:
    """SUP-04: a campaign is launched, ended and its fixes accepted by its organiser's leaders, legal or
    supervision staff."""
    if by.entity is None or by.entity.pk != organiser.pk:
        raise NotPermitted(f"只有{organiser.short_name or organiser.name}的工作人员可以{what}", "SUP-04")
    if not by.has_role(*CAMPAIGN_ROLES):
        raise NotPermitted(f"“{what}”须由组织单位的负责人、法制审核人员或执法监督人员办理", "SUP-04")


def may_launch(by) -> bool:
    return by.entity is not None and by.has_role(*CAMPAIGN_ROLES)


def campaign_guard(c: Campaign, by, t: Step, on: date) -> None:
    """Who (the organiser's staff; for registering problems also the scope's bureaus) and state."""
    if t.who == ORGANISER:
        check_campaign_organiser(by, c.bureau, t.label)
    else:
        here = by.entity
        if here is None or (here.pk != c.bureau_id and not c.scope.filter(pk=here.pk).exists()):
            raise NotPermitted("问题由组织单位或整治范围内的单位登记", "SUP-04")
        if not by.has_role(*OWNER_ROLES):
            raise NotPermitted("问题由负责人、法制审核人员、执法监督人员或中队长登记", "SUP-04")
    if c.status not in t.sources:
        raise violation("SUP-04", "该专项整治已结束")


def problem_guard(p: CampaignProblem, by, t: Step, on: date) -> None:
    """Who (the owning bureau reports the fix; the campaign's organiser accepts or returns it) and state."""
    if t.who == OWNER:
        if by.entity is None or by.entity.pk != p.owner_id:
            raise NotPermitted("整改情况由整改责任单位报送", "SUP-04")
        if not by.has_role(*OWNER_ROLES):
            raise NotPermitted("整改情况由责任单位的负责人、法制审核人员、执法监督人员或中队长报送", "SUP-04")
    else:
        check_campaign_organiser(by, p.campaign.bureau, t.label)
    if p.status not in t.sources:
        raise violation("SUP-04", {CampaignProblem.OPEN: "该问题尚未报送整改情况",
                                   CampaignProblem.REPORTED: "该问题已报送整改情况，等待组织单位验收",
                                   CampaignProblem.DONE: "该问题已整改销号"}[p.status])


# --- the contexts as the core's workflow machinery sees them -------------------------------------------------------

def _perform_sheet(sheet: ScoreSheet, t: Step, by, data: dict):
    from fazhi.supervision import actions as A

    data = dict(data)
    on = data.pop("on")
    if t.action == "assign_reviewer":
        name = data.get("reviewer") or ""
        reviewer = None
        if name:
            from fazhi.org.models import Staff

            reviewer = Staff.objects.filter(username=name, is_active=True).first()
            if reviewer is None:
                raise LookupError(f"没有登录名为“{name}”的工作人员")
        return A.assign_reviewer(sheet, by=by, on=on, reviewer=reviewer)
    if t.action == "score_item":
        return A.score_item(sheet, by=by, on=on, item_code=data.get("item_code") or "", passed=data.get("passed"),
                            deduction=data.get("deduction"), reason=data.get("reason") or "")
    if t.action == "confirm_prescored":
        return A.confirm_prescored(sheet, by=by, on=on)
    return A.finish_sheet(sheet, by=by, on=on)


def _perform_rectification(r: Rectification, t: Step, by, data: dict):
    from fazhi.supervision import actions as A

    return A.rectify(r, by=by, on=data["on"], evidence=data.get("evidence") or "")


def _load_sheet(user, uuid) -> ScoreSheet:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.supervision.queries import sheets_for

    require(user, Kind.SUPERVISION)
    return get_object_or_404(sheets_for(user), uuid=uuid)


def _load_rectification(user, uuid) -> Rectification:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.supervision.queries import rectifications_for

    require(user, Kind.SUPERVISION)
    return get_object_or_404(rectifications_for(user), uuid=uuid)


def _sheet_work(user):
    """Open sheets assigned to the user, and the unassigned sheets of the tasks their bureau organises."""
    from django.db.models import Q

    mine = Q(reviewer_id=user.pk)
    if user.entity is not None:
        mine |= Q(task__bureau_id=user.entity.pk, reviewer__isnull=True)
    return (ScoreSheet.objects.filter(status=ScoreSheet.OPEN).filter(mine)
            .select_related("task__bureau", "case__bureau").order_by("task__due_on", "id")[:200])


def _rectification_work(user):
    if user.entity is None:
        return Rectification.objects.none()
    return (Rectification.objects.filter(status=Rectification.OPEN, owner_id=user.entity.pk)
            .select_related("sheet__task", "sheet__case", "owner").order_by("due", "id")[:200])


def _perform_order(o: SupervisionOrder, t: Step, by, data: dict):
    from fazhi.supervision import actions as A

    if t.action == "answer":
        return A.answer_order(o, by=by, on=data["on"], answer=data.get("answer") or "")
    if t.action == "close":
        return A.close_order(o, by=by, on=data["on"], note=data.get("note") or "")
    return A.send_back_order(o, by=by, on=data["on"], note=data.get("note") or "")


def _load_order(user, uuid) -> SupervisionOrder:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.supervision.queries import orders_for

    require(user, Kind.SUPERVISION)
    return get_object_or_404(orders_for(user), uuid=uuid)


def _order_work(user):
    """Open orders sent to the user's bureau, answered ones its bureau issued."""
    from django.db.models import Q

    if user.entity is None:
        return SupervisionOrder.objects.none()
    mine = (Q(target_id=user.entity.pk, status=SupervisionOrder.OPEN)
            | Q(issuer_id=user.entity.pk, status=SupervisionOrder.ANSWERED))
    return (SupervisionOrder.objects.filter(mine).select_related("issuer", "target")
            .order_by("due", "id")[:200])


def _present_order(o: SupervisionOrder, user) -> dict:
    from fazhi.supervision.queries import order_detail

    return order_detail(o, user)


def _sheet_title(s: ScoreSheet) -> str:
    return f"评查：{s.case.case_no or s.case.cause}（{s.case.bureau.short_name}）"


def _present_sheet(s: ScoreSheet, user) -> dict:
    from fazhi.supervision.queries import sheet_detail

    return sheet_detail(s, user)


def _present_rectification(r: Rectification, user) -> dict:
    from fazhi.supervision.queries import rectification_row

    return rectification_row(r)


def _sheet_step_url(s, t: Step) -> str:
    """A reviewer is assigned in the task's list of sheets; the other steps are taken on the sheet's page."""
    from django.urls import reverse

    if t.action == "assign_reviewer":
        return f"{reverse('review_task', args=[s.task.uuid])}#do-assign_reviewer-{s.uuid}"
    return f"{reverse('review_sheet', args=[s.uuid])}#do-{t.action}"


def _workflows():
    from django.urls import reverse

    from fazhi.supervision.schemas import ORDER_SCHEMAS, RECTIFICATION_SCHEMAS, SHEET_SCHEMAS

    sheets = Workflow("review-sheets", "案卷评查", tuple(SHEET_TABLE), SHEET_SCHEMAS, sheet_guard, _perform_sheet,
                      _load_sheet, url=lambda s: reverse("review_sheet", args=[s.uuid]), title=_sheet_title,
                      present=_present_sheet, open_work=_sheet_work, due=lambda s, t: s.task.due_on,
                      op_prefix="review_sheet", step_url=_sheet_step_url)
    fixes = Workflow("rectifications", "评查整改", tuple(RECTIFICATION_TABLE), RECTIFICATION_SCHEMAS,
                     rectification_guard, _perform_rectification, _load_rectification,
                     url=lambda r: f"{reverse('rectifications')}#r-{r.uuid}",
                     title=lambda r: f"整改：{r.problem[:40]}", present=_present_rectification,
                     open_work=_rectification_work, due=lambda r, t: r.due, op_prefix="rectification",
                     step_url=lambda r, t: f"{reverse('rectifications')}#do-{t.action}-{r.uuid}")
    orders = Workflow("supervision-orders", "督办", tuple(ORDER_TABLE), ORDER_SCHEMAS, order_guard, _perform_order,
                      _load_order, url=lambda o: reverse("supervision_order", args=[o.uuid]),
                      title=lambda o: f"督办：{o.subject}（{o.target.short_name}）", present=_present_order,
                      open_work=_order_work, due=lambda o, t: o.due if t.action == "answer" else None,
                      op_prefix="supervision_order")
    return sheets, fixes, orders


SHEETS, RECTIFICATIONS, ORDERS = _workflows()


def _perform_campaign(c: Campaign, t: Step, by, data: dict):
    from fazhi.supervision import actions as A

    if t.action == "add_problem":
        return A.add_problem(c, by=by, on=data["on"], source=data.get("source") or "", kind=data.get("kind") or "",
                             description=data.get("description") or "", place=data.get("place") or "",
                             owner=data.get("owner") or "", responsible=data.get("responsible") or "",
                             due=data.get("due"), ref=data.get("ref") or "")
    return A.close_campaign(c, by=by, on=data["on"], summary=data.get("summary") or "")


def _perform_problem(p: CampaignProblem, t: Step, by, data: dict):
    from fazhi.supervision import actions as A

    if t.action == "rectify":
        return A.report_fix(p, by=by, on=data["on"], measures=data.get("measures") or "")
    if t.action == "accept":
        return A.accept_fix(p, by=by, on=data["on"], note=data.get("note") or "")
    return A.return_fix(p, by=by, on=data["on"], note=data.get("note") or "")


def _load_campaign(user, uuid) -> Campaign:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.supervision.queries import campaigns_for

    require(user, Kind.SUPERVISION)
    return get_object_or_404(campaigns_for(user), uuid=uuid)


def _load_problem(user, uuid) -> CampaignProblem:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.supervision.queries import problems_for

    require(user, Kind.SUPERVISION)
    return get_object_or_404(problems_for(user), uuid=uuid)


def _campaign_work(user):
    """Open campaigns the user's bureau organises (ending one is their job once its last day has come)."""
    if user.entity is None:
        return Campaign.objects.none()
    return (Campaign.objects.filter(status=Campaign.OPEN, bureau_id=user.entity.pk).select_related("bureau")
            .order_by("ends_on", "id")[:200])


def _campaign_wants(c: Campaign, user, t: Step) -> bool:
    from django.utils import timezone

    return t.action != "close" or timezone.localdate() >= c.ends_on


def _problem_work(user):
    """Open problems the user's bureau owns, and reported ones of the campaigns it organises."""
    from django.db.models import Q

    if user.entity is None:
        return CampaignProblem.objects.none()
    mine = (Q(owner_id=user.entity.pk, status=CampaignProblem.OPEN)
            | Q(campaign__bureau_id=user.entity.pk, status=CampaignProblem.REPORTED))
    return (CampaignProblem.objects.filter(mine).select_related("campaign__bureau", "owner")
            .order_by("due", "id")[:200])


def _present_campaign(c: Campaign, user) -> dict:
    from fazhi.supervision.queries import campaign_detail

    return campaign_detail(c, user)


def _present_problem(p: CampaignProblem, user) -> dict:
    from fazhi.supervision.queries import problem_detail

    return problem_detail(p, user)


def _campaign_workflows():
    from django.urls import reverse

    from fazhi.supervision.schemas import CAMPAIGN_SCHEMAS, PROBLEM_SCHEMAS

    campaigns = Workflow("campaigns", "专项整治", tuple(CAMPAIGN_TABLE), CAMPAIGN_SCHEMAS, campaign_guard,
                         _perform_campaign, _load_campaign, url=lambda c: reverse("campaign", args=[c.uuid]),
                         title=lambda c: f"专项整治：{c.title}", present=_present_campaign,
                         open_work=_campaign_work, due=lambda c, t: c.ends_on if t.action == "close" else None,
                         op_prefix="campaign", wants=_campaign_wants)
    problems = Workflow("campaign-problems", "专项整治问题", tuple(PROBLEM_TABLE), PROBLEM_SCHEMAS, problem_guard,
                        _perform_problem, _load_problem, url=lambda p: reverse("campaign_problem", args=[p.uuid]),
                        title=lambda p: f"整治问题：{p.campaign.title}{p.number}·{p.kind}（{p.owner.short_name}）",
                        present=_present_problem, open_work=_problem_work,
                        due=lambda p, t: p.due if t.action == "rectify" else None, op_prefix="campaign_problem")
    return campaigns, problems


CAMPAIGNS, PROBLEMS = _campaign_workflows()
