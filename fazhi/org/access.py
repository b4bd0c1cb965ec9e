"""Need to know (ACC-01): the one place that decides what each role may see, per kind of record.

Two questions, answered here and nowhere else:
- *Which kinds of record* a person may open at all (`kinds_for`, pure, from the GRANTS table). A role lacking the
  kind gets 403 with a Chinese message and its basis.
- *Which records of that kind*: the bureau subtree of the person's 执法主体 (org.models.visible_bureau_ids), and for
  数字化城管 issues the narrower scopes of the loop — a 处置单位's member sees the issues dispatched to the unit, a
  监督员 the issues they reported or checked and those waiting for a 核查 in the district. A record outside the
  scope is 404, as if it did not exist.

Views, the REST API, downloads, menus and queues ask this module; the case and issue querysets apply the same
scopes so that a forgotten check still leaks nothing. What a person may *do* to a record stays with each app's
actions (workflow actors, the command-centre roles), which re-check everything when they write.
"""
from __future__ import annotations

from enum import StrEnum
from functools import wraps

from django.db.models import Q

from fazhi.core.errors import NotPermitted
from fazhi.org.models import Role, visible_bureau_ids


class Kind(StrEnum):
    CASES = "cases"              # 行政处罚案件 with their documents, evidence and archive
    ISSUES = "issues"            # 数字化城管 issues of the subtree (the command-centre loop)
    OWN_ISSUES = "own_issues"    # the 监督员's own reports and checks
    UNIT_ISSUES = "unit_issues"  # the issues dispatched to one's 处置单位
    INSPECTIONS = "inspections"  # 涉企行政检查 and 双随机 draws
    REPORTS = "reports"          # 年度报告 and the leadership dashboard (驾驶舱)
    CATALOG = "catalog"          # 权责清单, 裁量基准, 免罚清单, 检查事项
    ADMIN = "admin"              # the administration back office
    READ_LOG = "read_log"        # who read which personal data
    PERMITS = "permits"          # 行政许可 applications, decisions, certificates and fees
    DISPUTES = "disputes"        # 行政复议答复, 行政应诉, 出庭, 司法建议和检察建议
    DECISIONS = "decisions"      # 重大行政决策, 合法性审查 and the other legal reviews
    SUPERVISION = "supervision"  # 案卷评查, 专项整治 problem lists, 督办
    REGISTERS = "registers"      # 违法建设 and 安全隐患整改 registers
    STAFF = "staff"              # 执法资格, certificates' history, training, 学法, 述法
    GRANTS = "grants"            # pending role grants and their approval (三员分立, SEC-02)
    AUDIT = "audit"              # the administrators' events (审计员, SEC-03)


KIND_LABELS = {
    Kind.CASES: "行政处罚案件", Kind.ISSUES: "数字化城管问题", Kind.OWN_ISSUES: "本人上报和核查的问题",
    Kind.UNIT_ISSUES: "派遣给本单位的问题", Kind.INSPECTIONS: "涉企行政检查", Kind.REPORTS: "年度报告和领导驾驶舱",
    Kind.CATALOG: "执法事项和裁量基准", Kind.ADMIN: "系统管理", Kind.READ_LOG: "个人信息查阅记录",
    Kind.PERMITS: "行政许可", Kind.DISPUTES: "行政复议和行政应诉", Kind.DECISIONS: "重大行政决策和合法性审查",
    Kind.SUPERVISION: "执法监督", Kind.REGISTERS: "违法建设和隐患整改台账", Kind.STAFF: "执法人员资格和培训",
    Kind.GRANTS: "角色授权审批", Kind.AUDIT: "管理员操作审计记录",
}

_LEADER = frozenset({Kind.CASES, Kind.ISSUES, Kind.INSPECTIONS, Kind.REPORTS, Kind.CATALOG, Kind.READ_LOG})
_LOOP = frozenset({Kind.ISSUES})

