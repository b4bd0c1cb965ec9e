"""违法建设和隐患整改台账 as two tables (fazhi.core.workflow): a 违法建设 site (`registers/sites`) and a 整改通知
(`registers/notices`), who may take each step and the guard that decides whether `by` may take it now.

- Sites and notices are registered, handed to a penalty case and closed by the bureau's certified enforcement
  officers (REG-ROLE, 行政处罚法 Art 42); a site's outcome follows 城乡规划法 Art 64 (HUD-02) and a forced demolition
  is the coercion context's record (ENF-06).
- A notice is complied with any day from its issue; only after its due day (HUD-03: 逾期) is it escalated to a penalty
  case by an officer, or removed by the bureau on the 负责人's order with the government's approval (Art 37).

`registers.actions` runs this guard first inside its transaction; the pages and the 工作台 ask the same guard."""
from __future__ import annotations

from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step, Workflow
from fazhi.law import registers as R
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role
from fazhi.registers.models import NoticeStatus as N
from fazhi.registers.models import SiteStatus as S

OFFICER = "officer"   # a certified enforcement officer of the record's bureau
LEADER = "leader"     # a 负责人 of the record's bureau

SITE_TABLE: list[Step] = [
    Step("register", "登记违法建设", (), S.REGISTERED, ("HUD-02",), OFFICER),
    Step("open_case", "移交立案查处", (S.REGISTERED,), S.IN_CASE, (), OFFICER),
    Step("link_case", "关联已有处罚案件", (S.REGISTERED,), S.IN_CASE, (), OFFICER, desk=False),
    Step("record_outcome", "登记处理结果", (S.REGISTERED, S.IN_CASE), S.CLOSED, ("HUD-02", "ENF-06"), OFFICER),
]
NOTICE_TABLE: list[Step] = [
    Step("issue", "下达整改通知", (), N.ISSUED, ("HUD-03",), OFFICER),
    Step("comply", "复查：已整改", (N.ISSUED,), N.COMPLIED, (), OFFICER),
    Step("escalate", "逾期未整改，移交立案", (N.ISSUED,), N.ESCALATED, ("HUD-03",), OFFICER),
    Step("remove", "逾期未整改，组织拆除", (N.ISSUED,), N.REMOVED, ("HUD-03",), LEADER),
]
SITE_STEPS = {s.action: s for s in SITE_TABLE}
NOTICE_STEPS = {s.action: s for s in NOTICE_TABLE}


def check_officer(bureau_id: int, by, what: str, on: date) -> None:
    """A certified enforcement officer of the bureau (REG-ROLE: 行政处罚法 Art 42)."""
    if by is None or by.entity is None or by.entity.pk != bureau_id:
        raise NotPermitted(f"只有本机关的执法人员可以办理“{what}”", "REG-ROLE")
    if not by.has_role(Role.OFFICER, Role.SQUAD_LEADER):
        raise NotPermitted(f"“{what}”须由持证执法人员办理", "REG-ROLE")
    if not by.is_certified_on(on):
        raise NotPermitted(f"{by}于{on:%Y年%m月%d日}未持有有效的行政执法证件，不得办理“{what}”", "REG-ROLE")


def check_leader(bureau_id: int, by, what: str) -> None:
    if by is None or by.entity is None or by.entity.pk != bureau_id or not by.has_role(*LEADERS):
        raise NotPermitted(f"“{what}”须由本机关负责人办理", "REG-ROLE")


def _who(record, by, t: Step, on: date) -> None:
    if t.who == LEADER:
        check_leader(record.bureau_id, by, t.label)
    else:
        check_officer(record.bureau_id, by, t.label, on)
    if record.status not in t.sources:
        raise violation("REG-STATE", f"当前状态为“{record.get_status_display()}”，不能办理“{t.label}”")


def site_guard(site, by, t: Step, on: date) -> None:
    """Who (REG-ROLE) and state (REG-STATE)."""
    _who(site, by, t, on)


def notice_guard(n, by, t: Step, on: date) -> None:
    """Who (REG-ROLE), state (REG-STATE), and the due day for escalation and removal (HUD-03)."""
    _who(n, by, t, on)
    if t.action in ("escalate", "remove"):
        R.check_overdue(due=n.due, on=on, what="移交立案" if t.action == "escalate" else "组织拆除")


# --- the contexts as the core's workflow machinery sees them ---------------------------------------------------------

def _perform(fn_table):
    def run(record, t: Step, by, data: dict):
        from fazhi.registers import actions

        data = dict(data)
        on, version = data.pop("on"), data.pop("expected_version", None)
        return getattr(actions, fn_table[t.action])(record, by=by, on=on, expected_version=version, **data)
    return run


def _load(model):
    def load(user, uuid):
        from django.shortcuts import get_object_or_404

        from fazhi.org.access import Kind, require
        from fazhi.registers.queries import scoped

        require(user, Kind.REGISTERS)
        return get_object_or_404(scoped(model, user), uuid=uuid)
    return load


def _open_work(model, open_states):
    def work(user):
        from fazhi.registers.queries import scoped

        if user.entity is None:
            return model.objects.none()
        return (scoped(model, user).filter(bureau_id=user.entity.pk, status__in=open_states)
                .select_related("bureau", "case").order_by("id")[:200])
    return work


def _site_wants(site, user, t: Step) -> bool:
    """A site's outcome is the officer's job once its case is closed or its demolition done; before that the case
    and the coercion record carry the work."""
    if t.action != "record_outcome":
        return True
    if site.status == S.REGISTERED:
        return False
    case = site.case
    return case is not None and (case.status in ("closed", "archived")
                                 or case.measures.filter(kind="demolish", status__in=("executed", "performed"))
                                 .exists())


def _notice_due(n, t: Step) -> date | None:
    return n.due if t.action == "comply" else None


def _present(kind: str):
    def present(record, user) -> dict:
        from django.utils import timezone

        from fazhi.registers import queries

        return (queries.site_detail if kind == "site" else queries.notice_detail)(record, user, timezone.localdate())
    return present


def _workflows() -> tuple[Workflow, Workflow]:
    from django.urls import reverse

    from fazhi.registers.models import Notice, Site
    from fazhi.registers.schemas import NOTICE_SCHEMAS, SITE_SCHEMAS

    sites = Workflow("registers/sites", "违法建设", tuple(SITE_TABLE), SITE_SCHEMAS, site_guard,
                     _perform({"open_case": "open_case", "link_case": "link_case",
                               "record_outcome": "record_outcome"}), _load(Site),
                     url=lambda s: reverse("register_site", args=[s.uuid]),
                     title=lambda s: f"{s.number} {s.structure}（{s.party_name}）", present=_present("site"),
                     open_work=_open_work(Site, (S.REGISTERED, S.IN_CASE)), op_prefix="site", wants=_site_wants)
    notices = Workflow("registers/notices", "整改通知", tuple(NOTICE_TABLE), NOTICE_SCHEMAS, notice_guard,
                       _perform({"comply": "comply", "escalate": "escalate", "remove": "remove"}), _load(Notice),
                       url=lambda n: reverse("register_notice", args=[n.uuid]),
                       title=lambda n: f"{n.number} {n.subject}（{n.party_name}）", present=_present("notice"),
                       open_work=_open_work(Notice, (N.ISSUED,)), due=_notice_due, op_prefix="notice")
    return sites, notices


SITES, NOTICES = _workflows()
