"""重大行政决策和合法性审查: the only writers of this context. Each action locks its record, checks the workflow
table and the MJD rules, writes, and appends an event to the record's chain, in one transaction; a refusal changes
nothing."""
from __future__ import annotations

import functools
from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.core import blobs
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.core.models import Event
from fazhi.core.workflow import check
from fazhi.decisions.models import (
    Adviser,
    Catalogue,
    CatalogueItem,
    Decision,
    Expert,
    Review,
    ReviewStatus,
    Status,
    settings_for,
)
from fazhi.decisions.workflow import REVIEW_STEPS, REVIEWS, STEPS, WORKFLOW, adviser_of
from fazhi.decisions.workflow import missing_steps as missing_steps  # the page and the API show it
from fazhi.law import decisions as D
from fazhi.law.periods import add_working_days_estimated
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role, Staff


def _entity(by):
    if by is None or by.entity is None:
        raise NotPermitted("未设置所在机关", "MJD-ROLE")
    return by.entity


def _not_future(on: date, after: date | None = None, what: str = "前一环节"):
    if on > timezone.localdate():
        raise violation("MJD-DATE", "办理日期不得晚于今天")
    if after is not None and on < after:
        raise violation("MJD-DATE", f"办理日期不得早于{what}（{after:%Y年%m月%d日}）")


def _text(v: str | None) -> str:
    return (v or "").strip()


def _need(value: str, message: str, rule: str):
    if not _text(value):
        raise violation(rule, message)
    return _text(value)


def _leader(by, bureau, what: str):
    if by.entity is None or by.entity.pk != bureau.pk or not by.has_role(*LEADERS):
        raise NotPermitted(f"{what}由本机关负责人办理", "MJD-ROLE")


def _reviewer(by, bureau):
    if by.entity is None or by.entity.pk != bureau.pk or not by.has_role(Role.LEGAL_REVIEWER):
        raise NotPermitted("合法性审查和其他法律审查由本机关法制审核人员办理", "MJD-ROLE")


# --- the 目录 (MJD-01) ------------------------------------------------------------------------------------------

def create_catalogue(*, by, on: date, year: int, title: str = "") -> Catalogue:
    bureau = _entity(by)
    _leader(by, bureau, "编制重大行政决策事项目录")
    _not_future(on)
    if not 2000 <= year <= on.year + 1:
        raise violation("MJD-01", "目录年度不正确")
    if Catalogue.objects.filter(bureau=bureau, year=year).exists():
        raise violation("MJD-01", f"{year}年度目录已经编制，请调整该目录")
    title = _text(title) or f"{bureau.short_name}{year}年度重大行政决策事项目录"
    with transaction.atomic():
        c = Catalogue.objects.create(bureau=bureau, year=year, title=title[:200])
        append_event(c.stream, "create_catalogue", actor=by, on=on, data={"year": year, "title": c.title})
    return c


def _locked_catalogue(c: Catalogue) -> Catalogue:
    return Catalogue.objects.select_for_update().select_related("bureau").get(pk=c.pk)


def add_item(c: Catalogue, *, by, on: date, title: str, category: str, unit: str, basis: str = "",
             planned: str = "", reason: str = "") -> CatalogueItem:
    """An item in the 目录; after publication an adjustment, with its reason (MJD-01)."""
    with transaction.atomic():
        c = _locked_catalogue(c)
        _leader(by, c.bureau, "调整重大行政决策事项目录")
        _not_future(on, c.published_on, "目录公布日期")
        if category not in D.CATEGORIES:
            raise violation("MJD-01", "事项类别应为条例第三条规定的类别之一")
        title = _need(title, "应当写明决策事项", "MJD-01")
        unit = _need(unit, "应当写明决策承办单位", "MJD-ROLE")
        D.check_catalogue_change(published=c.published_on is not None, reason=reason)
        item = CatalogueItem.objects.create(catalogue=c, title=title[:200], category=category, unit=unit[:100],
                                            basis=_text(basis)[:300], planned=_text(planned)[:40], added_on=on,
                                            added_reason=_text(reason)[:300])
        append_event(c.stream, "add_item", actor=by, on=on,
                     data={"item": str(item.uuid), "title": item.title, "category": category, "unit": item.unit,
                           "reason": item.added_reason, "after_publication": c.published_on is not None})
    return item


