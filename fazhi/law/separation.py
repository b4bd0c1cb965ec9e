"""三员分立 (SEC-01, SEC-02): who may change whose roles, and which grants wait for a second person.

GB/T 22239—2019 (等保 2.0, the standard 网络安全法第二十一条 refers to) asks for separate system, security and audit
administrators (8.1.7.1), the least privilege for each with their powers kept apart (8.1.4.2 c), and an approval
step for important operations (8.1.7.3). Read here as:

- the 系统管理员 manages accounts, certificates and settings and grants no role, not even to a new account;
- the 安全管理员 grants and withdraws roles, never their own;
- nobody changes their own roles, and one person holds at most one of the three administrator roles;
- a grant of a leader's, the 法制审核's, the 法律顾问's or an administrator's role is requested, and takes effect only
  when a second person approves it: the 局长 of the grantee's bureau (or one above it) or a 安全管理员, never the one
  who requested it nor the grantee;
- withdrawing a role takes effect at once (it only narrows what someone may do).

Pure: roles are their codes (org.models.Role values); a refusal is a RuleViolation with its rule.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fazhi.law.basis import RuleViolation
from fazhi.law.rules import violation

SYSTEM_ADMIN = "admin"
SECURITY_ADMIN = "security_admin"
AUDITOR = "auditor"
ADMINISTRATORS = frozenset({SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR})
HEAD = "head"
LEADERS = frozenset({HEAD, "deputy_head"})
# Grants that wait for a second person's approval (SEC-02).
NEEDS_APPROVAL = LEADERS | frozenset({"legal_reviewer", "legal_adviser"}) | ADMINISTRATORS
APPROVERS = frozenset({HEAD, SECURITY_ADMIN})


@dataclass(frozen=True)
class RoleChange:
    """What a requested set of roles means: roles granted at once, roles requested (pending a second person's
    approval) and roles withdrawn at once."""

    granted: frozenset[str]
    requested: frozenset[str]
    withdrawn: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.granted or self.requested or self.withdrawn)


def _administrators_combined(roles: Iterable[str]) -> RuleViolation | None:
    held = ADMINISTRATORS & set(roles)
    if len(held) > 1:
        return violation("SEC-01", "系统管理员、安全管理员、审计员不得由一人兼任（三员分立）")
    return None


def plan_role_change(*, actor_roles: Iterable[str], actor_is_superuser: bool = False, own: bool,
                     before: Iterable[str], after: Iterable[str]) -> RoleChange:
    """The change from `before` to `after` as `actor` asks it, or a RuleViolation (SEC-01) when the actor may not
    make it. No change at all is no refusal."""
    held, wanted = frozenset(before), frozenset(after)
    change = RoleChange(granted=frozenset(r for r in wanted - held if r not in NEEDS_APPROVAL),
                        requested=frozenset(r for r in wanted - held if r in NEEDS_APPROVAL),
                        withdrawn=held - wanted)
    if change.empty:
        return change
    if own:
        raise violation("SEC-01", "任何人不得为自己授予、变更或取消角色：请由本单位安全管理员办理，授予须经另一人批准")
    actor = frozenset(actor_roles)
    if SECURITY_ADMIN not in actor and not actor_is_superuser:
        if SYSTEM_ADMIN in actor:
            raise violation("SEC-01", "系统管理员管理账号、执法证和本局设置，不授予角色：角色由安全管理员授予")
        raise violation("SEC-01", "角色由安全管理员授予")
    combined = _administrators_combined(wanted)
    if combined is not None:
        raise combined
    return change


def account_roles_refusal(*, actor_roles: Iterable[str], roles: Iterable[str]) -> RuleViolation | None:
    """A new account is created by the 系统管理员 without roles: any role on creation is refused (SEC-01)."""
    if set(roles):
        return violation("SEC-01", "系统管理员只创建账号，不授予角色：新账号的角色由安全管理员授予"
                         + ("" if SYSTEM_ADMIN in set(actor_roles) else "（创建账号由系统管理员办理）"))
    return None


def approval_refusal(*, approver_roles: Iterable[str], approver_is_superuser: bool = False,
                     is_requester: bool, is_grantee: bool, in_scope: bool,
                     grantee_roles: Iterable[str], role: str) -> RuleViolation | None:
    """Why this person may not approve (or reject) a pending grant of `role`, or None (SEC-02)."""
    if is_requester:
        return violation("SEC-02", "授权须由申请人以外的另一人批准：您是该授权的申请人")
    if is_grantee:
        return violation("SEC-02", "不得批准授予本人的角色")
    if not approver_is_superuser and not APPROVERS & set(approver_roles):
        return violation("SEC-02", "授权由被授权人所在单位（或上级单位）的局长或安全管理员批准")
    if not in_scope:
        return violation("SEC-02", "只能批准本单位及下级单位人员的授权")
    return _administrators_combined({*grantee_roles, role})
