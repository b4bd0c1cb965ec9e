"""系统管理 pages: the bureau administrator's back office inside the product (the Django admin stays for the
developers). Staff and their roles, 行政执法证, and the bureau's local settings with the source of each default.
Thin: every change goes through fazhi.org.actions; a bad value comes back in place with its reason (400)."""
from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import NotPermitted
from fazhi.org import actions
from fazhi.org import settings_catalogue as catalogue
from fazhi.org.access import Kind, needs
from fazhi.org.models import Bureau, BureauKind, Certificate, GrantStatus, Role, Staff, visible_bureau_ids

STAFF_PAGE = 300


def _bureaus(user):
    ids = visible_bureau_ids(user)
    qs = Bureau.objects.filter(is_active=True)
    return qs if ids is None else qs.filter(pk__in=ids)


def _staff(user, staff_id):
    return get_object_or_404(Staff.objects.select_related("bureau").filter(bureau__in=_bureaus(user)), uuid=staff_id)


def _date(raw: str, label: str) -> date:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        raise actions.BadInput(f"{label}不是有效日期")


def _again(request, template: str, context: dict, error: Exception):
    context["error"] = str(error)
    return render(request, template, context, status=403 if isinstance(error, NotPermitted) else 400)


def _expiring(user) -> list:
    """Certificates in use whose last day falls within the next 60 days (STF-01), soonest first."""
    from datetime import timedelta

    from django.utils import timezone

    from fazhi.law.staff import EXPIRY_WINDOW_DAYS

    today = timezone.localdate()
    return [{"c": c, "days": (c.valid_until - today).days} for c in Certificate.objects.filter(
        staff__bureau__in=_bureaus(user), status="valid",
        valid_until__range=(today, today + timedelta(days=EXPIRY_WINDOW_DAYS))).select_related("staff__bureau")
        .order_by("valid_until", "number")[:100]]


def _index_context(user, posted=None):
    from fazhi.org.workflow import grants_for

    return {"bureaus": _bureaus(user), "posted": posted or {},
            "may_administer": actions.may_administer(user), "may_grant": actions.may_grant(user),
            "expiring": _expiring(user),
            "pending": grants_for(user).filter(status=GrantStatus.PENDING).order_by("requested_on", "id")[:50],
            "staff": Staff.objects.filter(bureau__in=_bureaus(user)).select_related("bureau")
            .prefetch_related("role_grants", "certificates").order_by("bureau__path", "username")[:STAFF_PAGE]}


@needs(Kind.ADMIN)
def index(request):
    """人员、角色和执法证一览，新增人员。"""
    if request.method == "POST":
        posted = request.POST
        try:
            bureau = get_object_or_404(_bureaus(request.user), code=posted.get("bureau", ""))
            certificate = None
            if posted.get("cert_number", "").strip():
                certificate = {"number": posted["cert_number"], "issuer": posted.get("cert_issuer", ""),
                               "valid_from": _date(posted.get("cert_from"), "执法证有效期起"),
                               "valid_until": _date(posted.get("cert_until"), "执法证有效期止")}
            staff = actions.add_staff(by=request.user, bureau=bureau, username=posted.get("username", ""),
                                      full_name=posted.get("full_name", ""), password=posted.get("password", ""),
                                      roles=posted.getlist("roles"), phone=posted.get("phone", ""),
                                      certificate=certificate)
        except NotPermitted as e:
            return _refused(request, "org/manage.html", _index_context(request.user, posted), e)
        except actions.BadInput as e:
            return _again(request, "org/manage.html", _index_context(request.user, posted), e)
        messages.success(request, f"已新增人员：{staff.full_name}（{staff.username}）")
        return redirect("manage_staff", staff_id=staff.uuid)
    return render(request, "org/manage.html", _index_context(request.user))


def _refused(request, template: str, context: dict, e: NotPermitted):
    """A refusal for who may do it (403), shown in place with its rule and basis (SEC-01…04)."""
    context["refusal"] = e.shown()
    return render(request, template, context, status=403)


