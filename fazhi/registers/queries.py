"""Reads of the registers: who sees which records (the bureau subtree of a person whose role reads the registers:
org.access Kind.REGISTERS), the lists with their due dates, a site's and a notice's page."""
from __future__ import annotations

from datetime import date

from fazhi.core.workflow import offered
from fazhi.registers.models import Notice, NoticeStatus, Site


def scoped(model, user, under: str | None = None):
    from fazhi.org.access import Kind, may
    from fazhi.org.models import visible_bureau_ids

    if not user or not user.is_authenticated or not may(user, Kind.REGISTERS):
        return model.objects.none()
    ids = visible_bureau_ids(user, under)
    qs = model.objects.select_related("bureau", "case", "cell")
    if ids is None:
        return qs
    return qs.filter(bureau_id__in=ids) if ids else qs.none()


def _actions(wf, record, user, today: date) -> list[dict]:
    return [{"action": s.action, "label": s.label, "rules": list(s.rules)} for s in offered(wf, record, user, today)]


def _d(v) -> str | None:
    return v.isoformat() if v else None


def _n(v) -> str | None:
    return str(v) if v is not None else None


def site_detail(s: Site, user, today: date) -> dict:
    from fazhi.registers.workflow import SITES

    return {
        "uuid": str(s.uuid), "number": s.number, "status": s.status, "status_label": s.get_status_display(),
        "version": s.version, "source": s.source, "source_label": s.get_source_display(),
        "issue": s.issue.tracking_code if s.issue_id else None, "found_on": _d(s.found_on),
        "address": s.address, "lng": s.lng, "lat": s.lat, "cell": s.cell.code if s.cell_id else None,
        "structure": s.structure, "area": _n(s.area), "vintage": s.vintage, "vintage_label": s.get_vintage_display(),
        "red_lines": s.red_lines, "party": s.party_name,
        "case": str(s.case.uuid) if s.case_id else None, "case_label": str(s.case) if s.case_id else "",
        "measure": s.measure.number if s.measure_id else None,
        "measure_uuid": str(s.measure.uuid) if s.measure_id else None,
        "outcome": s.outcome, "outcome_label": s.get_outcome_display() if s.outcome else "",
        "handled_area": _n(s.handled_area), "closed_on": _d(s.closed_on), "note": s.close_note,
        "actions": _actions(SITES, s, user, today),
    }


def notice_clock(n: Notice, today: date) -> dict:
    """What the list and the page say of a notice's time limit: the due day (the party has all of it), 逾期 after."""
    if n.status != NoticeStatus.ISSUED:
        return {"due": None, "days_left": None, "overdue": False}
    left = (n.due - today).days
    return {"due": n.due, "days_left": left, "overdue": left < 0}


def notice_detail(n: Notice, user, today: date) -> dict:
    from fazhi.registers.workflow import NOTICES

    clock = notice_clock(n, today)
    return {
        "uuid": str(n.uuid), "number": n.number, "status": n.status, "status_label": n.get_status_display(),
        "version": n.version, "source": n.source, "source_label": n.get_source_display(),
        "issue": n.issue.tracking_code if n.issue_id else None, "issued_on": _d(n.issued_on),
        "address": n.address, "cell": n.cell.code if n.cell_id else None, "subject": n.subject,
        "problem": n.problem, "requirement": n.requirement, "basis": n.basis_text, "area": _n(n.area),
        "party": n.party_name, "officers": [o["name"] for o in n.officers], "due": _d(n.due),
        "days_left": clock["days_left"], "overdue": clock["overdue"], "checked_on": _d(n.checked_on),
        "check_note": n.check_note, "approval": n.approval, "removed_area": _n(n.removed_area),
        "case": str(n.case.uuid) if n.case_id else None, "case_label": str(n.case) if n.case_id else "",
        "actions": _actions(NOTICES, n, user, today),
    }


SHOWN = [("open", "进行中"), ("closed", "已办结"), ("all", "全部")]


def sites(user, shown: str = "open"):
    qs = scoped(Site, user)
    if shown == "open":
        qs = qs.exclude(status="closed")
    elif shown == "closed":
        qs = qs.filter(status="closed")
    return qs.order_by("-found_on", "-id")[:300]


def notices(user, today: date, shown: str = "open") -> list[dict]:
    qs = scoped(Notice, user)
    if shown == "open":
        qs = qs.filter(status=NoticeStatus.ISSUED)
    elif shown == "closed":
        qs = qs.exclude(status=NoticeStatus.ISSUED)
    rows = [{"n": n, "clock": notice_clock(n, today)} for n in qs.order_by("due", "-id")[:300]]
    rows.sort(key=lambda r: (not r["clock"]["overdue"], r["clock"]["due"] is None, r["clock"]["due"] or date.max))
    return rows


def events(record, labels: dict[str, str]) -> list[dict]:
    from fazhi.core.models import Event

    return [{"on": e.effective_on, "label": labels.get(e.kind, e.kind), "actor": e.actor_name or e.actor}
            for e in Event.objects.filter(stream=record.stream).order_by("seq")]