# What each role's work needs. A person with several roles has the union. Enforcement officers inspect
# enterprises (INS-01) and handle cases; the 法制审核员 reviews cases; the 执法监督员 supervises cases and inspections;
# the command centre runs the issue loop and never sees a penalty case; the 系统管理员 manages accounts and lists.
GRANTS: dict[str, frozenset[Kind]] = {
    Role.OFFICER: frozenset({Kind.CASES, Kind.INSPECTIONS, Kind.CATALOG}),
    Role.SQUAD_LEADER: frozenset({Kind.CASES, Kind.INSPECTIONS, Kind.CATALOG, Kind.REPORTS}),
    Role.LEGAL_REVIEWER: frozenset({Kind.CASES, Kind.CATALOG, Kind.REPORTS}),
    Role.DEPUTY_HEAD: _LEADER,
    Role.HEAD: _LEADER,
    Role.SUPERVISOR: frozenset({Kind.CASES, Kind.INSPECTIONS, Kind.REPORTS, Kind.CATALOG}),
    Role.ADMIN: frozenset({Kind.ADMIN, Kind.CATALOG}),
    # 三员分立 (SEC-01..03): the 安全管理员 reaches the staff list to grant roles (not the settings it cannot change);
    # the 审计员 reads the read log and the administrators' events, nothing else.
    Role.SECURITY_ADMIN: frozenset({Kind.ADMIN}),
    Role.AUDITOR: frozenset({Kind.READ_LOG, Kind.AUDIT}),
    Role.PATROLLER: frozenset({Kind.OWN_ISSUES}),
    Role.OPERATOR: _LOOP,
    Role.SHIFT_LEADER: _LOOP,
    Role.DISPATCHER: _LOOP,
    Role.COMMANDER: _LOOP,
}

# The kinds of the later contexts, one line each: which roles' work needs them. Folded into GRANTS below, so a
# context's readers are read (and changed) in one place.
READERS: dict[Kind, frozenset[str]] = {
    Kind.PERMITS: frozenset({Role.WINDOW_CLERK, Role.PERMIT_REVIEWER, Role.HEAD, Role.DEPUTY_HEAD, Role.SUPERVISOR,
                             Role.OFFICER, Role.SQUAD_LEADER}),
    Kind.DISPUTES: frozenset({Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER, Role.HEAD, Role.DEPUTY_HEAD,
                              Role.SUPERVISOR}),
    Kind.DECISIONS: frozenset({Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER, Role.HEAD, Role.DEPUTY_HEAD,
                               Role.SUPERVISOR}),
    Kind.SUPERVISION: frozenset({Role.SUPERVISOR, Role.LEGAL_REVIEWER, Role.HEAD, Role.DEPUTY_HEAD,
                                 Role.SQUAD_LEADER}),
    Kind.REGISTERS: frozenset({Role.OFFICER, Role.SQUAD_LEADER, Role.HEAD, Role.DEPUTY_HEAD, Role.SUPERVISOR}),
    Kind.STAFF: frozenset({Role.ADMIN, Role.HEAD, Role.DEPUTY_HEAD, Role.SUPERVISOR}),
    Kind.GRANTS: frozenset({Role.SECURITY_ADMIN, Role.HEAD, Role.ADMIN, Role.AUDITOR}),
}
for _kind, _roles in READERS.items():
    for _role in _roles:
        GRANTS[_role] = GRANTS.get(_role, frozenset()) | {_kind}

ISSUE_KINDS = (Kind.ISSUES, Kind.OWN_ISSUES, Kind.UNIT_ISSUES)


def kinds_for(roles, *, unit_member: bool = False, superuser: bool = False) -> frozenset[Kind]:
    """The kinds of record a person with `roles` may see (pure). A 处置单位's member, whatever their roles, sees
    the issues sent to the unit."""
    if superuser:
        return frozenset(Kind)
    out: set[Kind] = set()
    for r in roles:
        out |= GRANTS.get(r, frozenset())
    if unit_member:
        out.add(Kind.UNIT_ISSUES)
    return frozenset(out)


# --- the person -------------------------------------------------------------------------------------------------