def _staff_context(user, staff):
    from fazhi.law.separation import NEEDS_APPROVAL

    return {"s": staff, "roles": Role.choices, "held": staff.roles, "second": NEEDS_APPROVAL,
            "second_labels": "、".join(Role(r).label for r in Role.values if r in NEEDS_APPROVAL),
            "may_grant": actions.may_grant(user, staff.bureau) and staff.pk != user.pk,
            "may_administer": actions.may_administer(user, staff.bureau),
            "requests": staff.grant_requests.select_related("requested_by", "decided_by").order_by("-id")[:20],
            "certificates": staff.certificates.order_by("-valid_until")}


@needs(Kind.ADMIN)
def staff_page(request, staff_id):
    staff = _staff(request.user, staff_id)
    return render(request, "org/manage_staff.html", _staff_context(request.user, staff))


@needs(Kind.ADMIN)
@require_POST
def staff_step(request, staff_id, step):
    staff = _staff(request.user, staff_id)
    p = request.POST
    try:
        if step == "roles":
            pending = actions.set_roles(staff, by=request.user, roles=p.getlist("roles"), reason=p.get("reason", ""))
            done = "已更新角色" + (f"；{'、'.join(r.get_role_display() for r in pending)}待另一人批准后生效"
                                   if pending else "")
        elif step == "disable":
            actions.set_active(staff, by=request.user, active=False, reason=p.get("reason", ""))
            done = "已停用账号"
        elif step == "enable":
            actions.set_active(staff, by=request.user, active=True, reason=p.get("reason", ""))
            done = "已启用账号"
        elif step == "certificate":
            actions.issue_certificate(staff, by=request.user, number=p.get("number", ""),
                                      issuer=p.get("issuer", ""),
                                      valid_from=_date(p.get("valid_from"), "有效期起"),
                                      valid_until=_date(p.get("valid_until"), "有效期止"))
            done = "已登记执法证"
        elif step == "revoke":
            cert = get_object_or_404(Certificate, staff=staff, pk=p.get("certificate") or 0) \
                if (p.get("certificate") or "").isdigit() else None
            if cert is None:
                raise actions.BadInput("请选择要注销的执法证")
            actions.revoke_certificate(cert, by=request.user, on=_date(p.get("on"), "注销日期"),
                                       reason=p.get("reason", ""))
            done = "已注销执法证"
        else:
            raise Http404
    except NotPermitted as e:
        return _refused(request, "org/manage_staff.html", _staff_context(request.user, staff), e)
    except actions.BadInput as e:
        return _again(request, "org/manage_staff.html", _staff_context(request.user, staff), e)
    messages.success(request, done)
    return redirect("manage_staff", staff_id=staff.uuid)


def _settings_context(bureau, values=None):
    rows = []
    for s in catalogue.SETTINGS:
        current = getattr(bureau, s.field) if values is None else values.get(s.field, "")
        rows.append({"field": s.field, "kind": s.kind, "label": catalogue.label(s), "value": current,
                     "default": catalogue.default(s), "source": s.source, "rule": s.rule, "unset": s.unset})
    return {"bureau": bureau, "rows": rows}


@needs(Kind.ADMIN)
def settings_page(request, code):
    # A squad acts for its bureau (执法主体) and has no settings of its own.
    bureau = get_object_or_404(_bureaus(request.user).exclude(kind=BureauKind.SQUAD), code=code)
    if request.method == "POST":
        values = {s.field: request.POST.get(s.field, "") for s in catalogue.SETTINGS}
        try:
            actions.change_settings(bureau, by=request.user, values=values)
        except NotPermitted as e:
            return _refused(request, "org/manage_settings.html", _settings_context(bureau, values), e)
        except actions.BadInput as e:
            return _again(request, "org/manage_settings.html", _settings_context(bureau, values), e)
        messages.success(request, "本局设置已保存")
        return redirect("manage_settings", code=bureau.code)
    return render(request, "org/manage_settings.html", _settings_context(bureau))


