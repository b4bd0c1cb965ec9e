"""违法建设和隐患整改台账: the only writers of sites and notices. Each action is: lock → guard (registers.workflow: who,
state, HUD-03's due day) → the input's rules (fazhi.law.registers) → mutate → append event, in one transaction with
one actor `by` and one effective date `on`. A site or notice handed over from 数字化城管 records the hand-over in the
issue's own stream too (citydesk.actions.to_register), and a penalty-case clue opened from either is the case
workflow's own 案源登记 (cases.actions.register), as an inspection's finding is."""
from __future__ import annotations

import functools
import logging
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import Conflict
from fazhi.core.events import append_event
from fazhi.core.workflow import check
from fazhi.law import registers as R
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import violation
from fazhi.registers.models import Notice, Site, Source
from fazhi.registers.models import NoticeStatus as N
from fazhi.registers.models import SiteStatus as S
from fazhi.registers.workflow import NOTICE_STEPS, NOTICES, SITE_STEPS, SITES, check_officer

log = logging.getLogger("fazhi.registers.actions")


def _not_future(on: date) -> None:
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")


def _order(later: date, later_what: str, earlier: date | None, earlier_what: str) -> None:
    if earlier is not None and later < earlier:
        raise violation("CASE-DATE", f"{later_what}（{later:%Y-%m-%d}）不得早于{earlier_what}（{earlier:%Y-%m-%d}）")


def _event(record, kind: str, by, on: date, data: dict) -> None:
    record.version += 1
    append_event(record.stream, kind, actor=by, on=on, data={"status": record.status, "version": record.version,
                                                            **data})


def _step(model, steps, wf, name: str):
    """Wrap an action on an existing record: lock, guard, date, body, event; one transaction."""
    t = steps[name]

    def wrap(body):
        @functools.wraps(body)
        def run(record, *, by, on: date, expected_version: int | None = None, **kw):
            try:
                with transaction.atomic():
                    r = model.objects.select_for_update(of=("self",)).select_related("bureau", "case").get(pk=record.pk)
                    if expected_version is not None and r.version != expected_version:
                        raise Conflict("该记录已被他人更新，请刷新后重试")
                    check(wf, r, by, t, on)
                    _not_future(on)
                    data = body(r, by=by, on=on, **kw) or {}
                    r.status = t.target
                    _event(r, t.action, by, on, data)
                    r.save()
                    return r
            except RuleViolation as e:
                log.info("refused %s on %s %s by %s: %s %s", name, model.__name__, record.pk,
                         getattr(by, "username", by), e.code, e.message)
                raise

        run.step = t
        return run

    return wrap


def _number(model, bureau, on: date) -> str:
    """Gapless per bureau and year: the bureau row is locked while the number is taken."""
    from fazhi.org.models import Bureau

    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()
    if model is Site:
        prefix = f"违建{on.year}-"
        n = Site.objects.filter(bureau=bureau, number__startswith=prefix).count() + 1
        return f"{prefix}{n:03d}"
    prefix = f"{bureau.doc_prefix or bureau.short_name}整改〔{on.year}〕"
    n = Notice.objects.filter(bureau=bureau, number__startswith=prefix).count() + 1
    return f"{prefix}{n}号"


