"""The only writers of org's access records: failed logins and the locks they lead to, unlocking, and API tokens
(issue, revoke). Every change of state is an event: a lock on `lockout:<uuid>`, a token on `staff:<uuid>`."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.org.models import LEADERS, ApiToken, Lockout, LockoutKind, Role, Staff, visible_bureau_ids


def _limit(kind: str) -> int:
    return settings.FAZHI_LOGIN_MAX_FAILURES if kind == LockoutKind.ACCOUNT else \
        settings.FAZHI_LOGIN_ADDRESS_MAX_FAILURES


def login_failed(kind: str, key: str, *, at=None) -> Lockout:
    """Count one failed login for an account or an address. Reaching the limit within the window locks it for
    the lock period; counting starts again after a lock."""
    at = at or timezone.now()
    window = timedelta(minutes=settings.FAZHI_LOGIN_WINDOW_MINUTES)
    with transaction.atomic():
        row, _ = Lockout.objects.select_for_update().get_or_create(kind=kind, key=key)
        if row.is_locked(at):
            return row
        if row.window_started_at is None or at - row.window_started_at > window:
            row.window_started_at, row.failures = at, 0
        row.failures += 1
        row.last_failure_at = at
        if row.failures >= _limit(kind):
            row.locked_until = at + timedelta(minutes=settings.FAZHI_LOGIN_LOCK_MINUTES)
            append_event(row.stream, "login_locked", actor=None, on=timezone.localdate(at),
                         data={"kind": kind, "key": key, "failures": row.failures,
                               "window_minutes": settings.FAZHI_LOGIN_WINDOW_MINUTES,
                               "until": row.locked_until.isoformat()})
            row.failures, row.window_started_at = 0, None
        row.save()
    return row


def login_succeeded(username: str) -> None:
    """A successful login clears the account's count of failures (not a lock: a locked account never gets here)."""
    Lockout.objects.filter(kind=LockoutKind.ACCOUNT, key=username, failures__gt=0).update(
        failures=0, window_started_at=None)


def may_unlock(user: Staff, lockout: Lockout) -> bool:
    """A leader or administrator unlocks the accounts of their own subtree; an address (which no bureau owns)
    only an administrator."""
    if user.is_superuser:
        return True
    if lockout.kind == LockoutKind.ADDRESS:
        return user.has_role(Role.ADMIN)
    if not user.has_role(Role.ADMIN, *LEADERS):
        return False
    owner = Staff.objects.filter(username=lockout.key).values_list("bureau_id", flat=True).first()
    scope = visible_bureau_ids(user)
    return owner is not None and (scope is None or owner in scope)


def unlock(lockout: Lockout, *, by: Staff, at=None) -> Lockout:
    at = at or timezone.now()
    if not may_unlock(by, lockout):
        raise NotPermitted("只有本单位负责人或系统管理员可以解除该锁定")
    with transaction.atomic():
        row = Lockout.objects.select_for_update().get(pk=lockout.pk)
        if not row.is_locked(at):
            raise ValueError("该账号或地址当前未被锁定")
        row.locked_until, row.failures, row.window_started_at = None, 0, None
        row.save()
        append_event(row.stream, "login_unlocked", actor=by, on=timezone.localdate(at),
                     data={"kind": row.kind, "key": row.key})
    return row


def locks_for(user: Staff, *, at=None) -> list[Lockout]:
    """The current locks this user may lift."""
    at = at or timezone.now()
    rows = Lockout.objects.filter(locked_until__gt=at).order_by("-locked_until")
    return [r for r in rows if may_unlock(user, r)]


# ------------------------------------------------------------------------------------------------ tokens


def issue_token(staff: Staff, name: str = "api", *, at=None) -> tuple[ApiToken, str]:
    """A new token for `staff` (who has just proved their password or is signed in). The key is shown once."""
    at = at or timezone.now()
    name = (name or "api").strip()[:60] or "api"
    with transaction.atomic():
        token, key = ApiToken.issue(staff, name)
        append_event(f"staff:{staff.uuid}", "token_issued", actor=staff, on=timezone.localdate(at),
                     data={"token": token.public_id, "name": name, "expires_at": token.expires_at.isoformat()})
    return token, key


def may_manage_token(user: Staff, token: ApiToken) -> bool:
    if user.is_superuser or token.staff_id == user.pk:
        return True
    if not user.has_role(Role.ADMIN):
        return False
    scope = visible_bureau_ids(user)
    return scope is None or token.staff.bureau_id in scope


def revoke_token(token: ApiToken, *, by: Staff, at=None) -> ApiToken:
    at = at or timezone.now()
    if not may_manage_token(by, token):
        raise NotPermitted("只能吊销本人的令牌；系统管理员可吊销本单位人员的令牌")
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().select_related("staff").get(pk=token.pk)
        if row.revoked_at:
            raise ValueError("该令牌已吊销")
        row.revoked_at, row.revoked_by = at, by.username
        row.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        append_event(f"staff:{row.staff.uuid}", "token_revoked", actor=by, on=timezone.localdate(at),
                     data={"token": row.public_id, "name": row.name})
    return row


def tokens_for(user: Staff):
    """The tokens this user may see and revoke: their own, and for an administrator those of their subtree."""
    qs = ApiToken.objects.select_related("staff__bureau").order_by("-created_at")
    if user.is_superuser:
        return qs
    if user.has_role(Role.ADMIN):
        scope = visible_bureau_ids(user)
        from django.db.models import Q

        return qs.filter(Q(staff=user) | Q(staff__bureau_id__in=scope or []))
    return qs.filter(staff=user)