# --- 三员分立: pending grants (SEC-02) and the 审计员's record (SEC-03) ------------------------------------------------

def _grants_context(request, refusal=None, failed: tuple[str, str] | None = None):
    from django.urls import reverse
    from django.utils import timezone

    from fazhi.core.workflow import offered
    from fazhi.core.workflow_views import basis_of
    from fazhi.org.workflow import GRANTS, grants_for

    today = timezone.localdate()
    rows = []
    for r in grants_for(request.user).filter(status=GrantStatus.PENDING).order_by("requested_on", "id")[:200]:
        forms = [{"action": s.action, "label": s.label, "basis": basis_of(s.rules),
                  "url": reverse("manage_grant_step", args=[r.uuid, s.action]),
                  "refusal": refusal if failed == (str(r.uuid), s.action) else None}
                 for s in offered(GRANTS, r, request.user, today)]
        rows.append({"r": r, "forms": forms})
    decided = grants_for(request.user).exclude(status=GrantStatus.PENDING).order_by("-decided_on", "-id")[:50]
    return {"rows": rows, "decided": decided, "today": today, "refusal": refusal if failed is None else None}


@needs(Kind.GRANTS)
def grants(request):
    """待批准授权: each pending grant with approve/reject for those who may (SEC-02), and the latest decided."""
    return render(request, "org/manage_grants.html", _grants_context(request))


@needs(Kind.GRANTS)
@require_POST
def grant_step(request, uuid, action):
    from fazhi.core.workflow_views import post_step
    from fazhi.org.workflow import GRANTS, grants_for

    req = get_object_or_404(grants_for(request.user), uuid=uuid)
    if action not in GRANTS.by_action:
        raise Http404("无此操作")
    refusal, status = post_step(request, GRANTS, req, action, {"on": "批准日期", "note": "意见"})
    if refusal is None:
        return redirect("manage_grants")
    return render(request, "org/manage_grants.html", _grants_context(request, refusal, (str(uuid), action)),
                  status=status)


AUDIT_PAGE = 300
ADMIN_STREAMS = ("staff:", "bureau:", "lockout:", "calendar:")


def audit_events(user):
    """The administrators' record for the 审计员 (SEC-03): every event of accounts, roles and grants (refused
    attempts included), bureau settings, login locks and the holiday table, and every event an administrator
    made anywhere — within the auditor's subtree (accounts and bureaus of it; locks, addresses and the calendar
    have no bureau and are shown to all auditors). Read-only: events are append-only, and no page edits them."""
    from django.db.models import Q as Where

    from fazhi.core.models import Event
    from fazhi.law.separation import ADMINISTRATORS

    ids = visible_bureau_ids(user)
    people = Staff.objects.all() if ids is None else Staff.objects.filter(bureau_id__in=ids)
    bureaus = Bureau.objects.all() if ids is None else Bureau.objects.filter(pk__in=ids)
    admins = list(people.filter(role_grants__role__in=ADMINISTRATORS).values_list("username", flat=True).distinct())
    where = Where(stream__startswith="lockout:") | Where(stream__startswith="calendar:") | Where(actor__in=admins)
    if ids is None:
        where |= Where(stream__startswith="staff:") | Where(stream__startswith="bureau:")
    else:
        where |= Where(stream__in=[f"staff:{u}" for u in people.values_list("uuid", flat=True)])
        where |= Where(stream__in=[f"bureau:{u}" for u in bureaus.values_list("uuid", flat=True)])
    return Event.objects.filter(where)


