"""涉企行政检查: the only writers of draws and inspections. Each action checks its INS rule, writes, and appends
an event to the record's chain, in one transaction (the same anatomy as cases.actions). The steps on an existing
inspection are the rows of inspections.workflow: each calls its guard (`check`) first on the locked row."""
from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.catalog.models import InspectionItem
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict as Stale
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.core.workflow import check
from fazhi.inspections.models import (
    Conflict,
    Draw,
    DrawStatus,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Subject,
)
from fazhi.inspections.workflow import INSPECTORS, STEPS, WORKFLOW
from fazhi.law import draw as D
from fazhi.law.inspections import publication_due, published_late
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role, Staff


def _entity(by):
    if by.entity is None:
        raise NotPermitted("未设置所在执法机构", "INS-01")
    return by.entity


def check_inspector_role(by, bureau, what: str) -> None:
    """Who writes an inspection: the bureau's enforcement officers and leaders (INS-01), of the inspection's own
    执法主体 — never the command centre, a 处置单位 or another district's staff."""
    if by.entity is None or by.entity.pk != bureau.pk:
        raise NotPermitted(f"只有{bureau.short_name}的执法人员可以{what}", "INS-05")
    if not by.has_role(*INSPECTORS):
        raise NotPermitted(f"{what}须由执法队员、中队长或机关负责人办理", "INS-01")


def check_jurisdiction(bureau, subject: Subject) -> None:
    """INS-05: an enterprise is inspected by the 执法主体 whose area it is in (its own bureau or one above it)."""
    if not subject.bureau.path.startswith(bureau.path):
        raise NotPermitted(f"{subject.name}在{subject.bureau.short_name}辖区，不属于{bureau.short_name}管辖，"
                           "不得对其登记检查或占用其年度检查次数", "INS-05")


def inspector_pool(bureau, on: date) -> list[Staff]:
    """执法检查人员名录库 (INS-01, INS-09): the bureau's officers holding a valid 执法证 on `on` — never auxiliary
    staff or grid workers without one."""
    staff = (Staff.objects.filter(bureau__path__startswith=bureau.path, is_active=True,
                                  role_grants__role__in=[Role.OFFICER, Role.SQUAD_LEADER])
             .distinct().prefetch_related("certificates").order_by("username"))
    return [s for s in staff if s.is_certified_on(on)]


def check_items(bureau, items) -> list[InspectionItem]:
    """INS-02: only items on a published list in force for this bureau (or a bureau above it)."""
    items = list(items)
    if not items:
        raise violation("INS-02", "应当选择检查事项")
    allowed = set(InspectionItem.objects.filter(bureau__in=bureau.lineage(), disabled=False)
                  .values_list("pk", flat=True))
    for i in items:
        if i.pk not in allowed:
            raise violation("INS-02", f"“{i.name}”不在本机关公布的涉企行政检查事项清单内，清单之外不得检查")
    return items


def check_cap(subject: Subject, items, year: int, exclude=None) -> None:
    """INS-04: per enterprise and item, at most the item's yearly cap (configurable per item)."""
    for item in items:
        done = Inspection.objects.filter(subject=subject, items=item, planned_on__year=year)
        if exclude is not None:
            done = done.exclude(pk=exclude.pk)
        if done.count() >= item.yearly_cap:
            raise violation("INS-04", f"{subject.name}本年度“{item.name}”已检查{item.yearly_cap}次，达到年度检查次数上限")


def check_officers(bureau, officers, on: date) -> list[Staff]:
    officers = list({s.pk: s for s in officers}.values())
    if len(officers) < 2:
        raise violation("INS-01", "行政检查应当由两名以上持有效执法证件的执法人员实施")
    for s in officers:
        if s.entity is None or s.entity.pk != bureau.pk:
            raise NotPermitted(f"{s}不是本机关执法人员", "INS-01")
        if not s.is_certified_on(on):
            raise violation("INS-01", f"{s}于{on:%Y年%m月%d日}未持有有效的行政执法证件，不得实施行政检查")
    return officers


def _event(ins: Inspection, kind: str, by, on: date, data: dict):
    ins.version += 1
    append_event(ins.stream, kind, actor=by, on=on, data={"status": ins.status, "version": ins.version, **data})


def _not_future(on: date):
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")


# --- the draw --------------------------------------------------------------------------------------------------


