"""The only writers of org's access records: failed logins and the locks they lead to, unlocking, and API tokens
(issue, revoke). Every change of state is an event: a lock on `lockout:<uuid>`, a token on `staff:<uuid>`."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.law import separation
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import violation
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
        raise NotPermitted("只有该账号所在单位（或其上级）的负责人、系统管理员可以解除该锁定；来源地址的锁定由系统管理员解除",
                           "SEC-04")
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
        raise NotPermitted("只能吊销本人的令牌；系统管理员可吊销本单位及下级单位人员的令牌", "SEC-04")
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


# --- administration (系统管理): staff, roles, 行政执法证 and the bureau's local settings ------------------------------
# The in-product back office calls these; each checks who may, validates everything, then writes in one
# transaction with its event on `staff:<uuid>` or `bureau:<uuid>`. A bad value is a BadInput (400 on a page).

class BadInput(ValueError):
    """A value the administrator typed that cannot be saved; the page shows the message."""


def may_administer(user, bureau=None) -> bool:
    """系统管理员 manage the staff, certificates and settings of their own bureau and those below it."""
    if user.is_superuser:
        return True
    if not user.has_role(Role.ADMIN):
        return False
    if bureau is None:
        return True
    ids = visible_bureau_ids(user)
    return ids is None or bureau.pk in ids


def _check_admin(by, bureau) -> None:
    if not may_administer(by, bureau):
        if by.has_role(Role.ADMIN):
            raise NotPermitted("只能管理本机构及下级机构的人员、执法证和设置", "SEC-04")
        raise NotPermitted("人员账号、执法证和本局设置由本机构或上级机构的系统管理员管理", "SEC-01")


def may_grant(user, bureau=None) -> bool:
    """安全管理员 grant and withdraw the roles of their own bureau's and lower bureaus' staff (SEC-01)."""
    if user.is_superuser:
        return True
    if not user.has_role(Role.SECURITY_ADMIN):
        return False
    if bureau is None:
        return True
    ids = visible_bureau_ids(user)
    return ids is None or bureau.pk in ids


def _refused_grant(e, *, by, staff=None, data: dict) -> None:
    """A refused grant attempt leaves its trace for the 审计员 (SEC-03): one event on the target's stream (or, for
    an account not created, the actor's), written apart from the refused change, which writes nothing."""
    target = staff if staff is not None and staff.pk else by
    with transaction.atomic():
        Staff.objects.select_for_update().filter(pk=target.pk).first()
        append_event(f"staff:{target.uuid}", "grant_refused", actor=by, on=timezone.localdate(),
                     data={**data, "rule": e.code, "reason": e.message})


def _roles(roles) -> list[str]:
    chosen = sorted(set(roles))
    unknown = [r for r in chosen if r not in Role.values]
    if unknown:
        raise BadInput("角色不在可选范围内")
    return chosen


def _staff_event(staff, kind: str, by, data: dict) -> None:
    append_event(f"staff:{staff.uuid}", kind, actor=by, on=timezone.localdate(), data=data)


