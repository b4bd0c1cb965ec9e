"""执法监督 actions — the only writers: lock → check → mutate → append events, one transaction, one actor `by`,
one effective date `on`."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from fazhi.cases.models import CaseOfficer, PenaltyCase, Status
from fazhi.core import blobs
from fazhi.core.events import append_event
from fazhi.core.models import Event
from fazhi.core.workflow import check
from fazhi.law import draw as D
from fazhi.law import supervision as rules
from fazhi.law.rules import violation
from fazhi.supervision import record
from fazhi.supervision.models import (
    Campaign,
    CampaignProblem,
    Rectification,
    ReviewStandard,
    ReviewTask,
    ScoreSheet,
    SheetItem,
    StandardItem,
    SupervisionOrder,
)
from fazhi.supervision.workflow import (
    CAMPAIGN_STEPS,
    CAMPAIGNS,
    ORDER_STEPS,
    ORDERS,
    PROBLEM_STEPS,
    PROBLEMS,
    RECTIFICATION_STEPS,
    RECTIFICATIONS,
    SHEET_STEPS,
    SHEETS,
    check_campaign_organiser,
    check_issuer,
    check_organiser,
)

# SUP-04: the default time to fix a deduction (the issue and the sources name none; a bureau's notice may say).
RECTIFY_DAYS = 30


def _event(task: ReviewTask, kind: str, by, on: date, data: dict):
    append_event(task.stream, kind, actor=by, on=on, data=data)


def _check_organiser(by, organiser, scope) -> None:
    """Only a bureau above the reviewed ones organises their review (SUP-02: not chosen by the bureau reviewed),
    and the task is set by the organiser's own leaders or legal staff."""
    for b in scope:
        if b.pk == organiser.pk or organiser not in b.lineage():
            raise violation("SUP-02", f"{organiser.name}不是{b.name}的上级机关，不能组织对其案卷的评查")
    check_organiser(by, organiser, "下达评查任务")


def _dated(on: date, since: date | None, since_what: str) -> None:
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")
    if since and on < since:
        raise violation("CASE-DATE", f"办理日期（{on:%Y-%m-%d}）不得早于{since_what}（{since:%Y-%m-%d}）")


def closed_files(scope, period_from: date, period_to: date, procedures):
    return (PenaltyCase.objects.filter(bureau__in=scope, status__in=[Status.CLOSED, Status.ARCHIVED],
                                       closed_on__gte=period_from, closed_on__lte=period_to,
                                       procedure__in=procedures)
            .select_related("bureau"))


def create_task(*, by, on: date, organiser, title: str, standard: ReviewStandard, scope, period_from: date,
                period_to: date, per_bureau: int, procedures=("general",), seed: bytes | None = None,
                due_on: date | None = None) -> ReviewTask:
    """Draw the sample (the verifiable draw, fazhi/law/draw.py) from the closed files in scope and open one score
    sheet per drawn file, pre-scored from the record (SUP-03)."""
    scope = list(scope)
    if not scope:
        raise violation("SUP-02", "请选择被评查单位")
    if period_from > period_to:
        raise violation("SUP-02", "评查期间的起始日期晚于截止日期")
    if per_bureau < 1:
        raise violation("SUP-02", "每单位至少抽取一卷")
    if standard.disabled:
        raise violation("SUP-01", "该评查标准已停用")
    if due_on is not None and due_on < on:
        raise violation("SUP-02", "评查完成期限不得早于下达日期")
    _check_organiser(by, organiser, scope)
    _dated(on, None, "")
    files = list(closed_files(scope, period_from, period_to, list(procedures)))
    if not files:
        raise violation("SUP-02", "评查范围内没有已结案卷")
    strata = {f.bureau.code for f in files}
    inputs = D.freeze([(str(f.uuid), f.bureau.code) for f in files],
                      {s: min(per_bureau, sum(1 for f in files if f.bureau.code == s)) for s in strata}, [])
    seed = seed or hashlib.sha256(f"{organiser.code}|{title}|{on}|{inputs.digest()}".encode()).digest()
    published = D.publication(inputs, seed)
    by_uuid = {str(f.uuid): f for f in files}
    with transaction.atomic():
        task = ReviewTask.objects.create(bureau=organiser, title=title, standard=standard, period_from=period_from,
                                         period_to=period_to, procedures=list(procedures), per_bureau=per_bureau,
                                         draw=published, created_on=on, due_on=due_on)
        task.scope.set(scope)
        items = list(StandardItem.objects.filter(section__standard=standard).select_related("section"))
        for t in published["result"]["targets"]:
            _sheet(task, by_uuid[t["subject"]], items)
        _event(task, "review_task", by, on, {"title": title, "standard": standard.code,
                                             "scope": [b.code for b in scope], "inputs_sha256": inputs.digest(),
                                             "seed": published["seed"], "files": len(published["result"]["targets"])})
    return task