def quotas_from_ratio(ratio: float, strata: dict[str, int]) -> dict[str, int]:
    """A plan line's share (e.g. 5%) of each stratum, rounded up so a non-empty stratum is never skipped."""
    import math

    if not 0 < ratio <= 1:
        raise violation("INS-07", "抽查比例应在0至100%之间")
    return {s: math.ceil(n * ratio) for s, n in sorted(strata.items()) if n}


def commit_draw(*, by, on: date, title: str, items, quotas: dict[str, int] | None = None,
                seed_commitment: str = "", seed_source: str = "", ratio: float | None = None,
                same_residence_rule: bool = False) -> Draw:
    """Freeze the candidate and inspector lists and record how the seed is fixed in advance: its SHA-256
    commitment, or a named public future value (e.g. a lottery draw). Quotas per risk grade, or a plan's ratio of
    each grade. Subjects already at an item's yearly cap are not candidates (INS-04)."""
    bureau = _entity(by)
    if not by.has_role(*LEADERS, Role.SQUAD_LEADER):
        raise NotPermitted("双随机抽取由机关负责人或中队长组织", "INS-07")
    _not_future(on)
    items = check_items(bureau, items)
    if seed_source.strip():
        seed_commitment = ""
    elif len(seed_commitment) != 64 or any(c not in "0123456789abcdef" for c in seed_commitment):
        raise violation("INS-07", "应事先公布种子承诺值（64位十六进制SHA-256）或指定公开的种子来源")
    subjects = Subject.objects.filter(bureau__path__startswith=bureau.path, disabled=False)
    capped = set()
    for item in items:
        counts = (Inspection.objects.filter(items=item, planned_on__year=on.year, subject__in=subjects)
                  .values_list("subject_id", flat=True))
        tally: dict[int, int] = {}
        for sid in counts:
            tally[sid] = tally.get(sid, 0) + 1
        capped |= {sid for sid, n in tally.items() if n >= item.yearly_cap}
    cands = [(s.credit_code, s.risk) for s in subjects.only("credit_code", "risk", "id") if s.pk not in capped]
    if ratio is not None:
        strata: dict[str, int] = {}
        for _, risk in cands:
            strata[risk] = strata.get(risk, 0) + 1
        quotas = quotas_from_ratio(ratio, strata)
    if not quotas:
        raise violation("INS-07", "应确定各风险等级的抽取数量或抽查比例")
    pool = inspector_pool(bureau, on)
    conflicts = Conflict.objects.filter(subject__in=subjects).select_related("staff", "subject")
    previous = {}
    for ins in (Inspection.objects.filter(subject__in=subjects).order_by("subject_id", "-planned_on", "-id")
                .prefetch_related("officers").select_related("subject")):
        previous.setdefault(ins.subject.credit_code, [o.username for o in ins.officers.all()])
    residence = dict(subjects.exclude(area="").values_list("credit_code", "area")) if same_residence_rule else {}
    inputs = D.freeze(cands, quotas, [(s.username, s.residence_area) for s in pool],
                      [(c.staff.username, c.subject.credit_code) for c in conflicts], previous, residence,
                      same_residence_rule)
    with transaction.atomic():
        d = Draw.objects.create(bureau=bureau, title=title, status=DrawStatus.COMMITTED, inputs=inputs.as_dict(),
                                inputs_sha256=inputs.digest(), seed_commitment=seed_commitment,
                                seed_source=seed_source.strip(), same_residence_rule=same_residence_rule,
                                committed_on=on)
        d.items.set(items)
        append_event(f"draw:{d.uuid}", "commit_draw", actor=by, on=on,
                     data={"inputs_sha256": d.inputs_sha256, "seed_commitment": seed_commitment,
                           "seed_source": d.seed_source,
                           "candidates": len(cands), "inspectors": len(pool), "quotas": quotas,
                           "items": [i.name for i in items]})
    return d


