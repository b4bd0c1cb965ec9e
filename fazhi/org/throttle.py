"""Login throttling: every password check (the login page, the admin's, the token API) passes through
ThrottledModelBackend, which refuses a locked account or address before looking at the password and counts
failures (fazhi.org.actions). A locked account stays locked even for the right password until the lock period
ends or a leader or administrator lifts it."""
from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.security import client_address
from fazhi.org import actions
from fazhi.org.models import Lockout, LockoutKind


class Locked(PermissionDenied):
    def __init__(self, lockout: Lockout):
        self.lockout = lockout
        super().__init__(locked_message(lockout))


def locked_message(lockout: Lockout) -> str:
    until = timezone.localtime(lockout.locked_until).strftime("%H:%M")
    if lockout.kind == LockoutKind.ACCOUNT:
        return (f"该账号登录失败次数过多，已锁定至 {until}。请届时再试，或请本单位负责人、系统管理员解锁。")
    return (f"来自本地址的登录失败次数过多，已暂停登录至 {until}。请届时再试，或请系统管理员解锁。")


def current_lock(username: str | None, address: str | None, *, at=None) -> Lockout | None:
    at = at or timezone.now()
    q = Q()
    if username:
        q |= Q(kind=LockoutKind.ACCOUNT, key=username)
    if address:
        q |= Q(kind=LockoutKind.ADDRESS, key=address)
    if not q:
        return None
    return Lockout.objects.filter(q, locked_until__gt=at).order_by("kind").first()


def note_failure(username: str | None, address: str | None) -> None:
    """Count a failure against the address, and against the account if it exists (names that are not accounts
    are not stored: they would let anyone fill the table)."""
    if address:
        actions.login_failed(LockoutKind.ADDRESS, address)
    if username and get_user_model().objects.filter(username=username).exists():
        actions.login_failed(LockoutKind.ACCOUNT, username)


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = client_address(request) if request is not None else None
        lock = current_lock(username, address)
        if lock is not None:
            raise Locked(lock)  # Django's authenticate() stops at PermissionDenied: no other backend is asked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            note_failure(username, address)
        else:
            actions.login_succeeded(username)
        return user


class LockAwareMixin:
    """Says why a login was refused: locked (with until when and who can unlock) or a wrong password."""

    error_messages = {
        "invalid_login": "用户名或密码错误，请重新输入。连续输错将锁定账号。",
        "inactive": "该账号已停用。",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        address = client_address(self.request) if self.request is not None else None
        lock = current_lock(username, address)
        if lock is not None:
            raise forms.ValidationError(locked_message(lock), code="locked")
        try:
            return super().clean()
        except forms.ValidationError:
            lock = current_lock(username, address)  # this failure may have been the one that locked it
            if lock is not None:
                raise forms.ValidationError(locked_message(lock), code="locked") from None
            raise


class LoginForm(LockAwareMixin, AuthenticationForm):
    pass


class AdminLoginForm(LockAwareMixin, AdminAuthenticationForm):
    pass