def _sheet(task, case, items) -> ScoreSheet:
    sheet = ScoreSheet.objects.create(task=task, case=case)
    found = record.findings(case)
    rows = []
    for it in items:
        f = found.get(it.record_check) if it.record_check else None
        pre = f is not None and f.passed is not None
        rows.append(SheetItem(sheet=sheet, item=it, prescored=pre, record_passed=f.passed if f else None,
                              record_note=(f.note if f else "")[:300], evidence=f.links if f else [],
                              passed=f.passed if pre else None,
                              deduction=(it.points if pre and not f.passed else Decimal(0))))
    SheetItem.objects.bulk_create(rows)
    return sheet


def handled(case, staff) -> bool:
    """Whether `staff` acted on the file: assigned to it or an actor in its record."""
    return (CaseOfficer.objects.filter(case=case, staff=staff).exists()
            or Event.objects.filter(stream=case.stream, actor=staff.username).exists())


def assign_reviewer(sheet: ScoreSheet, *, by, on: date, reviewer=None) -> ScoreSheet:
    """SUP-02 回避: not from the reviewed bureau, not one of the file's own officers."""
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("task__bureau", "case__bureau").get(pk=sheet.pk)
        check(SHEETS, sheet, by, SHEET_STEPS["assign_reviewer"], on)
        _dated(on, sheet.task.created_on, "评查任务下达日期")
        if reviewer is None:
            raise violation("SUP-02", "请选择评查人员")
        if handled(sheet.case, reviewer):
            raise violation("SUP-02", f"{reviewer}承办或办理过该案件，应当回避")
        if reviewer.bureau_id and sheet.case.bureau in reviewer.bureau.lineage():
            raise violation("SUP-02", f"{reviewer}是被评查单位的人员，应当回避")
        sheet.reviewer = reviewer
        sheet.save(update_fields=["reviewer", "updated_at"])
        _event(sheet.task, "assign_reviewer", by, on, {"case": str(sheet.case.uuid), "reviewer": reviewer.username})
    return sheet


def score_item(sheet: ScoreSheet, *, by, on: date, item_code: str = "", passed: bool | None = None, deduction=None,
               reason: str = "") -> SheetItem:
    """The reviewer confirms a pre-scored item or scores it; changing the record's finding needs a reason."""
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("task__bureau").get(pk=sheet.pk)
        check(SHEETS, sheet, by, SHEET_STEPS["score_item"], on)
        _dated(on, sheet.task.created_on, "评查任务下达日期")
        if not item_code or passed is None:
            raise violation("SUP-03", "请选择评查项目并作出是否符合的结论")
        row = SheetItem.objects.select_related("item__section").filter(sheet=sheet, item__code=item_code).first()
        if row is None:
            raise violation("SUP-01", f"评查标准中没有编码为“{item_code}”的项目")
        reason = (reason or "").strip()
        if row.prescored and passed != row.record_passed and not reason:
            raise violation("SUP-03", "改变系统依据记录作出的核查结论，应当说明理由")
        veto = row.item.veto
        d = Decimal(0) if veto or passed else (rules.points(deduction) if deduction not in (None, "")
                                               else row.item.points)
        if d > row.item.points:
            raise violation("SUP-01", f"该项最多扣{row.item.points}分")
        row.passed, row.deduction, row.reason, row.confirmed = passed, d, reason[:300], True
        row.save(update_fields=["passed", "deduction", "reason", "confirmed"])
        _event(sheet.task, "score_item", by, on, {"case": str(sheet.case.uuid), "item": item_code, "passed": passed,
                                                  "deduction": str(d), "reason": reason})
    return row