def _place(record, *, by, issue: str, address: str, lng: float | None, lat: float | None):
    """The location: the issue's when handed over from 数字化城管, otherwise the address typed and, with a point, the
    region and grid cell the 数字化城管 grid puts it in (citydesk.actions.locate)."""
    from fazhi.citydesk.actions import locate
    from fazhi.citydesk.models import Issue
    from fazhi.org.models import visible_bureau_ids

    found = None
    if issue.strip():
        ids = visible_bureau_ids(by)
        qs = Issue.objects.filter(tracking_code=issue.strip().upper())
        found = (qs if ids is None else qs.filter(region__bureau_id__in=ids)).select_related("region", "cell").first()
        if found is None:
            raise LookupError(f"没有查询码为{issue.strip()}的本辖区数字化城管问题")
        record.issue, record.source = found, Source.CITYDESK
        record.lng, record.lat, record.region, record.cell = found.lng, found.lat, found.region, found.cell
        address = address.strip() or found.address or (found.cell.code if found.cell else "")
    elif (lng is None) != (lat is None):
        raise violation("REG-STATE", "经度和纬度应当同时填写")
    elif lng is not None and lat is not None:
        region, cell = locate(lng, lat)
        record.lng, record.lat, record.region, record.cell = lng, lat, region, cell
    if not address.strip():
        raise violation("REG-STATE", "请填写位置")
    record.address = address.strip()
    return found


def _handed(found, record, kind: str, by, on: date) -> None:
    if found is not None:
        from fazhi.citydesk.actions import to_register

        to_register(found, by=by, kind=kind, record=str(record.uuid), number=record.number)


# --- 违法建设 -----------------------------------------------------------------------------------------------------

def register_site(*, by, on: date, structure: str, area: Decimal, vintage: str, party_name: str,
                  party_kind: str = "citizen", party_phone: str = "", party_address: str = "", source: str = "patrol", issue: str = "",
                  address: str = "", lng: float | None = None, lat: float | None = None, farmland: bool = False,
                  road: bool = False, hazard: bool = False, boundary: bool = False) -> Site:
    """登记违法建设: found on patrol, reported, or handed over from 数字化城管 (`issue`, its 查询码)."""
    t = SITE_STEPS["register"]
    try:
        with transaction.atomic():
            if by is None or by.entity is None:
                raise violation("REG-ROLE", "只有本机关的执法人员可以登记违法建设")
            check_officer(by.entity.pk, by, t.label, on)
            _not_future(on)
            R.check_area(area)
            if not structure.strip() or not party_name.strip():
                raise violation("HUD-02", "请填写违法建设情况和责任人")
            s = Site(bureau=by.entity, status=S.REGISTERED, source=source, found_on=on, found_by=by,
                     structure=structure.strip(), area=area, vintage=vintage, farmland=farmland, road=road,
                     hazard=hazard, boundary=boundary, party_name=party_name.strip(), party_kind=party_kind,
                     party_phone=party_phone.strip(), party_address=party_address.strip())
            found = _place(s, by=by, issue=issue, address=address, lng=lng, lat=lat)
            s.number = _number(Site, s.bureau, on)
            _handed(found, s, "site", by, on)
            _event(s, "register", by, on, {
                "structure": s.structure, "area": str(area), "vintage": vintage, "red_lines": s.red_lines,
                "party": s.party_name, "address": s.address, "cell": s.cell.code if s.cell else None,
                "issue": found.tracking_code if found else None, "source": s.source})
            s.save()
            return s
    except RuleViolation as e:
        log.info("refused register_site by %s: %s %s", getattr(by, "username", by), e.code, e.message)
        raise


def _clue(record, *, by, on: date, cause: str, facts: str, act_on: date, **provisions):
    from fazhi.cases import actions as cases

    source = {"citydesk": "citydesk", "complaint": "complaint"}.get(record.source, "patrol")
    return cases.register(by=by, on=on, party_kind=record.party_kind, party_name=record.party_name,
                          party_phone=record.party_phone, party_address=record.party_address, cause=cause, facts=facts, place=record.address,
                          act_on=act_on, discovered_on=act_on, source=source, **provisions)


