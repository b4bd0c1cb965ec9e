"""Org pages. The personal-data read log for leaders (ACC-01): who read which record's personal data, and when,
within the leader's subtree (read-only: entries are written by org.access.record_read and never edited). Account
security: the signed-in user's API tokens, and the login locks a leader or administrator may lift (every change
through fazhi.org.actions)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import NotPermitted, refused
from fazhi.org import actions
from fazhi.org.access import Kind, needs
from fazhi.org.models import ApiToken, Lockout, PersonalDataRead
from fazhi.org.throttle import LoginForm

PAGE = 200


@needs(Kind.READ_LOG)
def read_log(request):
    entity = request.user.entity
    rows = PersonalDataRead.objects.select_related("staff", "bureau").order_by("-at", "-id")
    if not request.user.is_superuser:
        rows = rows.filter(bureau__path__startswith=entity.path) if entity else rows.none()
    who = request.GET.get("staff", "").strip()[:150]
    record = request.GET.get("record", "").strip()[:64]
    if who:
        rows = rows.filter(staff__username=who)
    if record:
        rows = rows.filter(label__contains=record) | rows.filter(record=record)
    return render(request, "org/read_log.html", {"rows": rows[:PAGE], "page": PAGE, "who": who, "record": record})


class Login(LoginView):
    """The login page. A locked account or address answers 429 (AUTH-LOCKED) with the lock's end and who can lift
    it, not a plain re-shown form."""

    form_class = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(e.code == "locked" for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


@login_required
def tokens(request):
    now = timezone.now()
    rows = [(t, *t.state(now)) for t in actions.tokens_for(request.user)[:200]]
    return render(request, "org/tokens.html", {"rows": rows, "new_key": request.session.pop("_new_token", None)})


@login_required
@require_POST
def token_new(request):
    _, key = actions.issue_token(request.user, request.POST.get("name", ""))
    request.session["_new_token"] = key  # shown once, on the next page, never in a URL
    return redirect("tokens")


@login_required
@require_POST
def token_revoke(request, token_id):
    if len(token_id) != 16 or not all(c in "0123456789abcdef" for c in token_id):
        raise Http404
    token = get_object_or_404(ApiToken.objects.select_related("staff"), digest__startswith=token_id)
    try:
        actions.revoke_token(token, by=request.user)
        messages.success(request, f"已吊销令牌“{token.name}”")
    except (NotPermitted, ValueError) as e:
        shown, status = refused(e)
        return render(request, "org/tokens.html", {"rows": [], "refusal": shown}, status=status)
    return redirect("tokens")


@login_required
def lockouts(request):
    return render(request, "org/lockouts.html", {"rows": actions.locks_for(request.user)})


@login_required
@require_POST
def unlock(request, lockout_id):
    lockout = get_object_or_404(Lockout, uuid=lockout_id)
    try:
        actions.unlock(lockout, by=request.user)
        messages.success(request, f"已解除锁定：{lockout}")
    except (NotPermitted, ValueError) as e:
        shown, status = refused(e)
        return render(request, "org/lockouts.html", {"rows": actions.locks_for(request.user), "refusal": shown},
                      status=status)
    return redirect("lockouts")
