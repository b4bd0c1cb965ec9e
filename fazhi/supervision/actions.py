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
    Rectification,
    ReviewStandard,
    ReviewTask,
    ScoreSheet,
    SheetItem,
    StandardItem,
    SupervisionOrder,
)
from fazhi.supervision.workflow import (
    ORDER_STEPS,
    ORDERS,
    RECTIFICATION_STEPS,
    RECTIFICATIONS,
    SHEET_STEPS,
    SHEETS,
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