@_step(Site, SITE_STEPS, SITES, "open_case")
def open_case(s: Site, *, by, on: date, cause: str = "", facts: str = "") -> dict:
    """移交立案查处: the site becomes a penalty-case clue (案源) in the case workflow, once (HUD-02: 城乡规划法 Art 64)."""
    _order(on, "移交日期", s.found_on, "发现日期")
    cause = cause.strip() or "未取得建设工程规划许可证进行建设"
    facts = facts.strip() or (f"{s.found_on:%Y年%m月%d日}发现{s.party_name}在{s.address}{s.structure}，"
                              f"面积约{s.area}平方米。")
    s.case = _clue(s, by=by, on=on, cause=cause, facts=facts, act_on=s.found_on,
                   violated_provision="《中华人民共和国城乡规划法》第四十条第一款",
                   penalty_provision="《中华人民共和国城乡规划法》第六十四条")
    return {"case": str(s.case.uuid), "cause": cause}


@_step(Site, SITE_STEPS, SITES, "link_case")
def link_case(s: Site, *, by, on: date, case: str) -> dict:
    """关联已有处罚案件: a site found where the bureau already has a case on it (by its 立案编号)."""
    from fazhi.cases.models import PenaltyCase

    found = PenaltyCase.objects.filter(bureau=s.bureau, case_no=case.strip()).first()
    if found is None:
        raise LookupError(f"本机关没有立案编号为{case.strip()}的处罚案件")
    s.case = found
    return {"case": str(found.uuid), "case_no": found.case_no}


@_step(Site, SITE_STEPS, SITES, "record_outcome")
def record_outcome(s: Site, *, by, on: date, outcome: str, area: Decimal | None = None, measure: str = "",
                   note: str = "") -> dict:
    """登记处理结果 with its m² (HUD-02); a forced demolition is the 强制拆除 record executed on the site's case (ENF-06)."""
    from fazhi.coercion.models import Measure

    _order(on, "处理日期", s.found_on, "发现日期")
    m = None
    if measure.strip():
        m = Measure.objects.filter(bureau=s.bureau, number=measure.strip(), kind="demolish").first()
        if m is None:
            raise LookupError(f"本机关没有编号为{measure.strip()}的强制拆除记录")
        if s.case_id is None or m.case_id != s.case_id:
            raise violation("ENF-06", f"强制拆除记录{m.number}不是本违法建设所移交处罚案件的强制拆除")
        if area is None and m.demolished_area is not None:
            area = m.demolished_area
    if outcome in R.DECIDED and area is None:
        area = s.area
    R.check_outcome(outcome=outcome, area=area, site_area=s.area,
                    case_decided=bool(s.case_id and s.case.decision_no),
                    demolition_executed=None if m is None else m.status == "executed")
    if m is not None and outcome == "forced":
        _order(on, "处理日期", m.closed_on, "强制拆除日期")
    s.outcome, s.handled_area, s.measure, s.closed_on, s.close_note = outcome, area, m, on, note.strip()
    return {"outcome": outcome, "area": str(area), "measure": m.number if m else None, "note": s.close_note}


# --- 整改通知 ------------------------------------------------------------------------------------------------------

def _staff(bureau, logins: list[str], by) -> list[dict]:
    from fazhi.org.models import Staff

    people = [by]
    for login in dict.fromkeys(x.strip() for x in logins if x.strip()):
        st = Staff.objects.filter(username=login, is_active=True).select_related("bureau").first()
        if st is None:
            raise LookupError(f"没有登录名为“{login}”的工作人员")
        if st.bureau is None or not st.bureau.path.startswith(bureau.path):
            raise violation("REG-ROLE", f"{st}不是本机关的执法人员")
        if st.pk != by.pk:
            people.append(st)
    return [{"username": p.username, "name": str(p)} for p in people]


