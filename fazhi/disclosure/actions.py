"""公开 actions: publish a decision (PUB-03, masked), withdraw it (PEN-29). Each writes the record and its event."""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.cases.models import PenaltyCase
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.core.params import BadInput
from fazhi.disclosure.models import Publication
from fazhi.disclosure.public import case_known, shown_content
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.disclosure import PUBLISH_WD, mask_name, publish_due, withdraw_due
from fazhi.law.periods import add_months_raw, working_days_after
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role

MAX_ALSO_MASKED = 20  # items the publisher may add in the preview; each 2..50 characters


def also_masked(text: str | list[str] | tuple[str, ...]) -> list[str]:
    """What the publisher typed to be hidden besides (one item a line), checked: 2..50 characters each, at most
    MAX_ALSO_MASKED items; blank lines dropped, repeats once."""
    items = text.splitlines() if isinstance(text, str) else list(text)
    out: list[str] = []
    for raw in items:
        item = str(raw).strip()
        if not item or item in out:
            continue
        if not 2 <= len(item) <= 50:
            raise BadInput(f"另需隐去的内容每项应为2至50个字（“{item[:20]}”）")
        out.append(item)
    if len(out) > MAX_ALSO_MASKED:
        raise BadInput(f"另需隐去的内容最多{MAX_ALSO_MASKED}项")
    return out


def public_content(case: PenaltyCase, also: list[str] | tuple[str, ...] = ()) -> dict:
    """What the portal shows: 执法机关, 执法对象 (masked if a natural person), 执法类别, 执法结论 (PUB-03);
    never an ID number, a phone number or a natural person's home address (PUB-04). Every text is masked with
    the case's own personal values as known names and numbers (disclosure.public); this is also the preview the
    publisher sees before publishing."""
    person = case.party_kind == "citizen"
    return shown_content({
        "decision_no": case.decision_no, "bureau": case.bureau.name,
        "party": mask_name(case.party_name) if person else case.party_name,
        "credit_code": "" if person else case.party_id_number,
        "representative": "" if person else mask_name(case.party_representative) if case.party_representative else "",
        "cause": case.cause, "facts": case.facts, "basis": case.penalty_provision,
        "penalty": _penalty_text(case), "decided_on": case.decided_on.isoformat() if case.decided_on else "",
        "procedure": case.get_procedure_display(),
    }, [*case_known(case), *also])


# The publish preview's rows (the portal's decision page shows the same fields).
PREVIEW_LABELS = [("decision_no", "决定书文号"), ("bureau", "处罚机关"), ("party", "当事人"), ("credit_code", "统一社会信用代码"),
                  ("representative", "法定代表人"), ("cause", "案由"), ("facts", "违法事实"), ("basis", "处罚依据"),
                  ("penalty", "处罚内容"), ("decided_on", "决定日期")]


def _penalty_text(case: PenaltyCase) -> str:
    p = case.final_penalty()
    return p.label if p else "不予行政处罚"


def publish(case: PenaltyCase, *, by, on: date, also: str | list[str] = ()) -> Publication:
    """PUB-03: within 7 working days of the decision; a later publication is still made, and counted late.
    `also`: what the publisher added in the preview to be hidden besides (see also_masked)."""
    also = also_masked(also)
    if by.entity is None or by.entity.pk != case.bureau_id or not by.has_role(*LEADERS, Role.LEGAL_REVIEWER,
                                                                               Role.SQUAD_LEADER):
        raise NotPermitted("只有本机关负责人、法制审核或中队长可以公开行政处罚决定", "PUB-ROLE")
    if not case.decided_on or not case.decision_no:
        raise violation("PUB-03", "作出行政处罚决定后方可公开")
    if on > timezone.localdate() or on < case.decided_on:
        raise violation("CASE-DATE", "公开日期不得晚于今天，也不得早于决定日期")
    due, late_days = publication_lateness(law_calendar(), case.decided_on, on)
    pending = due is None
    years = settings.FAZHI_RETENTION_YEARS["citizen" if case.party_kind == "citizen" else "org"]
    with transaction.atomic():
        PenaltyCase.objects.select_for_update().get(pk=case.pk)
        if Publication.objects.filter(case=case, withdrawn_on=None).exists():
            raise violation("PUB-03", "该决定已公开")
        p = Publication.objects.create(case=case, bureau=case.bureau, content=public_content(case, also),
                                       also_masked=also,
                                       decided_on=case.decided_on, due=due, published_on=on, published_by=by,
                                       on_time=late_days == 0, late_days=late_days or 0, natural_person=case.party_kind == "citizen",
                                       retain_until=add_months_raw(on, 12 * years), calendar_pending=pending)
        append_event(p.stream, "publish", actor=by, on=on,
                     data={"case": str(case.uuid), "decision_no": case.decision_no,
                           "due": due.isoformat() if due else None, "on_time": p.on_time,
                           "late": None if late_days is None else not p.on_time,
                           "days_late": late_days, "calendar_pending": pending, "content": p.content,
                           "also_masked": len(also)})
    return p