def withdraw_item(item: CatalogueItem, *, by, on: date, reason: str) -> CatalogueItem:
    with transaction.atomic():
        c = _locked_catalogue(item.catalogue)
        item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
        _leader(by, c.bureau, "调整重大行政决策事项目录")
        if item.withdrawn_on:
            raise violation("MJD-01", "该事项已调出目录")
        _not_future(on, item.added_on, "列入目录的日期")
        reason = _need(reason, "调出目录事项应当写明理由", "MJD-01")
        item.withdrawn_on, item.withdrawn_reason = on, reason[:300]
        item.save(update_fields=["withdrawn_on", "withdrawn_reason", "updated_at"])
        append_event(c.stream, "withdraw_item", actor=by, on=on,
                     data={"item": str(item.uuid), "title": item.title, "reason": item.withdrawn_reason})
    return item


def publish_catalogue(c: Catalogue, *, by, on: date, approval: str) -> Catalogue:
    """MJD-01 (Art 3 ¶3): published once the 同级党委 agreed."""
    with transaction.atomic():
        c = _locked_catalogue(c)
        _leader(by, c.bureau, "公布重大行政决策事项目录")
        if c.published_on:
            raise violation("MJD-01", "目录已经公布")
        if not c.items.filter(withdrawn_on=None).exists():
            raise violation("MJD-01", "目录尚无决策事项")
        _not_future(on)
        c.approval = _need(approval, "目录经同级党委同意后向社会公布，应当写明同意情况", "MJD-01")[:200]
        c.published_on = on
        c.save(update_fields=["approval", "published_on", "updated_at"])
        append_event(c.stream, "publish_catalogue", actor=by, on=on,
                     data={"approval": c.approval, "items": c.items.filter(withdrawn_on=None).count()})
    return c


# --- a decision's procedure -------------------------------------------------------------------------------------

def launch(*, by, on: date, title: str, unit: str, lead: Staff, item: CatalogueItem | None = None,
           outside_reason: str = "", required: dict[str, bool] | None = None,
           skip_reasons: dict[str, str] | None = None) -> Decision:
    """Art 10–11: the 决策机关 launches the procedure and names the 承办单位; the steps the item needs are declared,
    a step left out with its ground (Art 14, 19, 22)."""
    bureau = _entity(by)
    _leader(by, bureau, "启动重大行政决策程序")
    _not_future(on)
    title = _need(title, "应当写明决策事项", "MJD-ROLE")
    unit = _need(unit, "应当明确决策承办单位", "MJD-ROLE")
    if item is not None:
        if item.catalogue.bureau_id != bureau.pk or item.withdrawn_on is not None:
            raise violation("MJD-01", "所选事项不在本机关现行的重大行政决策事项目录内")
    D.check_listed(in_catalogue=item is not None, outside_reason=outside_reason)
    if lead.entity is None or lead.entity.pk != bureau.pk or not lead.is_active:
        raise NotPermitted("承办人应为本机关工作人员", "MJD-ROLE")
    required = {s: bool((required or {}).get(s, True)) for s in D.STEPS}
    reasons = {s: _text((skip_reasons or {}).get(s))[:300] for s in D.STEPS if not required[s]}
    D.check_steps(required, reasons)
    with transaction.atomic():
        d = Decision.objects.create(bureau=bureau, item=item, outside_reason=_text(outside_reason)[:300],
                                    title=title[:200], unit=unit[:100], lead=lead, status=Status.DRAFTING,
                                    launched_on=on, required=required, skip_reasons=reasons, version=1)
        append_event(d.stream, "launch", actor=by, on=on,
                     data={"status": d.status, "version": 1, "title": d.title, "unit": d.unit,
                           "lead": lead.username, "item": str(item.uuid) if item else None,
                           "outside_reason": d.outside_reason, "required": required, "skip_reasons": reasons})
    return d


