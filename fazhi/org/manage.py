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
from fazhi.org.models import Bureau, BureauKind, Certificate, Role, Staff, visible_bureau_ids

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


def _index_context(user, posted=None):
    return {"bureaus": _bureaus(user), "roles": Role.choices, "posted": posted or {},
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
        except (actions.BadInput, NotPermitted) as e:
            return _again(request, "org/manage.html", _index_context(request.user, posted), e)
        messages.success(request, f"已新增人员：{staff.full_name}（{staff.username}）")
        return redirect("manage_staff", staff_id=staff.uuid)
    return render(request, "org/manage.html", _index_context(request.user))


def _staff_context(user, staff):
    return {"s": staff, "roles": Role.choices, "held": staff.roles,
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
            actions.set_roles(staff, by=request.user, roles=p.getlist("roles"))
            done = "已更新角色"
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
    except (actions.BadInput, NotPermitted) as e:
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
        except (actions.BadInput, NotPermitted) as e:
            return _again(request, "org/manage_settings.html", _settings_context(bureau, values), e)
        messages.success(request, "本局设置已保存")
        return redirect("manage_settings", code=bureau.code)
    return render(request, "org/manage_settings.html", _settings_context(bureau))
