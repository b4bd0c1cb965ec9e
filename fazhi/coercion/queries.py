"""Reads of 行政强制: who sees which measures (as their cases: org.access case_bureau_ids), the board's rows with
their due dates and days left, a measure's page, and the case page's panel."""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from fazhi.coercion.models import OPEN, Measure
from fazhi.core.workflow import offered


def measures_for(user, under: str | None = None):
    from fazhi.org.access import case_bureau_ids

    if not user or not user.is_authenticated:
        return Measure.objects.none()
    ids = case_bureau_ids(user, under)
    qs = Measure.objects.select_related("case", "bureau")
    if ids is None:
        return qs
    return qs.filter(bureau_id__in=ids) if ids else qs.none()


def _when(at) -> str:
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}" if at else ""


def clock(m: Measure, today: date) -> dict:
    """What the board and the page say of the measure's running limit: the 24-hour report of an emergency measure
    (ENF-02), the seizure's last day (ENF-03), the 公告's and the 催告's deadlines (ENF-06, ENF-04)."""
    if m.status not in OPEN:
        return {"label": "", "due": None, "days_left": None, "overdue": False, "note": ""}
    if m.emergency and m.approved_at is None and m.report_due_at:
        due = timezone.localtime(m.report_due_at)
        late = timezone.now() > m.report_due_at
        return {"label": "报告负责人并补办批准", "due": due.date(), "days_left": (due.date() - today).days,
                "overdue": late, "note": f"{due:%m月%d日%H:%M}前" + ("，已超过二十四小时，应当立即解除" if late else "")}
    if m.seizure and m.due:
        left = (m.due - today).days
        return {"label": "查封扣押期限" + ("（已延长）" if m.extended_on else ""), "due": m.due, "days_left": left,
                "overdue": left < 0, "note": "末日如遇节假日顺延（节假日安排尚未录入）" if m.due_provisional else ""}
    for label, due in (("公告限期自行拆除", m.notice_deadline if m.status == "announced" else None),
                       ("催告履行期限", m.demand_deadline if m.status == "demanded" else None)):
        if due:
            return {"label": label, "due": due, "days_left": (due - today).days, "overdue": False,
                    "note": "期限届满后" + ("可以催告" if m.status == "announced" else "可以强制拆除")}
    return {"label": "", "due": None, "days_left": None, "overdue": False, "note": ""}


def row(m: Measure, today: date) -> dict:
    return {"m": m, "uuid": m.uuid, "number": m.number, "kind": m.get_kind_display(), "status": m.get_status_display(),
            "party": m.case.party_name, "case_label": str(m.case), "case": m.case.uuid,
            "clock": clock(m, today), "outcome": m.get_outcome_display() if m.outcome else ""}


def board(user, today: date, shown: str = "open") -> list[dict]:
    qs = measures_for(user)
    if shown == "open":
        qs = qs.filter(status__in=OPEN)
    elif shown == "closed":
        qs = qs.exclude(status__in=OPEN)
    rows = [row(m, today) for m in qs.order_by("-opened_on", "-id")[:300]]
    # overdue first, then the nearest limit, then the rest (newest first)
    rows.sort(key=lambda r: (not r["clock"]["overdue"], r["clock"]["due"] is None, r["clock"]["due"] or date.max))
    return rows


def _events(m: Measure) -> list[dict]:
    from fazhi.coercion.workflow import STEPS
    from fazhi.core.models import Event

    out = []
    for e in Event.objects.filter(stream=m.stream).order_by("seq"):
        label = STEPS[e.kind].label if e.kind in STEPS else {"settle_due": "节假日安排录入，期限确定"}.get(e.kind, "")
        out.append({"on": e.effective_on, "label": label, "actor": e.actor_name or e.actor})
    return out


def detail(m: Measure, user, today: date) -> dict:
    from fazhi.coercion.workflow import WORKFLOW

    return {
        "uuid": str(m.uuid), "number": m.number, "kind": m.kind, "kind_label": m.get_kind_display(),
        "status": m.status, "status_label": m.get_status_display(), "version": m.version,
        "case": str(m.case.uuid), "case_label": str(m.case), "party": m.case.party_name,
        "reason": m.reason, "basis": m.basis_text, "place": m.place, "items": list(m.items),
        "emergency": m.emergency, "approved_at": _when(m.approved_at),
        "approved_by": str(m.approved_by) if m.approved_by_id else "", "taken_at": _when(m.taken_at),
        "officers": [o["name"] for o in m.officers], "party_present": m.party_present, "witness": m.witness,
        "video": m.video, "due": m.due.isoformat() if m.due else None, "due_provisional": m.due_provisional,
        "extended_on": m.extended_on.isoformat() if m.extended_on else None,
        "outcome": m.outcome, "outcome_label": m.get_outcome_display() if m.outcome else "",
        "closed_on": m.closed_on.isoformat() if m.closed_on else None, "close_reason": m.close_reason,
        "government_order": m.government_order, "structure": m.structure,
        "area": str(m.area) if m.area is not None else None,
        "notice_deadline": m.notice_deadline.isoformat() if m.notice_deadline else None,
        "demand_deadline": m.demand_deadline.isoformat() if m.demand_deadline else None,
        "executed_from": _when(m.executed_from), "executed_to": _when(m.executed_to),
        "demolished_area": str(m.demolished_area) if m.demolished_area is not None else None,
        "clock": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in clock(m, today).items()},
        "actions": [{"action": s.action, "label": s.label, "rules": list(s.rules)}
                    for s in offered(WORKFLOW, m, user, today)],
    }


def case_panel(case, user, today: date) -> dict:
    """What the case page shows of the case's measures, and which to open (offered to its 承办人员)."""
    from fazhi.coercion.workflow import may_open

    rows = [row(m, today) for m in case.measures.select_related("case").order_by("opened_on", "id")]
    return {"rows": rows, "may_take": may_open(case, user, today, "take"),
            "may_demolish": may_open(case, user, today, "start_demolition")}