def step(name: str):
    """Lock → guard (who, stage, preconditions: what the page offers) → body (checks of the input and mutation) →
    event, for one row of the workflow table."""
    t = STEPS[name]

    def wrap(body):
        @functools.wraps(body)
        def run(d: Decision, *, by, on: date, **kw) -> Decision:
            with transaction.atomic():
                d = Decision.objects.select_for_update(of=("self",)).select_related("bureau", "lead").get(pk=d.pk)
                check(WORKFLOW, d, by, t, on)
                _not_future(on, d.launched_on, "启动日期")
                data = body(d, by=by, on=on, **kw) or {}
                if t.target and "status" not in data:
                    d.status = t.target
                data.pop("status", None)
                d.version += 1
                d.save()
                append_event(d.stream, name, actor=by, on=on,
                             data={"status": d.status, "version": d.version, **data})
            return d

        run.step = t
        ACTIONS[name] = run
        return run

    return wrap


ACTIONS: dict = {}  # action name → the wrapped action (the workflow's `perform` runs these)


@step("save_draft")
def save_draft(d: Decision, *, by, on, draft: str, explanation: str = ""):
    d.draft = _need(draft, "应当拟订决策草案", "MJD-ROLE")
    d.explanation = _text(explanation)
    d.draft_rev += 1
    return {"draft_rev": d.draft_rev, "draft": d.draft, "explanation": d.explanation}


@step("open_consultation")
def open_consultation(d: Decision, *, by, on, ends_on: date, channel: str, short_reason: str = ""):
    """MJD-02 (Art 15): the draft and its explanation published with the way and period for comments."""
    channel = _need(channel, "应当写明公布途径（政府网站、政务新媒体等）", "MJD-02")
    D.check_comment_period(on, ends_on, short_reason=short_reason, minimum=settings_for(d.bureau).comment_days)
    d.consult_published_on, d.consult_ends_on, d.consult_channel = on, ends_on, channel[:200]
    d.consult_short_reason = _text(short_reason)[:300]
    return {"published_on": on.isoformat(), "ends_on": ends_on.isoformat(), "channel": d.consult_channel,
            "days": D.comment_days(on, ends_on), "short_reason": d.consult_short_reason, "draft_rev": d.draft_rev}


@step("announce_hearing")
def announce_hearing(d: Decision, *, by, on, hearing_on: date, place: str, materials_on: date,
                     participants: list[str]):
    """MJD-02 (Art 16): time and place published, the participants named, the materials sent 7 days ahead."""
    _not_future(on, d.consult_published_on, "草案公布日期")
    if materials_on < on:
        raise violation("MJD-DATE", "材料送达日期不得早于听证会公布日期")
    if materials_on > timezone.localdate():
        raise violation("MJD-DATE", "材料送达日期不得晚于今天")
    place = _need(place, "应当写明听证地点", "MJD-02")
    names = [_text(p)[:40] for p in participants if _text(p)]
    if not names:
        raise violation("MJD-02", "听证参加人名单应当提前向社会公布")
    D.check_hearing_notice(materials_on, hearing_on, minimum=settings_for(d.bureau).hearing_notice_days)
    d.hearing_on, d.hearing_place, d.hearing_materials_on, d.hearing_participants = \
        hearing_on, place[:200], materials_on, names
    return {"hearing_on": hearing_on.isoformat(), "place": d.hearing_place,
            "materials_on": materials_on.isoformat(), "participants": names,
            "days_ahead": D.hearing_notice_days(materials_on, hearing_on)}


@step("hold_hearing")
def hold_hearing(d: Decision, *, by, on, record: str, signed: bool):
    """Art 17: held in public; the participants confirm and sign the record."""
    if on != d.hearing_on:
        raise violation("MJD-02", f"听证会应当按公布的时间（{d.hearing_on:%Y年%m月%d日}）举行；改期的应当重新公布")
    record = _need(record, "应当记录听证情况", "MJD-02")
    if not signed:
        raise violation("MJD-02", "听证参加人应当确认听证会记录并签字")
    d.hearing_held_on = on
    return {"held_on": on.isoformat(), "record": record}


