"""普通程序, investigation: evidence and 笔录, review of a monitoring record, 先行登记保存 and its disposal (PEN-07),
extending the case period, 调查终结 with the proposed penalty and its discretion assessment."""
from __future__ import annotations

import re
from datetime import date

from django.utils import timezone

from fazhi.cases.actions.machinery import _date_order, _lateness, _met, transition
from fazhi.cases.actions.penalty import (
    _assess_discretion,
    _check_citations,
    _penalty,
    _penalty_data,
    _review_required,
    _set_proposal,
)
from fazhi.cases.models import RECORD_KINDS, RECORD_TYPES, Evidence, Preservation, Status
from fazhi.core.blobs import Blob
from fazhi.core.errors import NotPermitted
from fazhi.law.penalty import (
    PRESERVATION_PERIOD,
    EvidenceKind,
    Outcome,
    check_no_penalty_conditions,
    check_no_penalty_ground,
    check_record_made,
    check_two_officers,
    parse_evidence_kind,
)
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS


@transition("add_evidence")
def add_evidence(case, *, by, on, cal, kind: str, title: str, description: str = "", place: str = "",
                 collected_on: date | None = None, from_monitoring: bool = False, sha256: str = "",
                 blob: Blob | None = None, filename: str = "", content_type: str = "", collected_at=None,
                 qa=(), record_type: str = "", record_officers=(), record_person: str = "",
                 record_person_role: str = "", started_at=None, ended_at=None, record_person_id_number: str = "",
                 record_person_phone: str = ""):
    """调查取证 (PEN-26): one item of evidence of a lawful kind, with who, when and where; its file (if any)
    already in the content-addressed store (`blob`), so the event records the hash that proves it later."""
    k = parse_evidence_kind(kind)
    if not title.strip():
        raise violation("PEN-26", "请填写证据名称")
    qa = _qa_pairs(qa)
    collected_on = collected_on or on
    if collected_on > on:
        raise violation("CASE-DATE", "取证日期不得晚于登记日期")
    _date_order(collected_on, "取证日期", case.act_on, "违法行为发生日期")
    check_record_made(k, title, bool(record_type))
    record = _check_record(case, k.value, collected_on, record_type, record_officers, record_person,
                           started_at, ended_at) if record_type else None
    if blob is not None:
        sha256 = blob.sha256
    sha256 = sha256.lower()
    if sha256:
        same = case.evidence.filter(sha256=sha256).first()
        if same is not None:
            raise violation("CASE-DUPLICATE", f"该文件已作为本案证据“{same.title}”登记，无需重复上传",
                            evidence=str(same.uuid))
    ev = Evidence.objects.create(case=case, kind=k.value, title=title, description=description, place=place,
                                 collected_on=collected_on, collected_by=by, from_monitoring=from_monitoring,
                                 sha256=sha256, size=blob.size if blob else 0, filename=filename,
                                 content_type=content_type, collected_at=collected_at or (record and record[1]),
                                 record_type=record_type, record_person=record_person.strip(),
                                 record_person_role=record_person_role.strip(),
                                 started_at=record and record[1], ended_at=record and record[2])
    if record:
        ev.record_officers.set(record[0])
    elsewhere = list(Evidence.objects.filter(sha256=sha256).exclude(case=case).values_list("uuid", flat=True)[:5]) \
        if sha256 else []
    return {"evidence": str(ev.uuid), "kind": k.value, "title": title, "from_monitoring": from_monitoring,
            "sha256": sha256, "size": ev.size, "filename": filename, "place": place,
            "collected_on": collected_on.isoformat(), "also_in_other_cases": [str(u) for u in elsewhere],
            **({"qa": qa} if qa else {}),
            **({"record_type": record_type, "record_officers": [o.username for o in record[0]],
                "record_person": record_person.strip(), "record_person_role": record_person_role.strip(),
                # the 笔录 prints the person's ID number and phone (kept with the record, in its event)
                "record_person_id_number": record_person_id_number.strip()[:30],
                "record_person_phone": record_person_phone.strip()[:30],
                "started_at": record[1].isoformat(), "ended_at": record[2].isoformat()} if record else {})}