def confirm_prescored(sheet: ScoreSheet, *, by, on: date) -> list[SheetItem]:
    """SUP-03: the reviewer confirms, in one step, every item the system pre-scored from the record and nobody has
    confirmed yet, each as the record found it (a failed item deducts its points, as pre-scored). One event lists
    every item confirmed with its finding, so the log says what each one became."""
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("task__bureau").get(pk=sheet.pk)
        check(SHEETS, sheet, by, SHEET_STEPS["confirm_prescored"], on)   # who, state, something left to confirm
        _dated(on, sheet.task.created_on, "评查任务下达日期")
        rows = list(SheetItem.objects.select_related("item__section")
                    .filter(sheet=sheet, prescored=True, confirmed=False).order_by("item__section__seq", "item__seq"))
        for row in rows:
            row.passed = row.record_passed
            row.deduction = Decimal(0) if row.item.veto or row.passed else row.item.points
            row.reason, row.confirmed = "", True
        SheetItem.objects.bulk_update(rows, ["passed", "deduction", "reason", "confirmed"])
        _event(sheet.task, "confirm_prescored", by, on, {
            "case": str(sheet.case.uuid),
            "items": [{"item": r.item.code, "passed": r.passed, "deduction": str(r.deduction)} for r in rows]})
    return rows


def result_of(sheet: ScoreSheet) -> rules.Result:
    std = sheet.task.standard
    sections = {s.name: s.points for s in std.sections.filter(kind="points")}
    rows = list(sheet.items.select_related("item__section"))
    items = [rules.Item(r.item.code, r.item.section.name, r.item.section.kind, r.item.points) for r in rows]
    bands = [rules.Band(b["grade"], Decimal(b["min_score"])) for b in std.bands]
    return rules.score(items, sections, {r.item.code: r.deduction for r in rows if not r.item.veto},
                       {r.item.code for r in rows if r.item.veto and r.passed is False}, bands)


def finish_sheet(sheet: ScoreSheet, *, by, on: date) -> ScoreSheet:
    """Every item confirmed → score and grade (a failed veto item: 0 and 不合格)."""
    with transaction.atomic():
        sheet = (ScoreSheet.objects.select_for_update().select_related("task__standard", "task__bureau")
                 .get(pk=sheet.pk))
        check(SHEETS, sheet, by, SHEET_STEPS["finish"], on)   # who, state, every item confirmed
        _dated(on, sheet.task.created_on, "评查任务下达日期")
        r = result_of(sheet)
        sheet.score, sheet.grade, sheet.vetoed, sheet.status, sheet.scored_on = (r.score, r.grade, r.vetoed,
                                                                                 ScoreSheet.DONE, on)
        sheet.save(update_fields=["score", "grade", "vetoed", "status", "scored_on", "updated_at"])
        for row in sheet.items.select_related("item").filter(models.Q(deduction__gt=0) | models.Q(passed=False)):
            Rectification.objects.create(
                sheet=sheet, item=row, owner=sheet.case.bureau, due=on + timedelta(days=RECTIFY_DAYS),
                problem=_problem(sheet.case, row))
        _event(sheet.task, "finish_sheet", by, on, {"case": str(sheet.case.uuid), "score": str(r.score),
                                                    "grade": r.grade, "vetoed": r.vetoed})
        task = ReviewTask.objects.select_for_update().get(pk=sheet.task_id)
        if not task.sheets.filter(status=ScoreSheet.OPEN).exists():
            task.status, task.finished_on = ReviewTask.FINISHED, on
            task.save(update_fields=["status", "finished_on", "updated_at"])
            _event(task, "finish_task", by, on, {"files": task.sheets.count()})
    return sheet