@step("close_consultation")
def close_consultation(d: Decision, *, by, on, received: int, adopted: int, feedback: str):
    """MJD-02 (Art 18): after the period, the comments studied and the adoption stated."""
    D.check_consultation_closed(d.consult_ends_on, on, feedback)
    if received < 0 or adopted < 0 or adopted > received:
        raise violation("MJD-02", "采纳意见条数不得多于收到意见条数")
    d.consult_closed_on, d.comments_received, d.comments_adopted = on, received, adopted
    d.consult_feedback = _text(feedback)
    return {"received": received, "adopted": adopted, "feedback": d.consult_feedback}


@step("add_expert")
def add_expert(d: Decision, *, by, on, name: str, organisation: str = "", field: str = "", opinion: str,
               no_conflict: bool, signed: bool):
    """MJD-03 (Art 19–20): an expert without a direct interest; the written opinion signed."""
    name = _need(name, "应当写明专家姓名或专业机构名称", "MJD-03")
    D.check_expert(no_conflict=no_conflict, signed=signed, opinion=opinion)
    e = Expert.objects.create(decision=d, name=name[:60], organisation=_text(organisation)[:100],
                              field=_text(field)[:60], no_conflict=True, opinion=_text(opinion), given_on=on)
    return {"expert": e.name, "organisation": e.organisation, "field": e.field, "opinion": e.opinion,
            "no_conflict": True, "signed": True}


@step("assess_risk")
def assess_risk(d: Decision, *, by, on, assessor: str, risk_points: str, measures: str, controllable: bool):
    """MJD-03 (Art 22–24): the report names risk points, measures and contingency plans, and whether the risk is
    controllable."""
    assessor = _need(assessor, "应当写明承担风险评估的单位", "MJD-03")
    D.check_risk_report(risk_points=risk_points, measures=measures)
    d.risk_on, d.risk_by, d.risk_points, d.risk_measures = on, assessor[:100], _text(risk_points), _text(measures)
    d.risk_controllable = bool(controllable)
    return {"assessor": d.risk_by, "risk_points": d.risk_points, "measures": d.risk_measures,
            "controllable": d.risk_controllable}


@step("submit_review")
def submit_review(d: Decision, *, by, on, due_on: date, short_reason: str = "", materials: str = ""):
    """MJD-04 (Art 25–26): every required step done; the review given 7 working days as a rule."""
    cal = law_calendar()
    D.check_review_time(cal, on, due_on, short_reason=short_reason, minimum=settings_for(d.bureau).review_days)
    r = Review.objects.create(bureau=d.bureau, kind="decision", subject=d.title, requested_by=d.unit, decision=d,
                              status=ReviewStatus.OPEN, received_on=on, due_on=due_on,
                              short_reason=_text(short_reason)[:300])
    append_event(r.stream, "request_review", actor=by, on=on,
                 data={"kind": "decision", "subject": r.subject, "decision": str(d.uuid), "due_on": due_on.isoformat(),
                       "short_reason": r.short_reason, "draft_rev": d.draft_rev, "materials": _text(materials)})
    d.review_conclusion, d.review_rev = "", 0
    return {"review": str(r.uuid), "due_on": due_on.isoformat(), "working_days": D.review_working_days(cal, on, due_on),
            "short_reason": r.short_reason}


def _speakers(rows, head) -> list[D.Speaker]:
    out = []
    for row in rows:
        username = _text(row.get("username"))
        name = _text(row.get("name")) or username
        if not name:
            raise violation("MJD-05", "应当写明每位参会人员")
        out.append(D.Speaker(name[:40], _text(row.get("opinion")), _text(row.get("remarks")),
                             bool(username) and username == head.username))
    return out