def add_staff(*, by, bureau, username: str, full_name: str, password: str, roles, phone: str = "",
              certificate: dict | None = None) -> Staff:
    """A new account in `bureau` with its roles and, optionally, its 行政执法证 (number, issuer, valid_from,
    valid_until) — all or nothing; the password must pass the password rules."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    _check_admin(by, bureau)
    roles = _roles(roles)
    refusal = separation.account_roles_refusal(actor_roles=by.roles, roles=roles)
    if refusal is not None:  # SEC-01: the 系统管理员 creates the account; its roles come from the 安全管理员
        _refused_grant(refusal, by=by, data={"username": username.strip()[:150], "roles": roles,
                                             "attempt": "add_staff"})
        raise NotPermitted(refusal.message, "SEC-01")
    username, full_name, phone = username.strip(), full_name.strip(), phone.strip()
    if not username or len(username) > 150 or not all(ch.isalnum() or ch in "._-" for ch in username):
        raise BadInput("账号只能由字母、数字和 . _ - 组成，且不超过150个字符")
    if not full_name or len(full_name) > 40:
        raise BadInput("请填写姓名（不超过40个字）")
    if len(phone) > 20:
        raise BadInput("电话不超过20个字符")
    with transaction.atomic():
        if Staff.objects.filter(username=username).exists():
            raise BadInput(f"账号“{username}”已存在")
        staff = Staff(username=username, full_name=full_name, phone=phone, bureau=bureau)
        try:
            validate_password(password, staff)
        except ValidationError as e:
            raise BadInput("密码不符合要求：" + "；".join(e.messages))
        staff.set_password(password)
        staff.save()
        from fazhi.org.models import RoleGrant

        RoleGrant.objects.bulk_create([RoleGrant(staff=staff, role=r) for r in roles])
        _staff_event(staff, "staff_added", by, {"username": username, "bureau": bureau.code, "roles": roles})
        if certificate:
            issue_certificate(staff, by=by, **certificate)
    return staff


def set_roles(staff, *, by, roles, reason: str = "", on=None) -> list:
    """The 安全管理员 sets a person's roles (SEC-01): withdrawals and ordinary roles take effect at once; a leader's,
    the 法制审核's, the 法律顾问's or an administrator's role becomes a pending grant that a second person approves
    (SEC-02). Nobody changes their own roles; the 系统管理员 changes none. A refused attempt is recorded for the
    审计员. Returns the pending grants this created."""
    from fazhi.org.models import RoleGrant, RoleGrantRequest

    on = on or timezone.localdate()
    roles = _roles(roles)
    reason = (reason or "").strip()
    if len(reason) > 200:
        raise BadInput("授权理由不超过200个字")
    before = sorted(RoleGrant.objects.filter(staff=staff).values_list("role", flat=True))
    try:
        if not may_grant(by, staff.bureau) and by.has_role(Role.SECURITY_ADMIN):
            raise NotPermitted("只能办理本机构及下级机构人员的角色", "SEC-04")
        change = separation.plan_role_change(actor_roles=by.roles, actor_is_superuser=by.is_superuser,
                                             own=staff.pk == by.pk, before=before, after=roles)
    except RuleViolation as e:
        _refused_grant(e, by=by, staff=staff, data={"before": before, "wanted": roles, "attempt": "set_roles"})
        raise NotPermitted(e.message, e.code) from None
    if change.empty:
        return []
    with transaction.atomic():
        Staff.objects.select_for_update().get(pk=staff.pk)
        RoleGrant.objects.filter(staff=staff, role__in=change.withdrawn).delete()
        RoleGrant.objects.bulk_create([RoleGrant(staff=staff, role=r) for r in sorted(change.granted)])
        after = sorted((set(before) - change.withdrawn) | change.granted)
        if change.granted or change.withdrawn:
            _staff_event(staff, "roles_changed", by, {"before": before, "after": after})
        pending = []
        waiting = set(RoleGrantRequest.objects.filter(staff=staff, status="pending").values_list("role", flat=True))
        for r in sorted(change.requested - waiting):
            req = RoleGrantRequest.objects.create(staff=staff, role=r, reason=reason, requested_by=by,
                                                  requested_on=on)
            _staff_event(staff, "grant_requested", by, {"request": str(req.uuid), "role": r, "reason": reason})
            pending.append(req)
    staff.__dict__.pop("_roles", None)
    return pending


def may_decide_grant(by, req) -> bool:
    return grant_refusal(by, req) is None


def grant_refusal(by, req):
    """Why `by` may not approve or reject the pending grant `req` (SEC-02), or None."""
    entity = by.entity
    grantee_path = req.staff.bureau.path if req.staff.bureau_id else ""
    in_scope = by.is_superuser or (entity is not None and grantee_path.startswith(entity.path))
    return separation.approval_refusal(
        approver_roles=by.roles, approver_is_superuser=by.is_superuser, is_requester=req.requested_by_id == by.pk,
        is_grantee=req.staff_id == by.pk, in_scope=in_scope,
        grantee_roles=req.staff.roles, role=req.role)


def decide_grant(req, *, by, on, approve: bool, note: str = ""):
    """Approve (the role takes effect now) or reject a pending grant (SEC-02), with an event on the grantee's
    stream. The guard (who, state) runs first, on the locked row (org.workflow)."""
    from fazhi.core.workflow import check
    from fazhi.org.models import RoleGrant, RoleGrantRequest
    from fazhi.org.workflow import GRANTS

    note = (note or "").strip()
    if len(note) > 200:
        raise BadInput("意见不超过200个字")
    with transaction.atomic():
        row = (RoleGrantRequest.objects.select_for_update(of=("self",)).select_related("staff__bureau", "requested_by")
               .get(pk=req.pk))
        row.staff.__dict__.pop("_roles", None)
        check(GRANTS, row, by, GRANTS.step("approve" if approve else "reject"), on)
        if on > timezone.localdate():
            raise violation("SEC-02", "批准日期不得晚于今天")
        if on < row.requested_on:
            raise violation("SEC-02", "批准日期不得早于申请日期")
        row.status = "approved" if approve else "rejected"
        row.decided_by, row.decided_on, row.note = by, on, note
        row.version += 1
        row.save(update_fields=["status", "decided_by", "decided_on", "note", "version", "updated_at"])
        if approve:
            RoleGrant.objects.get_or_create(staff=row.staff, role=row.role)
        _staff_event(row.staff, "grant_approved" if approve else "grant_rejected", by,
                     {"request": str(row.uuid), "role": row.role, "requested_by": row.requested_by.username,
                      "note": note})
    row.staff.__dict__.pop("_roles", None)
    return row


def set_active(staff, *, by, active: bool, reason: str) -> Staff:
    """停用 (an account is never deleted: its acts stay attributed) or 启用 again."""
    _check_admin(by, staff.bureau)
    reason = reason.strip()
    if not active and not reason:
        raise BadInput("停用账号须写明原因（如：调离、退休）")
    if staff.pk == by.pk and not active:
        raise BadInput("不能停用自己的账号")
    with transaction.atomic():
        Staff.objects.filter(pk=staff.pk).update(is_active=active)
        staff.is_active = active
        _staff_event(staff, "staff_enabled" if active else "staff_disabled", by, {"reason": reason})
    return staff


def issue_certificate(staff, *, by, number: str, issuer: str, valid_from, valid_until):
    """登记一张行政执法证 (PEN-04, HUD-04: only a holder of a valid certificate may take enforcement steps)."""
    from fazhi.org.models import Certificate

    _check_admin(by, staff.bureau)
    number, issuer = number.strip(), issuer.strip()
    if not number or len(number) > 40:
        raise BadInput("请填写执法证编号（不超过40个字符）")
    if not issuer or len(issuer) > 60:
        raise BadInput("请填写发证机关（不超过60个字）")
    if valid_until < valid_from:
        raise BadInput("有效期止不得早于有效期起")
    with transaction.atomic():
        if Certificate.objects.filter(number=number).exists():
            raise BadInput(f"执法证编号“{number}”已登记")
        cert = Certificate.objects.create(staff=staff, number=number, issuer=issuer, valid_from=valid_from,
                                          valid_until=valid_until)
        _staff_event(staff, "certificate_issued", by, {"number": number, "issuer": issuer,
                                                       "valid_from": valid_from.isoformat(),
                                                       "valid_until": valid_until.isoformat()})
    return cert


def revoke_certificate(cert, *, by, on, reason: str):
    """注销 a certificate from `on`: from that day its holder can no longer act (PEN-04)."""
    _check_admin(by, cert.staff.bureau)
    reason = reason.strip()
    if not reason or len(reason) > 200:
        raise BadInput("请写明注销原因（不超过200个字）")
    if cert.revoked_on:
        raise BadInput("该执法证已注销")
    if on > timezone.localdate():
        raise BadInput("注销日期不得晚于今天")
    if on < cert.valid_from:
        raise BadInput("注销日期不得早于有效期起")
    with transaction.atomic():
        cert.revoked_on, cert.revoked_reason, cert.status, cert.cancel_kind = on, reason, "cancelled", "注销"
        cert.save(update_fields=["revoked_on", "revoked_reason", "status", "cancel_kind", "updated_at"])
        _staff_event(cert.staff, "certificate_revoked", by, {"number": cert.number, "on": on.isoformat(),
                                                             "reason": reason})
    return cert


def change_settings(bureau, *, by, values: dict):
    """本局设置: local legal values with their sources (SETTINGS in org/settings_catalogue.py); each change is
    recorded with the old and new value."""
    from fazhi.org.settings_catalogue import SETTINGS, parse_setting

    _check_admin(by, bureau)
    changed = {}
    parsed = {}
    for s in SETTINGS:
        if s.field not in values:
            continue
        new = parse_setting(s, values[s.field])
        old = getattr(bureau, s.field)
        if new != old:
            parsed[s.field] = new
            changed[s.field] = {"before": str(old), "after": str(new)}
    if not changed:
        return bureau
    with transaction.atomic():
        for field, new in parsed.items():
            setattr(bureau, field, new)
        bureau.save(update_fields=[*parsed, "updated_at"])
        append_event(f"bureau:{bureau.uuid}", "settings_changed", actor=by, on=timezone.localdate(),
                     data=changed)
    return bureau