def _problem(case, row) -> str:
    """A 整改 item as staff read it: the file, the item, what it cost (否决项, or 扣N分) and why."""
    cost = "否决项" if row.item.veto else f"扣{row.deduction.normalize():f}分"
    why = (row.reason or row.record_note).strip().rstrip("。")
    return f"{case.case_no or case.cause}：{row.item.text}（{cost}）{'。' + why if why else ''}"[:400]


def rectify(r: Rectification, *, by, on: date, evidence: str = "", file=None) -> Rectification:
    """SUP-04: the owning bureau closes a 整改 item with the evidence of the fix: a text, and optionally a file
    kept in the evidence store (a refused closing leaves no file behind)."""
    evidence = (evidence or "").strip()
    with transaction.atomic():
        r = Rectification.objects.select_for_update().select_related("sheet__task", "owner").get(pk=r.pk)
        check(RECTIFICATIONS, r, by, RECTIFICATION_STEPS["rectify"], on)
        _dated(on, None, "")
        if not evidence:
            raise violation("SUP-04", "请写明整改情况并附佐证")
        if on < r.sheet.scored_on:
            raise violation("SUP-04", "整改日期不得早于评定日期")
        with blobs.kept([file] if file is not None else []) as stored:
            r.status, r.fixed_on, r.fixed_by, r.evidence = Rectification.DONE, on, by, evidence
            if stored:
                r.sha256, r.filename = stored[0].sha256, (file.name or "")[:200]
                r.content_type = (getattr(file, "content_type", "") or "")[:100]
            r.save(update_fields=["status", "fixed_on", "fixed_by", "evidence", "sha256", "filename",
                                  "content_type", "updated_at"])
            _event(r.sheet.task, "rectify", by, on, {"rectification": str(r.uuid), "evidence": evidence,
                                                     "file": r.sha256, "on_time": on <= r.due})
    return r


def results(task: ReviewTask) -> list[dict]:
    """Per reviewed bureau: files, average score, grades, veto findings (the 通报's table)."""
    out = {}
    for s in task.sheets.select_related("case__bureau").order_by("case__bureau__code"):
        b = out.setdefault(s.case.bureau_id, {"bureau": s.case.bureau, "files": 0, "scored": 0, "total": Decimal(0),
                                              "grades": {}, "vetoed": 0})
        b["files"] += 1
        if s.status == ScoreSheet.DONE:
            b["scored"] += 1
            b["total"] += s.score
            b["grades"][s.grade] = b["grades"].get(s.grade, 0) + 1
            b["vetoed"] += bool(s.vetoed)
    for b in out.values():
        b["average"] = (b["total"] / b["scored"]).quantize(Decimal("0.1")) if b["scored"] else None
    return list(out.values())


# --- 督办 (SUP-05) ---------------------------------------------------------------------------------------------

def _order_event(o: SupervisionOrder, kind: str, by, on: date, data: dict):
    append_event(o.stream, kind, actor=by, on=on, data=data)


def order_subject(kind: str, ref: str, target):
    """The named case, issue or 整改 problem of a 督办, which must belong to the target bureau (or one below it):
    (field values, the name staff read). LookupError when nothing of that kind answers to the reference."""
    from fazhi.citydesk.models import Issue

    ref = (ref or "").strip()
    if kind == SupervisionOrder.CASE:
        c = (PenaltyCase.objects.select_related("bureau").filter(bureau__path__startswith=target.path)
             .filter(models.Q(case_no=ref) | models.Q(decision_no=ref)).order_by("id").first())
        if c is None:
            raise LookupError(f"{target.short_name}没有立案编号或决定书文号为“{ref}”的案件")
        return {"case": c}, c.bureau, c.decision_no or c.case_no
    if kind == SupervisionOrder.ISSUE:
        i = (Issue.objects.select_related("region__bureau", "category")
             .filter(region__bureau__path__startswith=target.path, tracking_code=ref.upper()).first())
        if i is None:
            raise LookupError(f"{target.short_name}没有查询码为“{ref}”的数字化城管问题")
        return {"issue": i}, (i.region.bureau if i.region_id else None), f"{i.category.name}（查询码{i.tracking_code}）"
    import uuid as _uuid

    try:
        key = _uuid.UUID(ref)
    except ValueError:
        raise LookupError(f"“{ref}”不是评查整改问题的编号") from None
    r = (Rectification.objects.select_related("owner")
         .filter(owner__path__startswith=target.path, uuid=key).first())
    if r is None:
        raise LookupError(f"{target.short_name}没有该评查整改问题")
    return {"rectification": r}, r.owner, r.problem[:60]