def _aware(moment):
    """A time typed on a form (no offset) is Beijing time."""
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _check_record(case, kind: str, collected_on: date, record_type: str, officers, person: str, started_at, ended_at):
    """A 笔录 (Art 55 ¶2): made by at least two officers of the bureau certified on that day (PEN-04), naming
    whom they questioned or who was present, with its start and end on the day of the record (PEN-26)."""
    if record_type not in RECORD_KINDS:
        raise violation("PEN-26", "笔录类型应为询问笔录、现场检查笔录、勘验笔录或听证笔录")
    if kind not in RECORD_KINDS[record_type]:
        raise violation("PEN-26", f"{dict(RECORD_TYPES)[record_type]}的证据种类应为"
                        + "或".join(EvidenceKind(k).label for k in RECORD_KINDS[record_type]))
    staff = list({s.pk: s for s in officers}.values())
    for s in staff:
        if s.entity is None or s.entity.pk != case.bureau_id:
            raise NotPermitted(f"{s}不是本机关执法人员，不能制作本案笔录")
    check_two_officers(s.pk for s in staff if s.is_certified_on(collected_on))
    if not person.strip():
        raise violation("PEN-26", "笔录应当载明被询问人或在场人")
    start, end = _aware(started_at), _aware(ended_at)
    if start is None or end is None:
        raise violation("PEN-26", "笔录应当载明开始时间和结束时间")
    if timezone.localtime(start).date() != collected_on:
        raise violation("CASE-DATE", f"笔录开始时间（{timezone.localtime(start):%Y-%m-%d %H:%M}）应在取证当日"
                                     f"（{collected_on:%Y-%m-%d}）")
    if end <= start:
        raise violation("CASE-DATE", "笔录结束时间应晚于开始时间")
    if end > timezone.now():
        raise violation("CASE-DATE", "笔录结束时间不得晚于当前时间")
    return staff, start, end