@step("deliberate")
def deliberate(d: Decision, *, by, on, meeting: str, speakers: list[dict], outcome: str, reasons: str = "",
               decision_text: str = "", observers=(), recorder: str = ""):
    """MJD-04 then MJD-05 (Art 25, 30): only a draft that passed its review, at a 局务会议 or 常务会议; the members
    speak, the 行政首长 last; dissent minuted; a decision against the majority states its reasons."""
    D.check_may_deliberate(d.review_conclusion if d.review_rev == d.draft_rev and d.review_conclusion else None)
    last = d.reviews.filter(kind="decision", status=ReviewStatus.DONE).order_by("-done_on", "-id").first()
    _not_future(on, last.done_on if last else None, "合法性审查意见日期")
    meeting = _need(meeting, "应当写明讨论决策草案的会议（常务会议或全体会议）", "MJD-05")
    rows = _speakers(speakers, by)
    D.check_deliberation(rows, outcome, reasons)
    if outcome in D.ADOPTING and not d.risk_controllable:
        raise violation("MJD-03", "风险评估认为风险不可控的，应当调整决策草案等确保风险可控后方可作出决策")
    if outcome in D.ADOPTING:
        decision_text = _need(decision_text, "应当写明决定内容", "MJD-05")
    d.meeting_on, d.meeting_kind, d.outcome, d.head = on, meeting[:40], outcome, by
    d.speakers = [{"name": s.name, "opinion": s.opinion, "remarks": s.remarks, "head": s.is_head} for s in rows]
    d.reasons, d.decision_text = _text(reasons), _text(decision_text)
    d.status = Status.DECIDED if outcome in D.ADOPTING else Status.CLOSED
    return {"status": d.status, "meeting": d.meeting_kind, "speakers": d.speakers, "outcome": outcome,
            "majority": D.majority(rows), "against_majority": D.against_majority(rows, outcome),
            "reasons": d.reasons, "decision_text": d.decision_text, "review_conclusion": d.review_conclusion,
            # the 纪要's 主持人 (the 行政首长 holding the meeting), 列席人员 and 记录人
            "presider": str(by), "observers": [_text(o)[:60] for o in observers or [] if _text(o)],
            "recorder": _text(recorder)[:40]}


@step("publish")
def publish(d: Decision, *, by, on, channel: str):
    """MJD-06 (Art 32)."""
    _not_future(on, d.meeting_on, "决定日期")
    d.publication_channel = _need(channel, "应当写明公布途径（政府网站、公报等）", "MJD-06")[:200]
    d.published_on = on
    return {"channel": d.publication_channel}


@step("archive")
def archive(d: Decision, *, by, on, materials: list[str], not_public_reason: str = ""):
    """MJD-06 (Art 33): the whole file; a decision kept from the public states the ground first."""
    if d.status == Status.DECIDED:
        D.check_publication(published=False, not_public_reason=not_public_reason)
        d.not_public_reason = _text(not_public_reason)[:300]
    _not_future(on, d.published_on or d.meeting_on, "公布或决定日期")
    D.check_archive(materials)
    d.archived_on, d.archive_materials = on, [_text(m)[:100] for m in materials if _text(m)]
    return {"materials": d.archive_materials, "not_public_reason": d.not_public_reason}


@step("evaluate")
def evaluate(d: Decision, *, by, on, ground: str, evaluator: str, result: str):
    """MJD-06 (Art 36)."""
    _not_future(on, d.archived_on, "归档日期")
    units = [d.risk_by] + list(d.experts.values_list("organisation", flat=True))
    D.check_evaluation(ground=ground, evaluator=evaluator, pre_decision_units=units, result=result)
    d.evaluated_on, d.evaluation_ground, d.evaluator, d.evaluation_result = \
        on, ground, _text(evaluator)[:100], _text(result)
    return {"ground": ground, "evaluator": d.evaluator, "result": d.evaluation_result}


# --- legal reviews (MJD-04, MJD-07) -----------------------------------------------------------------------------

def register_adviser(*, by, on: date, name: str, firm: str, contract_from: date, contract_until: date,
                     kind: str = "adviser", staff: Staff | None = None) -> Adviser:
    bureau = _entity(by)
    _leader(by, bureau, "聘请法律顾问")
    _not_future(on)
    name = _need(name, "应当写明法律顾问姓名", "MJD-07")
    if kind not in ("adviser", "public"):
        raise violation("MJD-07", "类别应为法律顾问或公职律师")
    if kind == "adviser" and not _text(firm):
        raise violation("MJD-07", "应当写明法律顾问所在的律师事务所")
    if contract_until < contract_from:
        raise violation("MJD-07", "聘用期止不得早于聘用期起")
    if staff is not None and not staff.has_role(Role.LEGAL_ADVISER):
        raise violation("MJD-07", "关联的账号应当具有法律顾问岗位")
    with transaction.atomic():
        a = Adviser.objects.create(bureau=bureau, staff=staff, name=name[:40], kind=kind, firm=_text(firm)[:100],
                                   contract_from=contract_from, contract_until=contract_until)
        append_event(f"advisers:{bureau.uuid}", "register_adviser", actor=by, on=on,
                     data={"adviser": a.pk, "name": a.name, "firm": a.firm, "kind": kind,
                           "from": contract_from.isoformat(), "until": contract_until.isoformat(),
                           "staff": staff.username if staff else None})
    return a