def publication_lateness(cal, decided_on: date, on: date) -> tuple[date | None, int | None]:
    """PUB-03: the limit and the days a publication came after it. A late publication is still made (the public
    is better served late than never) and counted late (公示超期). While the limit runs into a year whose holiday
    table is missing (DAY-07) the limit is None: a publication within the period's working days of a known year is
    on time (0); a later one is still made, its lateness None until the table is entered and
    `settle_publications` makes it concrete."""
    try:
        due = publish_due(cal, decided_on)
    except CalendarUnknown as e:
        if on.year < e.year and working_days_after(cal, decided_on, on) <= PUBLISH_WD:
            return None, 0
        return None, None
    return due, max(0, (on - due).days)


def settle_publications(*, by, on: date) -> int:
    """DAY-07 for PUB-03: once a year's holiday table is entered, every publication whose limit waited for it gets
    its limit and, where it was unknown, its lateness; each in its own transaction with a `settle_due` event
    (actor: who entered the table). Returns how many changed; those whose year is still missing stay pending."""
    from fazhi.core.calendar import forget_calendar

    forget_calendar()
    cal = law_calendar()
    changed = 0
    for pk in Publication.objects.filter(calendar_pending=True).values_list("pk", flat=True):
        with transaction.atomic():
            p = Publication.objects.select_for_update().get(pk=pk)
            if not p.calendar_pending:
                continue
            try:
                due = publish_due(cal, p.decided_on)
            except CalendarUnknown:
                continue
            late_days = max(0, (p.published_on - due).days)
            p.due, p.calendar_pending = due, False
            p.on_time, p.late_days = late_days == 0, late_days
            p.save(update_fields=["due", "calendar_pending", "on_time", "late_days", "updated_at"])
            append_event(p.stream, "settle_due", actor=by, on=on,
                         data={"due": due.isoformat(), "on_time": p.on_time, "late": not p.on_time,
                               "days_late": late_days})
            changed += 1
    return changed


def withdraw(p: Publication, *, by, on: date, reason: str, changed_on: date) -> Publication:
    """PEN-29: a decision 变更/撤销/确认违法/确认无效 leaves the portal within 3 working days, with its reason."""
    if by.entity is None or by.entity.pk != p.bureau_id or not by.has_role(*LEADERS, Role.LEGAL_REVIEWER):
        raise NotPermitted("只有本机关负责人或法制审核人员可以撤回公开的决定", "PUB-ROLE")
    if not reason.strip():
        raise violation("PEN-29", "撤回公开的行政处罚决定应当说明理由")
    with transaction.atomic():
        p = Publication.objects.select_for_update().get(pk=p.pk)
        if p.withdrawn_on:
            raise violation("PEN-29", "该公开信息已撤回")
        if on < changed_on or on > timezone.localdate():
            raise violation("CASE-DATE", "撤回日期不得早于决定变更日期，也不得晚于今天")
        p.withdrawn_on, p.withdraw_reason, p.withdrawn_by = on, reason, by
        p.withdraw_due = withdraw_due(law_calendar(), changed_on)
        p.save()
        append_event(p.stream, "withdraw", actor=by, on=on,
                     data={"reason": reason, "changed_on": changed_on.isoformat(), "due": p.withdraw_due.isoformat(),
                           "late": on > p.withdraw_due})
    return p


def withdraw_changed(case: PenaltyCase, *, by, on: date, result: str) -> list[Publication]:
    """PEN-29 without waiting for a person: a 复议/诉讼 result that changes or voids the decision (REV-07) takes
    its publications off the portal the day the result is recorded, logged with the recorder as the actor."""
    out = []
    for p in Publication.objects.select_for_update().filter(case=case, withdrawn_on__isnull=True):
        p.withdrawn_on, p.withdrawn_by = on, by
        p.withdraw_reason = f"行政复议或行政诉讼结果为“{result}”，依法撤回公开"
        p.withdraw_due = withdraw_due(law_calendar(), on)
        p.save()
        append_event(p.stream, "withdraw", actor=by, on=on,
                     data={"reason": p.withdraw_reason, "changed_on": on.isoformat(), "due": p.withdraw_due.isoformat(),
                           "late": False, "automatic": True})
        out.append(p)
    return out


def timeliness(bureau, year: int) -> dict:
    """公示及时率 (C.2): decisions published ≤ 7 WD / decisions published, for the bureau and those below it."""
    qs = Publication.objects.filter(bureau__path__startswith=bureau.path, decided_on__year=year)
    total = qs.count()
    on_time = qs.filter(on_time=True).count()
    return {"公开数": total, "按期公开数": on_time, "公示及时率": round(on_time / total, 4) if total else None}