def issue_notice(*, by, on: date, subject: str, problem: str, requirement: str, party_name: str, due: date,
                 basis_text: str = "《城市市容和环境卫生管理条例》第三十七条", area: Decimal | None = None,
                 party_kind: str = "org", party_phone: str = "", party_address: str = "", officers: list[str] | None = None,
                 source: str = "patrol", issue: str = "", address: str = "", lng: float | None = None,
                 lat: float | None = None) -> Notice:
    """下达整改通知 on a hazard or violation found outside a case (HUD-03), with its time limit."""
    t = NOTICE_STEPS["issue"]
    try:
        with transaction.atomic():
            if by is None or by.entity is None:
                raise violation("REG-ROLE", "只有本机关的执法人员可以下达整改通知")
            check_officer(by.entity.pk, by, t.label, on)
            _not_future(on)
            R.check_due(issued_on=on, due=due)
            if not (subject.strip() and problem.strip() and requirement.strip() and party_name.strip()):
                raise violation("HUD-03", "整改通知应当写明当事人、存在的问题和整改要求")
            n = Notice(bureau=by.entity, status=N.ISSUED, source=source, issued_on=on, issued_by=by,
                       subject=subject.strip(), problem=problem.strip(), requirement=requirement.strip(),
                       basis_text=(basis_text or "").strip() or "《城市市容和环境卫生管理条例》第三十七条", area=area,
                       party_name=party_name.strip(), party_kind=party_kind, party_phone=party_phone.strip(),
                       party_address=party_address.strip(), due=due)
            n.officers = _staff(n.bureau, officers or [], by)
            found = _place(n, by=by, issue=issue, address=address, lng=lng, lat=lat)
            n.number = _number(Notice, n.bureau, on)
            _handed(found, n, "notice", by, on)
            _event(n, "issue", by, on, {
                "subject": n.subject, "problem": n.problem, "requirement": n.requirement, "basis": n.basis_text,
                "party": n.party_name, "due": due.isoformat(), "address": n.address,
                "cell": n.cell.code if n.cell else None, "issue": found.tracking_code if found else None,
                "officers": [o["username"] for o in n.officers]})
            n.save()
            return n
    except RuleViolation as e:
        log.info("refused issue_notice by %s: %s %s", getattr(by, "username", by), e.code, e.message)
        raise


@_step(Notice, NOTICE_STEPS, NOTICES, "comply")
def comply(n: Notice, *, by, on: date, note: str = "") -> dict:
    """复查：当事人已整改 — any day from the notice's issue, the due day included (HUD-03)."""
    _order(on, "复查日期", n.issued_on, "通知日期")
    n.checked_on, n.check_note = on, note.strip() or "经复查，当事人已按要求整改"
    return {"note": n.check_note, "late": R.overdue(n.due, on)}


@_step(Notice, NOTICE_STEPS, NOTICES, "escalate")
def escalate(n: Notice, *, by, on: date, cause: str = "", note: str = "") -> dict:
    """逾期未整改，移交立案: the violation becomes a penalty-case clue (HUD-03, 条例 Art 34/36), once."""
    n.checked_on, n.check_note = on, note.strip() or f"经{on:%Y年%m月%d日}复查，当事人逾期未整改"
    cause = cause.strip() or f"{n.subject}{n.problem}".strip()[:200]
    facts = (f"本机关于{n.issued_on:%Y年%m月%d日}向{n.party_name}下达整改通知（{n.number}），要求{n.requirement.rstrip('。')}，"
             f"限{n.due:%Y年%m月%d日}前整改。{n.check_note.rstrip('。')}。")
    n.case = _clue(n, by=by, on=on, cause=cause, facts=facts, act_on=n.issued_on, violated_provision=n.basis_text)
    return {"case": str(n.case.uuid), "cause": cause, "note": n.check_note}


@_step(Notice, NOTICE_STEPS, NOTICES, "remove")
def remove(n: Notice, *, by, on: date, approval: str = "", area: Decimal | None = None, note: str = "") -> dict:
    """逾期未整改，组织拆除: with the 县级以上人民政府's approval (HUD-03, 条例 Art 37), with the m² removed."""
    R.check_removal(approval=approval, area=area)
    n.checked_on, n.approval, n.removed_area = on, approval.strip(), area
    n.check_note = note.strip() or "当事人逾期未整改，本机关组织拆除"
    return {"approval": n.approval, "area": str(area), "note": n.check_note}