def request_review(*, by, on: date, kind: str, subject: str, requested_by: str, due_on: date | None = None) -> Review:
    """MJD-07: a contract, a 规范性文件 (审核, 备案, 清理), a reply in a dispute or another matter sent to the 法制科;
    due by the bureau's target unless an earlier date is set."""
    bureau = _entity(by)
    if not by.has_role(Role.LEGAL_REVIEWER, *LEADERS):
        raise NotPermitted("法律审查由法制机构登记收件", "MJD-ROLE")
    if kind not in D.REVIEW_KINDS or kind in ("decision", "penalty"):
        raise violation("MJD-07", "审查类别不正确（重大行政决策经送请合法性审查办理，处罚案件法制审核在案件中办理）")
    _not_future(on)
    subject = _need(subject, "应当写明审查事项", "MJD-07")
    requested_by = _need(requested_by, "应当写明送审单位", "MJD-07")
    target = settings_for(bureau).review_target_wd
    # A target of the bureau's, not a statutory deadline: into a year without a holiday table it is estimated
    # (law.periods.add_working_days_estimated) rather than refused.
    due_on = due_on or add_working_days_estimated(law_calendar(), on, target)[0]
    if due_on <= on:
        raise violation("MJD-07", "要求审结日期应当晚于收件日期")
    with transaction.atomic():
        r = Review.objects.create(bureau=bureau, kind=kind, subject=subject[:200], requested_by=requested_by[:100],
                                  status=ReviewStatus.OPEN, received_on=on, due_on=due_on)
        append_event(r.stream, "request_review", actor=by, on=on,
                     data={"kind": kind, "subject": r.subject, "requested_by": r.requested_by,
                           "due_on": due_on.isoformat(), "target_wd": target})
    return r


def _locked_review(r: Review) -> Review:
    return Review.objects.select_for_update(of=("self",)).select_related("bureau").get(pk=r.pk)


def give_adviser_opinion(r: Review, *, by, on: date, opinion: str = "") -> Review:
    """Art 28 / MJD-07: the adviser (or 公职律师) of the bureau, within the contract period, gives a legal opinion."""
    with transaction.atomic():
        r = _locked_review(r)
        check(REVIEWS, r, by, REVIEW_STEPS["adviser_opinion"], on)  # who, register, contract, status
        a = adviser_of(r, by)
        _not_future(on, r.received_on, "收件日期")
        r.adviser, r.adviser_opinion = a, _need(opinion, "应当写明法律意见", "MJD-07")
        r.save(update_fields=["adviser", "adviser_opinion", "updated_at"])
        append_event(r.stream, "adviser_opinion", actor=by, on=on,
                     data={"adviser": a.name, "firm": a.firm, "opinion": r.adviser_opinion})
    return r


def complete_review(r: Review, *, by, on: date, conclusion: str = "", opinion: str = "") -> Review:
    """MJD-04 / MJD-07: the 法制科's opinion with its conclusion and turnaround; a major decision's review moves the
    decision to the meeting (passing) or back to its drafting (unlawful)."""
    with transaction.atomic():
        r = _locked_review(r)
        check(REVIEWS, r, by, REVIEW_STEPS["complete"], on)  # the bureau's 法制审核员, an open review
        _not_future(on, r.received_on, "收件日期")
        D.check_review_opinion(kind=r.kind, conclusion=conclusion, opinion=opinion, adviser_opinion=r.adviser_opinion)
        cal = law_calendar()
        r.status, r.reviewer, r.conclusion, r.opinion, r.done_on = ReviewStatus.DONE, by, conclusion, _text(opinion), on
        r.turnaround_wd = D.turnaround(cal, r.received_on, on)
        r.save()
        append_event(r.stream, "complete_review", actor=by, on=on,
                     data={"conclusion": conclusion, "opinion": r.opinion, "turnaround_wd": r.turnaround_wd,
                           "late": on > r.due_on})
        if r.decision_id:
            d = Decision.objects.select_for_update().get(pk=r.decision_id)
            if d.status != Status.REVIEWING:
                raise violation("MJD-04", "该决策不在合法性审查阶段")
            passed = conclusion in D.PASSING
            d.review_conclusion, d.review_rev = conclusion, d.draft_rev
            d.status = Status.REVIEWED if passed else Status.DRAFTING
            d.version += 1
            d.save()
            append_event(d.stream, "review_done", actor=by, on=on,
                         data={"status": d.status, "version": d.version, "review": str(r.uuid),
                               "conclusion": conclusion, "draft_rev": d.draft_rev})
    return r