def issue_order(*, by, on: date, target, subject_kind: str, subject: str, matter: str, requirement: str,
                due: date) -> SupervisionOrder:
    """SUP-05: an upper bureau's leaders or legal staff issue a 督办单 on a case, issue or 整改 problem of the
    bureau below, with the matter, the requirement and a due date after the day of issue."""
    matter, requirement = (matter or "").strip(), (requirement or "").strip()
    check_issuer(by, target)
    _dated(on, None, "")
    problem = rules.order_due_problem(on, due)
    if problem:
        raise violation("SUP-05", problem)
    if not matter or not requirement:
        raise violation("SUP-05", "请写明督办事项和督办要求")
    fields, owner, name = order_subject(subject_kind, subject, target)
    if owner is None or target not in owner.lineage():
        raise violation("SUP-05", f"督办对象不属于{target.name}")
    with transaction.atomic():
        o = SupervisionOrder.objects.create(issuer=by.entity, target=target, subject_kind=subject_kind,
                                            subject=name[:200], matter=matter, requirement=requirement,
                                            issued_on=on, issued_by=by, due=due, **fields)
        _order_event(o, "issue_order", by, on, {"issuer": o.issuer.code, "target": target.code,
                                                "subject_kind": subject_kind, "subject": name, "matter": matter,
                                                "requirement": requirement, "due": due.isoformat()})
    return o


def _locked_order(o: SupervisionOrder) -> SupervisionOrder:
    return SupervisionOrder.objects.select_for_update().select_related("issuer", "target").get(pk=o.pk)


def answer_order(o: SupervisionOrder, *, by, on: date, answer: str = "", file=None) -> SupervisionOrder:
    """SUP-05: the target bureau's leaders answer: what was done, optionally with a file kept in the evidence store
    (a refused answer leaves no file behind). Answered after the due date is recorded as late, not refused."""
    answer = (answer or "").strip()
    with transaction.atomic():
        o = _locked_order(o)
        check(ORDERS, o, by, ORDER_STEPS["answer"], on)
        _dated(on, o.issued_on, "督办下达日期")
        if not answer:
            raise violation("SUP-05", "请写明督办事项的办理情况")
        with blobs.kept([file] if file is not None else []) as stored:
            o.status, o.answer, o.answered_on, o.answered_by = SupervisionOrder.ANSWERED, answer, on, by
            if stored:
                o.sha256, o.filename = stored[0].sha256, (file.name or "")[:200]
                o.content_type = (getattr(file, "content_type", "") or "")[:100]
            o.save(update_fields=["status", "answer", "answered_on", "answered_by", "sha256", "filename",
                                  "content_type", "updated_at"])
            _order_event(o, "answer_order", by, on, {"answer": answer, "file": o.sha256,
                                                     "on_time": rules.answered_on_time(o.due, on)})
    return o


def close_order(o: SupervisionOrder, *, by, on: date, note: str = "") -> SupervisionOrder:
    """SUP-05: the issuing bureau accepts the answer; the 督办 is closed (办结)."""
    note = (note or "").strip()
    with transaction.atomic():
        o = _locked_order(o)
        check(ORDERS, o, by, ORDER_STEPS["close"], on)
        _dated(on, o.answered_on, "答复日期")
        o.status, o.closed_on, o.closed_by, o.close_note = SupervisionOrder.CLOSED, on, by, note
        o.save(update_fields=["status", "closed_on", "closed_by", "close_note", "updated_at"])
        _order_event(o, "close_order", by, on, {"note": note})
    return o