def run_draw(d: Draw, *, by, on: date, seed: str) -> Draw:
    """Reveal the seed, draw, publish the result, and plan one inspection per drawn subject (to be approved)."""
    with transaction.atomic():
        d = Draw.objects.select_for_update().get(pk=d.pk)
        if d.status != DrawStatus.COMMITTED:
            raise violation("INS-07", "该抽取已完成")
        if by.entity is None or by.entity.pk != d.bureau_id:
            raise NotPermitted("只有本机关人员可以进行抽取", "INS-05")
        if not by.has_role(*LEADERS, Role.SQUAD_LEADER):
            raise NotPermitted("双随机抽取由机关负责人或中队长组织", "INS-07")
        _not_future(on)
        seed_bytes = seed.encode("utf-8")
        if not seed.strip():
            raise violation("INS-07", "应输入种子")
        if d.seed_commitment and hashlib.sha256(seed_bytes).hexdigest() != d.seed_commitment:
            raise violation("INS-07", "种子与事先公布的承诺值不一致，不得抽取")
        inputs = D.Inputs.from_dict(d.inputs)
        result = D.draw(inputs, seed_bytes)
        d.seed, d.result, d.status, d.drawn_on = seed_bytes.hex(), result.as_dict(), DrawStatus.DRAWN, on
        d.save()
        subjects = {s.credit_code: s for s in Subject.objects.filter(credit_code__in=[t["subject"] for t in result.targets])}
        staff = {s.username: s for s in Staff.objects.filter(username__in={u for t in result.targets for u in t["inspectors"]})}
        items = list(d.items.all())
        for t in result.targets:
            ins = Inspection.objects.create(bureau=d.bureau, subject=subjects[t["subject"]], kind=InspectionKind.RANDOM,
                                            draw=d, status=InspectionStatus.PLANNED, planned_on=on)
            ins.items.set(items)
            ins.officers.set([staff[u] for u in t["inspectors"]])
            _event(ins, "plan", by, on, {"draw": str(d.uuid), "subject": t["subject"], "officers": t["inspectors"],
                                         "note": t["note"]})
            ins.save(update_fields=["version"])
        append_event(f"draw:{d.uuid}", "run_draw", actor=by, on=on,
                     data={"seed": d.seed, "result_sha256": hashlib.sha256(result.canonical()).hexdigest(),
                           "targets": len(result.targets)})
    return d


# --- one inspection ---------------------------------------------------------------------------------------------


def plan_inspection(*, by, on: date, subject: Subject, items, officers, kind: str = InspectionKind.SPECIAL,
                    planned_on: date | None = None, partners: str = "") -> Inspection:
    """A non-random inspection (complaint, special, joint): listed items, certified officers, within caps."""
    bureau = _entity(by)
    check_inspector_role(by, bureau, "登记涉企行政检查")
    check_jurisdiction(bureau, subject)
    _not_future(on)
    planned_on = planned_on or on
    if kind not in InspectionKind.values:
        raise violation("INS-07", "检查类型不正确")
    if kind == InspectionKind.JOINT and not partners.strip():
        raise violation("INS-04", "联合检查应写明参加的部门")
    items = check_items(bureau, items)
    officers = check_officers(bureau, officers, planned_on)
    with transaction.atomic():
        Subject.objects.select_for_update().get(pk=subject.pk)  # caps are checked and taken under one lock
        check_cap(subject, items, planned_on.year)
        ins = Inspection.objects.create(bureau=bureau, subject=subject, kind=kind, status=InspectionStatus.PLANNED,
                                        planned_on=planned_on, partners=partners)
        ins.items.set(items)
        ins.officers.set(officers)
        _event(ins, "plan", by, on, {"kind": kind, "subject": subject.credit_code, "items": [i.name for i in items],
                                     "officers": [s.username for s in officers], "partners": partners})
        ins.save(update_fields=["version"])
    return ins


def _locked(ins: Inspection) -> Inspection:
    return Inspection.objects.select_for_update(of=("self",)).select_related("subject", "bureau").get(pk=ins.pk)


def _begin(ins: Inspection, action: str, by, on: date, expected_version: int | None) -> Inspection:
    """The start of every step on an inspection, inside its transaction: the locked row, the version the person
    saw, then the guard (who, state, the inspection's preconditions: inspections.workflow, what the pages offer),
    then the date."""
    ins = _locked(ins)
    if expected_version is not None and ins.version != expected_version:
        raise Stale("该检查已被他人更新，请刷新后重试")
    check(WORKFLOW, ins, by, STEPS[action], on)
    _not_future(on)
    return ins


def _done(ins: Inspection, action: str, by, on: date, data: dict) -> Inspection:
    """The end of every step: the table's next state, the event, the row — in the step's transaction."""
    target = STEPS[action].target
    if target:
        ins.status = target
    _event(ins, action, by, on, data)
    ins.save()
    return ins