def link_penalty_review(*, by, on: date, case_stream: str, subject: str = "") -> Review:
    """A penalty case's 法制审核 in the 法制科's register: the case's own `legal_review` event is linked (stream and
    seq), never copied; received = the case's 调查终结, done = the review."""
    bureau = _entity(by)
    _reviewer(by, bureau)
    case_stream = _text(case_stream)
    ev = Event.objects.filter(stream=case_stream, kind="legal_review").order_by("-seq").first() \
        if case_stream.startswith("case:") else None
    if ev is None:
        raise violation("MJD-07", "该案件尚无法制审核记录")
    reviewer = Staff.objects.filter(username=ev.actor).select_related("bureau").first()
    if reviewer is None or reviewer.entity is None or not reviewer.entity.path.startswith(bureau.path):
        raise NotPermitted("该案件不属于本机关", "MJD-ROLE")
    if Review.objects.filter(case_stream=case_stream, case_seq=ev.seq).exists():
        raise violation("MJD-07", "该法制审核已登记")
    _not_future(on)
    reported = Event.objects.filter(stream=case_stream, kind="conclude_investigation", seq__lt=ev.seq) \
        .order_by("-seq").values_list("effective_on", flat=True).first() or ev.effective_on
    with transaction.atomic():
        r = Review.objects.create(
            bureau=bureau, kind="penalty", subject=(_text(subject) or "行政处罚案件法制审核")[:200],
            requested_by="办案机构", status=ReviewStatus.DONE, received_on=reported, due_on=ev.effective_on,
            reviewer=reviewer, conclusion="lawful" if ev.data.get("passed") else "unlawful", done_on=ev.effective_on,
            turnaround_wd=D.turnaround(law_calendar(), reported, ev.effective_on), case_stream=case_stream,
            case_seq=ev.seq)
        append_event(r.stream, "link_penalty_review", actor=by, on=on,
                     data={"case_stream": case_stream, "case_seq": ev.seq, "case_event_hash": ev.hash})
    return r


def penalty_opinion(r: Review) -> str:
    """The opinion of a linked penalty review, read from the case's own event."""
    ev = Event.objects.filter(stream=r.case_stream, seq=r.case_seq).first()
    return (ev.data.get("opinion") or "") if ev else ""


def attach_document(r: Review, *, by, on: date, title: str, upload) -> dict:
    """The reviewed document (the contract, the 规范性文件's draft) kept in the evidence store under its SHA-256; the
    review's event records the hash, so the file shown later is provably the one reviewed."""
    from fazhi.decisions.workflow import may_attach

    title = _need(title, "应当写明文件名称", "MJD-07")
    with transaction.atomic():
        r = _locked_review(r)
        may_attach(r, by)
        _not_future(on, r.received_on, "收件日期")
        blob = blobs.keep(upload)
        data = {"title": title[:200], "filename": str(getattr(upload, "name", "") or "")[:200],
                "sha256": blob.sha256, "size": blob.size}
        append_event(r.stream, "attach_document", actor=by, on=on, data=data)
    return data


def attached(r: Review) -> list[dict]:
    """The documents attached to a review, from its events (title, file name, hash, who and when)."""
    return [{**e.data, "on": e.effective_on, "by": e.actor, "seq": e.seq}
            for e in Event.objects.filter(stream=r.stream, kind="attach_document").order_by("seq")]