def send_back_order(o: SupervisionOrder, *, by, on: date, note: str = "") -> SupervisionOrder:
    """SUP-05: the issuing bureau returns an insufficient answer, with its reasons; the order is open again under
    its due date."""
    note = (note or "").strip()
    with transaction.atomic():
        o = _locked_order(o)
        check(ORDERS, o, by, ORDER_STEPS["send_back"], on)
        _dated(on, o.answered_on, "答复日期")
        if not note:
            raise violation("SUP-05", "退回答复应当写明退回意见")
        o.status, o.return_note, o.returned = SupervisionOrder.OPEN, note, o.returned + 1
        o.save(update_fields=["status", "return_note", "returned", "updated_at"])
        _order_event(o, "send_back_order", by, on, {"note": note, "answer": o.answer})
    return o


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------

def _versioned(record, kind: str, by, on: date, data: dict) -> None:
    """An event on a campaign's or a problem's stream, carrying the record's status and its new version."""
    record.version += 1
    append_event(record.stream, kind, actor=by, on=on, data={"status": record.status, "version": record.version,
                                                            **data})


def _kinds(kinds) -> list[str]:
    out: list[str] = []
    for k in kinds or []:
        k = str(k).strip()
        if k and k not in out:
            out.append(k[:60])
    return out