def approve(ins: Inspection, *, by, on: date, expected_version: int | None = None) -> Inspection:
    """INS-03: the 执法主体负责人 approves every inspection in advance (the officers still certified on the planned
    day and the enterprise within its yearly caps: the guard's preconditions)."""
    with transaction.atomic():
        ins = _begin(ins, "approve", by, on, expected_version)
        ins.approved_by, ins.approved_on = by, on
        return _done(ins, "approve", by, on, {"approved_by": by.username})


def record(ins: Inspection, *, by, on: date, findings: str, problem_found: bool = False,
           expected_version: int | None = None) -> Inspection:
    """现场检查笔录: only after approval (INS-03), by one of the drawn/assigned officers (INS-01), all of them
    certified on the day of the inspection."""
    with transaction.atomic():
        ins = _begin(ins, "record", by, on, expected_version)
        check_officers(ins.bureau, list(ins.officers.all()), on)
        if on < ins.approved_on:
            raise violation("CASE-DATE", "检查日期不得早于批准日期")
        if not findings.strip():
            raise violation("INS-03", "应当记录检查情况")
        ins.inspected_on, ins.findings, ins.problem_found = on, findings, problem_found
        # INS-08; pending (None) while the limit runs into a year whose holiday table is missing (DAY-07)
        ins.publish_due = publication_due(law_calendar(), on)
        return _done(ins, "record", by, on, {"findings": findings, "problem_found": problem_found,
                                             "publish_due": _iso(ins.publish_due)})


def notify_result(ins: Inspection, *, by, on: date, result: str, expected_version: int | None = None) -> Inspection:
    with transaction.atomic():
        ins = _begin(ins, "notify_result", by, on, expected_version)
        if not result.strip():
            raise violation("INS-08", "应当写明检查结果")
        if on < ins.inspected_on:
            raise violation("CASE-DATE", "告知日期不得早于检查日期")
        ins.notified_on, ins.result = on, result
        return _done(ins, "notify_result", by, on, {"result": result})


def publish(ins: Inspection, *, by, on: date, expected_version: int | None = None) -> Inspection:
    """INS-08: results are published within 20 working days of the inspection; a late one is marked late."""
    with transaction.atomic():
        ins = _begin(ins, "publish", by, on, expected_version)
        if on < ins.notified_on:
            raise violation("CASE-DATE", "公示日期不得早于结果告知日期")
        ins.published_on = on
        cal = law_calendar()
        ins.publish_due = ins.publish_due or publication_due(cal, ins.inspected_on)
        return _done(ins, "publish", by, on, {"late": published_late(cal, ins.inspected_on, on),
                                              "due": _iso(ins.publish_due)})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def settle_publication_due(*, by, on: date | None = None) -> int:
    """DAY-07: once a year's holiday table is entered, each recorded inspection whose INS-08 limit waited for it
    gets its limit, with an event. Returns how many inspections changed."""
    changed = 0
    cal = law_calendar()
    waiting = Inspection.objects.filter(publish_due=None).exclude(inspected_on=None)
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            ins = _locked(Inspection(pk=pk))
            due = publication_due(cal, ins.inspected_on) if ins.publish_due is None else None
            if due is None:
                continue
            ins.publish_due = due
            _event(ins, "settle_due", by, on or timezone.localdate(), {"publish_due": due.isoformat()})
            ins.save()
            changed += 1
    return changed


def open_case(ins: Inspection, *, by, on: date, cause: str, facts: str = "", expected_version: int | None = None):
    """A finding becomes a penalty-case clue (案源) in the case workflow, once; the clue and the inspection's event
    are one transaction."""
    from fazhi.cases import actions as cases

    with transaction.atomic():
        ins = _begin(ins, "open_case", by, on, expected_version)
        s = ins.subject
        case = cases.register(by=by, on=on, party_kind="org" if s.kind == "enterprise" else "citizen",
                              party_name=s.name, party_id_number=s.credit_code, party_address=s.address,
                              cause=cause, facts=facts, place=s.address, act_on=ins.inspected_on,
                              discovered_on=ins.inspected_on, source="inspection")
        ins.case = case
        _done(ins, "open_case", by, on, {"case": str(case.uuid)})
    return case


# The steps on an existing inspection (inspections.workflow's table), by action.
ACTIONS = {"approve": approve, "record": record, "notify_result": notify_result, "publish": publish,
           "open_case": open_case}
