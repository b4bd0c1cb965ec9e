"""三员分立 as pure rules (fazhi/law/separation.py; SEC-01, SEC-02)."""
import pytest

from fazhi.law.basis import RuleViolation
from fazhi.law.separation import (
    ADMINISTRATORS,
    NEEDS_APPROVAL,
    account_roles_refusal,
    approval_refusal,
    plan_role_change,
)


def plan(actor, before, after, own=False, superuser=False):
    return plan_role_change(actor_roles=actor, actor_is_superuser=superuser, own=own, before=before, after=after)


def test_the_security_administrator_grants_ordinary_roles_at_once_and_sensitive_ones_on_approval():
    c = plan({"security_admin"}, {"officer"}, {"officer", "squad_leader", "head", "legal_reviewer"})
    assert c.granted == {"squad_leader"} and c.requested == {"head", "legal_reviewer"} and not c.withdrawn


def test_withdrawing_is_at_once():
    c = plan({"security_admin"}, {"officer", "head"}, {"officer"})
    assert c.withdrawn == {"head"} and not c.granted and not c.requested


@pytest.mark.parametrize("actor, own, message", [
    ({"admin"}, False, "系统管理员"),
    ({"head"}, False, "安全管理员授予"),
    ({"auditor"}, False, "安全管理员授予"),
    ({"security_admin"}, True, "不得为自己"),
    ({"admin"}, True, "不得为自己"),
])
def test_who_may_not_change_roles(actor, own, message):
    with pytest.raises(RuleViolation) as e:
        plan(actor, {"officer"}, {"officer", "head"}, own=own)
    assert e.value.code == "SEC-01" and message in e.value.message


def test_no_change_is_no_refusal_even_for_oneself():
    assert plan({"admin"}, {"admin"}, {"admin"}, own=True).empty


@pytest.mark.parametrize("roles", [{"admin", "auditor"}, {"security_admin", "auditor"}, {"admin", "security_admin"}])
def test_administrator_roles_are_never_combined(roles):
    with pytest.raises(RuleViolation) as e:
        plan({"security_admin"}, set(), roles)
    assert "兼任" in e.value.message


def test_every_leader_legal_and_administrator_role_needs_a_second_person():
    assert {"head", "deputy_head", "legal_reviewer", "legal_adviser"} | ADMINISTRATORS == NEEDS_APPROVAL


def test_a_new_account_gets_no_role_from_the_system_administrator():
    assert account_roles_refusal(actor_roles={"admin"}, roles=[]) is None
    e = account_roles_refusal(actor_roles={"admin"}, roles=["officer"])
    assert e is not None and e.code == "SEC-01"


def _approve(roles, *, requester=False, grantee=False, scope=True, held=(), role="head"):
    return approval_refusal(approver_roles=roles, is_requester=requester, is_grantee=grantee, in_scope=scope,
                            grantee_roles=held, role=role)


def test_who_approves_a_pending_grant():
    assert _approve({"head"}) is None and _approve({"security_admin"}) is None
    for refusal in (_approve({"security_admin"}, requester=True), _approve({"head"}, grantee=True),
                    _approve({"deputy_head"}), _approve({"admin"}), _approve({"auditor"}),
                    _approve({"head"}, scope=False), _approve({"head"}, held={"admin"}, role="auditor")):
        assert refusal is not None and refusal.code in ("SEC-01", "SEC-02")