def unit_ids(user) -> list[int]:
    """The 处置单位 the user belongs to (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.pk:
        return []
    if not hasattr(user, "_unit_ids"):
        user._unit_ids = list(user.citydesk_units.values_list("pk", flat=True))
    return user._unit_ids


def _role_kinds(user) -> frozenset[Kind]:
    if not hasattr(user, "_role_kinds"):
        user._role_kinds = kinds_for(user.roles, superuser=user.is_superuser)
    return user._role_kinds


def kinds(user) -> frozenset[Kind]:
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_access_kinds"):
        user._access_kinds = kinds_for(user.roles, unit_member=bool(unit_ids(user)), superuser=user.is_superuser)
    return user._access_kinds


def may(user, *wanted: Kind) -> bool:
    """Whether the user may see records of any of the `wanted` kinds. The roles (one query, loaded once per
    request) answer most questions; unit membership is looked up only when it can change the answer."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if _role_kinds(user) & set(wanted):
        return True
    return Kind.UNIT_ISSUES in wanted and Kind.UNIT_ISSUES in kinds(user)


def adviser_only(user, kind: Kind) -> bool:
    """Whether the user's access to `kind` comes from the 法律顾问 role alone. An adviser (under contract, or a
    公职律师) reads the records assigned to them and their own bureau's — not the bureaus below (ACC-01, issue #32:
    the city's adviser read every district's applicants and claims though no step there was theirs)."""
    if user is None or not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    roles = user.roles
    if Role.LEGAL_ADVISER not in roles:
        return False
    return not any(kind in GRANTS.get(r, frozenset()) for r in roles if r != Role.LEGAL_ADVISER)


class AccessDenied(NotPermitted):
    """The person's role has no access to this kind of record: 403 with the reason and basis (ACC-01)."""

    def __init__(self, kind: Kind, user=None):
        roles = "、".join(Role(r).label for r in sorted(user.roles)) if user is not None and user.roles else ""
        who = f"您的岗位（{roles}）" if roles else "您的账号"
        super().__init__(f"{who}无权查阅{KIND_LABELS[kind]}：工作人员只能查阅履行职责所必需的信息", "ACC-01")


def require(user, *wanted: Kind) -> None:
    """Refuse (403) unless the user may see one of the `wanted` kinds."""
    if not may(user, *wanted):
        raise AccessDenied(wanted[0], user)


def needs(*wanted: Kind):
    """A staff page for one kind of record: login required, then the role's access; a refusal is the 403 page in
    Chinese with its basis."""
    from django.contrib.auth.decorators import login_required

    def decorate(view):
        @login_required
        @wraps(view)
        def inner(request, *args, **kwargs):
            if not may(request.user, *wanted):
                return forbidden_page(request, AccessDenied(wanted[0], request.user))
            return view(request, *args, **kwargs)

        return inner

    return decorate


def forbidden_page(request, e: NotPermitted):
    """The 403 page: what was refused, and why."""
    from django.shortcuts import render

    return render(request, "403.html", {"refusal": e.shown()}, status=403)


# --- the records of a kind --------------------------------------------------------------------------------------

def case_bureau_ids(user, under: str | None = None) -> list[int] | None:
    """The bureaus whose cases the user may see: [] without case access, None for all (superuser)."""
    if not may(user, Kind.CASES):
        return []
    return visible_bureau_ids(user, under)


def issue_filter(user) -> Q | None:
    """The issues the user may see, as one filter (None: nothing). The loop and leaders see their subtree's
    regions; a 监督员 their own reports and checks and what waits for a 核查 in their district; a unit member what
    was dispatched to the unit; a case's officers the issues handed over to the cases they can see."""
    from fazhi.citydesk.models import IssueStatus

    k = kinds(user)
    if user is not None and getattr(user, "is_superuser", False):
        return Q()
    entity = user.entity if k else None
    parts = []
    if Kind.ISSUES in k and entity is not None:
        parts.append(Q(region__bureau__path__startswith=entity.path))
    if Kind.OWN_ISSUES in k:
        parts.append(Q(reported_by=user) | Q(verified_by=user))
        if entity is not None:
            parts.append(Q(status=IssueStatus.HANDLED, region__bureau__path__startswith=entity.path))
    if Kind.UNIT_ISSUES in k:
        parts.append(Q(unit_id__in=unit_ids(user)))
    if Kind.CASES in k:
        ids = case_bureau_ids(user)
        if ids:
            parts.append(Q(case__bureau_id__in=ids))
    if not parts:
        return None
    q = parts[0]
    for p in parts[1:]:
        q |= p
    return q


def issues_for(user, qs=None):
    """The issues queryset narrowed to what the user may see."""
    from fazhi.citydesk.models import Issue

    qs = Issue.objects.all() if qs is None else qs
    q = issue_filter(user)
    return qs.none() if q is None else qs.filter(q)