def _qa_pairs(qa) -> list[list[str]]:
    """问/答 of a 笔录, as [[question, answer], …]: both sides written, nothing else (PEN-26: the record says what
    was asked and answered)."""
    if isinstance(qa, str):
        parts = re.split(r"(?:^|\n)\s*(问|答)\s*[：:]", qa.strip())
        if parts[0].strip():
            raise violation("PEN-26", "询问内容应以“问：”开始，一问一答")
        marks, texts = parts[1::2], parts[2::2]
        if marks != ["问", "答"] * (len(marks) // 2) or len(marks) % 2:
            raise violation("PEN-26", "询问内容应为一问一答（问：…／答：…）")
        qa = [(texts[i], texts[i + 1]) for i in range(0, len(texts), 2)]
    out = []
    for pair in qa or ():
        if isinstance(pair, dict):
            pair = (pair.get("q", ""), pair.get("a", ""))
        if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not all(isinstance(x, str) for x in pair):
            raise violation("PEN-26", "询问内容应为一问一答")
        q, a = (x.strip() for x in pair)
        if not q or not a:
            raise violation("PEN-26", "询问笔录的每一问都应记录回答（未回答的，记明“未回答”）")
        out.append([q, a])
    return out


@transition("review_monitoring_record")
def review_monitoring_record(case, *, by, on, cal, evidence_uuid, accurate: bool, note: str = ""):
    """PEN-27: each monitoring record is reviewed; an inaccurate one is withdrawn from the evidence."""
    ev = case.evidence.filter(uuid=evidence_uuid, from_monitoring=True).first()
    if ev is None:
        raise violation("PEN-27", "未找到该电子技术监控设备记录")
    if accurate:
        ev.reviewed_on = on
        ev.save()
    else:
        ev.delete()
    return {"evidence": str(evidence_uuid), "accurate": accurate, "note": note}


@transition("preserve_evidence")
def preserve_evidence(case, *, by, on, cal, items: str, approved_by):
    """PEN-07 (Art 56): only with the 负责人's approval; disposal decided within 7 working days."""
    if not approved_by.has_role(*LEADERS) or approved_by.entity is None or approved_by.entity.pk != case.bureau_id:
        raise violation("PEN-07", "先行登记保存证据须经本机关负责人批准")
    if not items.strip():
        raise violation("PEN-07", "请填写登记保存物品清单")
    r = PRESERVATION_PERIOD.reckon(cal, on)
    due = r.due if not r.provisional else None  # None: concrete once the year's table exists
    p = Preservation.objects.create(case=case, items=items, preserved_on=on, approved_by=approved_by, due=due)
    case.open_preservations += 1
    return {"preservation": p.pk, "items": items, "approved_by": approved_by.username,
            "due": due.isoformat() if due else None}


@transition("dispose_preserved")
def dispose_preserved(case, *, by, on, cal, preservation_id: int, disposal: str):
    p = case.preservations.filter(pk=preservation_id, disposed_on__isnull=True).first()
    if p is None:
        raise violation("PEN-07", "未找到待处理的先行登记保存记录")
    if on < p.preserved_on:
        raise violation("CASE-DATE", "处理日期不得早于登记保存日期")
    due, late_days = (p.due, max(0, (on - p.due).days)) if p.due else _lateness(cal, PRESERVATION_PERIOD,
                                                                                 p.preserved_on, on)
    p.disposed_on, p.disposal, p.late_days = on, disposal, late_days
    p.due = p.due or due
    p.save()
    case.open_preservations -= 1
    _met(case, "PEN-07", "先行登记保存物品处理决定", p.due, on, late_days, p.preserved_on)
    return {"preservation": p.pk, "disposal": disposal, "late": bool(late_days), "days_late": late_days,
            "due": p.due.isoformat() if p.due else None}


@transition("extend_deadline")
def extend_deadline(case, *, by, on, cal, days: int, reason: str):
    """PEN-06 (Art 60): "法律、法规、规章另有规定的，从其规定" — an extension needs the 负责人's approval
    and a reason, and is recorded."""
    if days <= 0 or not reason.strip():
        raise violation("PEN-06", "延长办案期限须经负责人批准并写明延长天数和理由")
    case.extension_days += days
    return {"days": days, "reason": reason, "total_extension": case.extension_days}


@transition("conclude_investigation")
def conclude_investigation(case, *, by, on, cal, outcome: str, facts: str, kinds=(), fine="0",
                           confiscated_income="0", confiscated_property="0", no_penalty_ground: str = "",
                           exemption_entry: str = "", flags: dict | None = None, no_penalty_conditions=(),
                           violated_provision: str = "", penalty_provision: str = "", benchmark_violation: str = "",
                           discretion_group: int = 1, discretion_facts: dict | None = None,
                           departure_reason: str = ""):
    """调查终结报告 with its proposed outcome (PEN-14) and, when the violation is in a benchmark, its 裁量 (DIS-04):
    the tier and range for the facts, under the version the law says applies (PEN-24)."""
    try:
        o = Outcome(outcome)
    except ValueError:
        raise violation("PEN-14", "调查终结处理意见应为：给予处罚、不予处罚（轻微）、违法事实不成立或移送司法机关")
    if not facts.strip():
        raise violation("PEN-14", "调查终结报告应写明调查认定的事实")
    for key, value in (flags or {}).items():
        if key not in ("major_public_interest", "major_social_impact", "affects_major_rights", "complex",
                       "other_legal_requirement", "mitigated"):
            raise ValueError(f"unknown flag {key}")
        setattr(case, key, bool(value))
    case.facts = facts
    _check_citations(case.bureau, violated_provision, penalty_provision)
    case.violated_provision = violated_provision or case.violated_provision
    case.penalty_provision = penalty_provision or case.penalty_provision
    case.outcome = o.value
    case.reported_on = on
    p = None
    if o is Outcome.PENALTY:
        p = _penalty(kinds, fine, confiscated_income, confiscated_property)
        if not case.penalty_provision:
            raise violation("PEN-15", "给予行政处罚应当写明处罚依据")
    else:
        if exemption_entry.strip():  # PEN-21: the entry must be on a 免罚清单 in force for this bureau
            from fazhi.catalog.powers import exemption_for

            entry = exemption_for(case.bureau, exemption_entry, on)
            if entry is None:
                raise violation("PEN-21", f"本机关（及上级机关）现行免罚清单中没有“{exemption_entry}”")
            exemption_entry = str(entry)
        g = check_no_penalty_ground(o, no_penalty_ground, exemption_entry=exemption_entry)
        case.no_penalty_conditions = check_no_penalty_conditions(g, no_penalty_conditions)
        case.no_penalty_ground = g.value if g else ""
        case.exemption_entry = exemption_entry
    case.violation_type, case.discretion = None, {}
    if benchmark_violation and o is Outcome.PENALTY:
        _assess_discretion(case, on, benchmark_violation, discretion_group, discretion_facts or {}, p.fine, departure_reason)
    _set_proposal(case, p)
    if o is Outcome.TRANSFER:
        case.status = Status.TRANSFERRING
        case.transfer_reported_on = on
    else:
        case.status = Status.REPORTED
    if o is Outcome.PENALTY:
        case.no_penalty_ground, case.no_penalty_conditions, case.exemption_entry = "", [], ""
    return {"outcome": o.value, "proposal": _penalty_data(p), "review_reasons": _review_required(case),
            "no_penalty_conditions": case.no_penalty_conditions,
            "discretion": case.discretion}