def launch_campaign(*, by, on: date, organiser, title: str, scope, starts_on: date, ends_on: date, kinds,
                    basis: str = "", focus: str = "") -> Campaign:
    """SUP-04: the organiser's leaders, legal or supervision staff launch a 专项整治 over the organiser itself and/or
    the 执法主体 below it, between two dates, naming the kinds of problem it targets."""
    title, basis, focus = (title or "").strip(), (basis or "").strip(), (focus or "").strip()
    scope, kinds = list(scope), _kinds(kinds)
    check_campaign_organiser(by, organiser, "部署专项整治")
    _dated(on, None, "")
    if not title:
        raise violation("SUP-04", "请填写专项整治名称")
    if not scope:
        raise violation("SUP-04", "请选择整治范围")
    for b in scope:
        if organiser not in b.lineage() or b.kind == "squad":
            raise violation("SUP-04", f"{b.name}不是{organiser.name}或其下级执法机关，不能列入整治范围")
    if not kinds:
        raise violation("SUP-04", "请列明问题类别（整治重点）")
    problem = rules.campaign_dates_problem(starts_on, ends_on)
    if problem:
        raise violation("SUP-04", problem)
    with transaction.atomic():
        c = Campaign.objects.create(bureau=organiser, title=title, basis=basis, focus=focus, kinds=kinds,
                                    starts_on=starts_on, ends_on=ends_on, created_on=on, created_by=by)
        c.scope.set(scope)
        _versioned(c, "launch_campaign", by, on, {
            "title": title, "basis": basis, "focus": focus, "kinds": kinds, "scope": [b.code for b in scope],
            "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()})
        c.save(update_fields=["version"])
    return c


def problem_link(source: str, ref: str, owner):
    """The record a problem came from, which must belong to the owning bureau (or one below it): the problem's
    field values and the name staff read. 评查 names its 整改 item and 数字化城管 its issue; the other sources may name
    a case (立案编号 or 决定书文号) or an issue (查询码). LookupError when nothing answers to the reference."""
    ref = (ref or "").strip()
    if source == "review":
        if not ref:
            raise violation("SUP-04", "来源为案卷评查的问题，请填写评查整改问题编号")
        fields, _, name = order_subject(SupervisionOrder.PROBLEM, ref, owner)
        return fields, name
    if source == "citydesk":
        if not ref:
            raise violation("SUP-04", "来源为数字化城管的问题，请填写问题查询码")
        fields, _, name = order_subject(SupervisionOrder.ISSUE, ref, owner)
        return fields, name
    if not ref:
        return {}, ""
    try:
        fields, _, name = order_subject(SupervisionOrder.CASE, ref, owner)
    except LookupError:
        try:
            fields, _, name = order_subject(SupervisionOrder.ISSUE, ref, owner)
        except LookupError:
            raise LookupError(f"{owner.short_name}没有案号或查询码为“{ref}”的记录") from None
    return fields, name


def add_problem(c: Campaign, *, by, on: date, source: str, kind: str, description: str, owner: str, due,
                place: str = "", responsible: str = "", ref: str = "") -> CampaignProblem:
    """SUP-04: a problem found in the campaign enters its 问题清单 with its source (and the record it came from),
    its kind, the owning bureau in the scope (a bureau of the scope registers its own), the person responsible
    and the due date. The campaign numbers its problems in order."""
    from fazhi.org.models import Bureau, Staff

    description, place = (description or "").strip(), (place or "").strip()
    with transaction.atomic():
        c = Campaign.objects.select_for_update().select_related("bureau").get(pk=c.pk)
        check(CAMPAIGNS, c, by, CAMPAIGN_STEPS["add_problem"], on)
        _dated(on, None, "")
        problem = rules.found_problem(on, c.starts_on, c.ends_on)
        if problem:
            raise violation("SUP-04", problem)
        if source not in rules.SOURCES:
            raise violation("SUP-04", "请选择问题来源：" + "、".join(rules.SOURCES.values()))
        if kind not in c.kinds:
            raise violation("SUP-04", "问题类别应为本次专项整治的类别之一：" + "、".join(c.kinds))
        if not description:
            raise violation("SUP-04", "请写明问题")
        if due is None:
            raise violation("SUP-04", "请填写整改期限")
        problem = rules.problem_due_problem(on, due)
        if problem:
            raise violation("SUP-04", problem)
        bureau = Bureau.objects.filter(code=(owner or "").strip()).first()
        if bureau is None:
            raise LookupError(f"没有编码为“{owner}”的单位")
        if not c.scope.filter(pk=bureau.pk).exists():
            raise violation("SUP-04", f"{bureau.name}不在本次专项整治的范围内")
        if by.entity.pk != c.bureau_id and bureau.pk != by.entity.pk:
            raise violation("SUP-04", "整治范围内的单位只能登记本单位的问题（自查自纠）")
        person = None
        if (responsible or "").strip():
            person = Staff.objects.filter(username=responsible.strip(), is_active=True).first()
            if person is None:
                raise LookupError(f"没有登录名为“{responsible}”的工作人员")
            if person.entity is None or person.entity.pk != bureau.pk:
                raise violation("SUP-04", f"整改责任人应为{bureau.name}的工作人员")
        fields, linked = problem_link(source, ref, bureau)
        if fields:
            (field, record), = fields.items()
            if CampaignProblem.objects.filter(campaign=c, **{field: record}).exists():
                raise violation("SUP-04", f"“{linked}”已列入本次专项整治的问题清单")
        c.problem_count += 1
        p = CampaignProblem.objects.create(campaign=c, seq=c.problem_count, source=source, kind=kind,
                                           description=description, place=place[:200], owner=bureau,
                                           responsible=person, due=due, found_on=on, found_by=by, **fields)
        _versioned(p, "register_problem", by, on, {
            "campaign": str(c.uuid), "seq": p.seq, "source": source, "kind": kind, "description": description,
            "place": p.place, "owner": bureau.code, "responsible": person.username if person else "",
            "due": due.isoformat(), "linked": linked})
        p.save(update_fields=["version"])
        _versioned(c, "add_problem", by, on, {"problem": str(p.uuid), "seq": p.seq, "source": source,
                                              "owner": bureau.code})
        c.save(update_fields=["problem_count", "version", "updated_at"])
    return p


def campaign_tally(c: Campaign, today: date, problems=None) -> rules.CampaignStats:
    """The campaign's statistics over its problems (or those given: a bureau of the scope sees its own)."""
    qs = c.problems.all() if problems is None else problems
    facts = [rules.ProblemFact(src, name, status == CampaignProblem.DONE, due, reported)
             for src, name, status, due, reported in qs.order_by("owner__code", "seq").values_list(
                 "source", "owner__short_name", "status", "due", "reported_on")]
    return rules.tally(facts, today)


def close_campaign(c: Campaign, *, by, on: date, summary: str = "") -> Campaign:
    """SUP-04: the organiser ends the campaign with its summary; no more problems are registered on it, and the
    problems not yet rectified stay on the list until they are (the event keeps the figures at closing)."""
    summary = (summary or "").strip()
    with transaction.atomic():
        c = Campaign.objects.select_for_update().select_related("bureau").get(pk=c.pk)
        check(CAMPAIGNS, c, by, CAMPAIGN_STEPS["close"], on)
        _dated(on, c.created_on, "部署日期")
        if not summary:
            raise violation("SUP-04", "请写明整治总结")
        t = campaign_tally(c, on).total
        c.status, c.closed_on, c.closed_by, c.summary = Campaign.CLOSED, on, by, summary
        _versioned(c, "close_campaign", by, on, {"summary": summary, "found": t.found, "rectified": t.rectified,
                                                 "overdue": t.overdue})
        c.save(update_fields=["status", "closed_on", "closed_by", "summary", "version", "updated_at"])
    return c


def _locked_problem(p: CampaignProblem) -> CampaignProblem:
    return CampaignProblem.objects.select_for_update().select_related("campaign__bureau", "owner").get(pk=p.pk)


def report_fix(p: CampaignProblem, *, by, on: date, measures: str = "", file=None) -> CampaignProblem:
    """SUP-04: the owning bureau reports the fix with its evidence: what was done, and optionally a file kept in
    the evidence store (a refused report leaves no file behind). Reported after the due date is recorded as
    late, not refused."""
    measures = (measures or "").strip()
    with transaction.atomic():
        p = _locked_problem(p)
        check(PROBLEMS, p, by, PROBLEM_STEPS["rectify"], on)
        _dated(on, p.found_on, "发现日期")
        if not measures:
            raise violation("SUP-04", "请写明整改情况")
        with blobs.kept([file] if file is not None else []) as stored:
            p.status, p.measures, p.reported_on, p.reported_by = CampaignProblem.REPORTED, measures, on, by
            if stored:
                p.sha256, p.filename = stored[0].sha256, (file.name or "")[:200]
                p.content_type = (getattr(file, "content_type", "") or "")[:100]
            _versioned(p, "report_fix", by, on, {"measures": measures, "file": p.sha256, "filename": p.filename,
                                                 "on_time": rules.answered_on_time(p.due, on)})
            p.save(update_fields=["status", "measures", "reported_on", "reported_by", "sha256", "filename",
                                  "content_type", "version", "updated_at"])
    return p


def accept_fix(p: CampaignProblem, *, by, on: date, note: str = "") -> CampaignProblem:
    """SUP-04: the organiser accepts the reported fix; the problem is rectified (整改销号)."""
    note = (note or "").strip()
    with transaction.atomic():
        p = _locked_problem(p)
        check(PROBLEMS, p, by, PROBLEM_STEPS["accept"], on)
        _dated(on, p.reported_on, "报送日期")
        p.status, p.accepted_on, p.accepted_by, p.accept_note = CampaignProblem.DONE, on, by, note
        _versioned(p, "accept_fix", by, on, {"note": note})
        p.save(update_fields=["status", "accepted_on", "accepted_by", "accept_note", "version", "updated_at"])
    return p


def return_fix(p: CampaignProblem, *, by, on: date, note: str = "") -> CampaignProblem:
    """SUP-04: the organiser returns an insufficient fix with its reasons; the problem is open again under its due
    date (the report stays in the log and on the page as the last one)."""
    note = (note or "").strip()
    with transaction.atomic():
        p = _locked_problem(p)
        check(PROBLEMS, p, by, PROBLEM_STEPS["send_back"], on)
        _dated(on, p.reported_on, "报送日期")
        if not note:
            raise violation("SUP-04", "退回应当写明退回意见")
        p.status, p.return_note, p.returned = CampaignProblem.OPEN, note, p.returned + 1
        p.reported_on, p.reported_by = None, None
        _versioned(p, "return_fix", by, on, {"note": note})
        p.save(update_fields=["status", "return_note", "returned", "reported_on", "reported_by", "version",
                              "updated_at"])
    return p