def subtree_path(user) -> str | None:
    """The path prefix of the user's 执法主体 (None: no bureau)."""
    entity = user.entity if user is not None and getattr(user, "is_authenticated", False) else None
    return entity.path if entity is not None else None


def menu(user) -> dict[str, bool]:
    """Which main-menu entries a person sees (the same decisions as the pages behind them)."""
    k = kinds(user)
    return {"cases": Kind.CASES in k, "issues": bool(k & set(ISSUE_KINDS)), "loop": Kind.ISSUES in k,
            "patrol": Kind.OWN_ISSUES in k,
            "inspections": Kind.INSPECTIONS in k, "catalog": Kind.CATALOG in k, "reports": Kind.REPORTS in k,
            "read_log": Kind.READ_LOG in k, "admin": Kind.ADMIN in k or bool(getattr(user, "is_staff", False)),
            "permits": Kind.PERMITS in k,
            "disputes": Kind.DISPUTES in k,
            "decisions": Kind.DECISIONS in k,
            "supervision": Kind.SUPERVISION in k,
            "registers": Kind.REGISTERS in k,
            "staff": Kind.STAFF in k,
            "grants": Kind.GRANTS in k,
            "audit": Kind.AUDIT in k}


def context(request):
    """Template context processor: `may` for menus and page sections."""
    user = getattr(request, "user", None)
    return {"may": menu(user) if user is not None and user.is_authenticated else {}}


# --- the personal-data read log ---------------------------------------------------------------------------------

def record_read(user, *, bureau_id: int, record: str, label: str, what: str, channel: str = "web") -> None:
    """Log one read of personal data (one insert). Called by the pages, downloads and API endpoints that show a
    party's or reporter's personal data, after the access check passed."""
    from django.utils import timezone

    from fazhi.org.models import PersonalDataRead

    PersonalDataRead.objects.create(at=timezone.now(), staff_id=user.pk, bureau_id=bureau_id, record=record,
                                    label=label[:120], what=what[:120], channel=channel)


def record_case_read(user, case, what: str, channel: str = "web") -> None:
    record_read(user, bureau_id=case.bureau_id, record=case.stream, channel=channel, what=what,
                label=case.case_no or case.decision_no or f"未立案案件（{case.discovered_on:%Y-%m-%d}发现）")


def record_record_read(user, record, *, label: str, what: str, channel: str = "web") -> None:
    """Log a read of a record of a later context (a dispute, a major decision, a legal review) that holds personal
    data — an applicant's name and claim, a party named in a reviewed document, experts and participants — like a
    case read: by its bureau and its stream, named by its number or title, never by a person's name."""
    record_read(user, bureau_id=record.bureau_id, record=record.stream, label=label, what=what, channel=channel)


# --- pickers ----------------------------------------------------------------------------------------------------

OFFICER_FIELDS = ("officers", "lead", "add")  # 承办人员 chosen on a form


def certified_officers(bureau, on):
    """承办人员 a form may offer: active enforcement officers of the bureau's subtree holding a valid 行政执法证 on
    `on` (PEN-04; HUD-04: auxiliary staff without one may not enforce)."""
    from fazhi.org.models import Staff

    staff = (Staff.objects.filter(bureau__path__startswith=bureau.path, is_active=True,
                                  role_grants__role__in=[Role.OFFICER, Role.SQUAD_LEADER])
             .distinct().prefetch_related("certificates").order_by("username"))
    return [s for s in staff if s.is_certified_on(on)]


def staff_pickers(bureau, on, *, exclude=None) -> dict[str, list[tuple[str, str]]]:
    """Choices per staff field of the case forms: certified officers for the 承办人员 fields, the subtree's active
    staff for the others (审批负责人, 讨论参加人员, 听证主持人)."""
    from fazhi.org.models import Staff

    def shown(rows):
        return [(s.username, f"{s}（{s.username}）") for s in rows if exclude is None or s.pk != exclude.pk]

    officers = shown(certified_officers(bureau, on))
    everyone = shown(Staff.objects.filter(bureau__path__startswith=bureau.path, is_active=True).order_by("username"))
    return {**{f: officers for f in OFFICER_FIELDS}, "*": everyone}