EVENT_LABELS = {
    "staff_added": "新增账号", "roles_changed": "角色变更", "grant_requested": "申请授权", "grant_approved": "批准授权",
    "grant_rejected": "不予批准授权", "grant_refused": "授权被拒绝（未生效）", "staff_disabled": "停用账号",
    "staff_enabled": "启用账号", "certificate_issued": "登记执法证", "certificate_revoked": "注销执法证",
    "token_issued": "签发接口令牌", "token_revoked": "吊销接口令牌", "settings_changed": "修改本局设置",
    "login_locked": "登录锁定", "login_unlocked": "解除登录锁定", "enter_holidays": "录入节假日安排",
    "correct_holidays": "更正节假日安排",
}


def _role_names(codes) -> str:
    return "、".join(Role(c).label if c in Role.values else str(c) for c in codes or []) or "无"


def event_summary(e) -> str:
    """An administrator's event said in a sentence for the 审计员 (never the raw data)."""
    d = e.data if isinstance(e.data, dict) else {}
    k = e.kind
    if k == "roles_changed":
        return f"角色由“{_role_names(d.get('before'))}”改为“{_role_names(d.get('after'))}”"
    if k in ("grant_requested", "grant_approved", "grant_rejected"):
        text = f"角色：{_role_names([d.get('role')])}"
        if d.get("requested_by"):
            text += f"；申请人：{d['requested_by']}"
        if d.get("reason") or d.get("note"):
            text += f"；{'理由' if k == 'grant_requested' else '意见'}：{d.get('reason') or d.get('note')}"
        return text
    if k == "grant_refused":
        wanted = d.get("wanted", d.get("roles"))
        who = f"新账号{d['username']}，" if d.get("attempt") == "add_staff" and d.get("username") else ""
        return f"{who}拟设角色“{_role_names(wanted)}”；未生效：{d.get('reason', '')}（{d.get('rule', '')}）"
    if k == "staff_added":
        return f"账号{d.get('username', '')}（机构编码{d.get('bureau', '')}）"
    if k in ("staff_disabled", "staff_enabled"):
        return f"原因：{d.get('reason') or '未写明'}"
    if k in ("certificate_issued", "certificate_revoked"):
        return f"执法证{d.get('number', '')}"
    if k in ("token_issued", "token_revoked"):
        return f"令牌用途：{d.get('name', '')}"
    if k == "settings_changed":
        from fazhi.org import settings_catalogue as catalogue

        names = {s.field: catalogue.label(s) for s in catalogue.SETTINGS}
        return "修改：" + "、".join(names.get(f, f) for f in d)
    if k in ("login_locked", "login_unlocked"):
        return f"{'账号' if d.get('kind') == 'account' else '来源地址'}{d.get('key', '')}"
    return ""


@needs(Kind.AUDIT)
def audit_log(request):
    who = request.GET.get("actor", "").strip()[:150]
    kind = request.GET.get("kind", "").strip()[:48]
    rows = audit_events(request.user).order_by("-entered_at", "-id")
    if who:
        rows = rows.filter(actor=who)
    if kind:
        rows = rows.filter(kind=kind)
    events = list(rows[:AUDIT_PAGE])
    keys = {e.stream.partition(":")[2] for e in events if e.stream.startswith(("staff:", "bureau:"))}
    uuids = [k for k in keys if len(k) == 36]
    names = {f"staff:{u}": f"{n or name}（{name}）" for u, n, name in
             Staff.objects.filter(uuid__in=uuids).values_list("uuid", "full_name", "username")}
    names.update({f"bureau:{u}": n for u, n in Bureau.objects.filter(uuid__in=uuids).values_list("uuid", "name")})
    shown = [{"e": e, "label": EVENT_LABELS.get(e.kind, "其他操作"), "summary": event_summary(e),
              "target": names.get(e.stream, {"lockout": "登录锁定", "calendar": "节假日安排"}.get(
                  e.stream.partition(":")[0], "业务记录"))} for e in events]
    return render(request, "org/audit_log.html", {"rows": shown, "page": AUDIT_PAGE, "who": who, "kind": kind,
                                                  "kinds": sorted(EVENT_LABELS.items(), key=lambda kv: kv[1])})
