"""Staff and public pages of 行政许可. Staff: the window clerk's board (every clock with its due day and days left,
overdue first, and the form to register an application at the window), an application's page offering exactly its
steps (forms from the API's schemas), its documents, the fee register and the items. Public: the online application
with uploads and a tracking code, the tracking page, the permit register (masked) with its 双公示 feed, and the
certificate's verification page that its QR opens. Thin: writes go through permits.actions, reads through
permits.queries."""
from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.forms import keep
from fazhi.core.workflow_views import document_response, post_step, step_form, unreadable
from fazhi.law.basis import RuleViolation
from fazhi.law.disclosure import csv_cell, mask, mask_name
from fazhi.org.access import Kind, needs, record_record_read
from fazhi.permits import actions as A
from fazhi.permits import documents as DOC
from fazhi.permits import forms as F
from fazhi.permits import queries as Q
from fazhi.permits.models import IN_FORCE, Channel, Permit, PermitItem, PermitStatus
from fazhi.permits.schemas import SCHEMAS, ApplyIn, WindowApplyIn
from fazhi.permits.workflow import WORKFLOW

STATUS_FILTERS = [("open", "办理中"), ("done", "已办结"), ("all", "全部")]


def _item_choices(user):
    return [(i.code, f"{i.code} {i.name}") for i in Q.items_for(user).filter(bureau_id=getattr(user.entity, "pk", None))]


def _apply_form(request, post=None):
    mats: list[str] = []
    for i in Q.items_for(request.user).filter(bureau_id=getattr(request.user.entity, "pk", None)):
        mats += [m for m in i.materials if m not in mats]
    fields = F.fields_for(WindowApplyIn, "apply", today=timezone.localdate(),
                          choices={"item": _item_choices(request.user), "materials": [(m, m) for m in mats]})
    if post is not None:
        keep(fields, post)
    return fields


def _board_context(request, **extra):
    today = timezone.localdate()
    shown = request.GET.get("status", "open")
    qs = Q.permits_for(request.user)
    if shown == "open":
        qs = qs.filter(status__in=(PermitStatus.RECEIVED, PermitStatus.CORRECTING, PermitStatus.ACCEPTED,
                                   PermitStatus.HEARING, PermitStatus.GRANTED))
    elif shown == "done":
        qs = qs.exclude(decided_on=None)
    clocks = Q.board(request.user, today)
    writer = request.user.entity is not None and A.may_receive(request.user)
    return {"today": today, "clocks": clocks, "overdue": sum(1 for c in clocks if c["clock"] and c["clock"]["overdue"]),
            "rows": [Q.row(p, today) for p in qs[:100]], "status_filters": STATUS_FILTERS, "shown": shown,
            "may_receive": writer,
            "apply_fields": extra.pop("apply_fields", None) or (_apply_form(request) if writer else []), **extra}


@needs(Kind.PERMITS)
def board(request):
    return render(request, "permits/board.html", _board_context(request))


@needs(Kind.PERMITS)
@require_POST
def receive(request):
    """An application received at the window."""
    payload, errors = F.parse(WindowApplyIn, request.POST)
    if payload is not None:
        data = payload.dict()
        entity = request.user.entity
        item = PermitItem.objects.filter(code=data.pop("item"), bureau_id=getattr(entity, "pk", None),
                                         disabled=False).first()
        if item is None:
            errors = ["许可事项：本机关没有该事项"]
        else:
            try:
                p = A.apply(by=request.user, channel=Channel.WINDOW, item=item, **data)
                messages.success(request, f"已登记：{p.number} {item.name}")
                return redirect("permit", uuid=p.uuid)
            except RuleViolation as e:
                refusal, status = refused(e)
                return render(request, "permits/board.html", _board_context(
                    request, refusal=refusal, apply_fields=_apply_form(request, request.POST), open_form=True),
                    status=status)
    return render(request, "permits/board.html", _board_context(
        request, refusal=unreadable(errors), apply_fields=_apply_form(request, request.POST), open_form=True),
        status=400)


def _permit_context(request, p: Permit, refusal: dict | None = None, failed: str = "", post=None):
    today = timezone.localdate()
    x = Q.detail(p, request.user, today)
    forms = []
    item_materials = [(m, m) for m in p.item.materials]
    for a in x["actions"]:
        choices = {"missing": item_materials} if a["action"] == "request_correction" else {}
        fields = F.fields_for(SCHEMAS[a["action"]], a["action"], today=today, choices=choices)
        if a["action"] == "request_correction":
            for f in fields:
                if f.name == "missing":
                    f.value = x["materials_missing"]
        forms.append(step_form(a, fields, record=p, url=reverse("permit_step", args=[p.uuid, a["action"]]),
                               refusal=refusal, failed=failed, post=post))
    return {"p": p, "x": x, "forms": forms, "documents": DOC.available(p), "today": today}


@needs(Kind.PERMITS)
def permit(request, uuid):
    p = get_object_or_404(Q.permits_for(request.user), uuid=uuid)
    record_record_read(request.user, p, label=Q.read_label(p), what="行政许可申请页面（申请人及其证件、联系方式）")
    return render(request, "permits/permit.html", _permit_context(request, p))


@needs(Kind.PERMITS)
@require_POST
def step(request, uuid, action):
    p = get_object_or_404(Q.permits_for(request.user), uuid=uuid)
    if action not in WORKFLOW.by_action or WORKFLOW.step(action).creates:
        raise Http404("无此操作")
    refusal, status = post_step(request, WORKFLOW, p, action, F.LABELS, F.SPECIAL)
    if refusal is None:
        return redirect("permit", uuid=p.uuid)
    p = get_object_or_404(Q.permits_for(request.user), uuid=uuid)
    return render(request, "permits/permit.html", _permit_context(request, p, refusal, action, request.POST),
                  status=status)


@needs(Kind.PERMITS)
def document(request, uuid, kind, fmt):
    p = get_object_or_404(Q.permits_for(request.user), uuid=uuid)
    k = DOC.BY_KEY.get(kind)
    if k is None or fmt not in ("pdf", "docx"):
        raise Http404("无此文书")
    if not k.ready(p):
        raise Http404("该环节尚未办理，没有此文书")
    record_record_read(request.user, p, label=Q.read_label(p), what=f"许可文书下载：{k.label}.{fmt}"[:120])
    return document_response(k.build(p, request.build_absolute_uri("/")), fmt)


@needs(Kind.PERMITS)
def fees(request):
    from django.db.models import Count, Sum

    from fazhi.core.params import int_param

    today = timezone.localdate()
    year = int_param(request.GET.get("year") or str(today.year), "年度", lo=2000, hi=2100)
    qs = Q.fee_register(request.user, year)
    totals = qs.values("fee_status").annotate(n=Count("id"), amount=Sum("fee_amount"))
    return render(request, "permits/fees.html", {
        "year": year, "rows": list(qs[:500]), "count": qs.count(),
        "totals": [{"label": Q.FEE_LABELS.get(t["fee_status"], ""), "n": t["n"], "amount": t["amount"]}
                   for t in totals]})


@needs(Kind.PERMITS)
def items(request):
    return render(request, "permits/items.html", {"items": Q.items_for(request.user).select_related("power_item")})


# --- public --------------------------------------------------------------------------------------------------------

def _public_items():
    return PermitItem.objects.filter(disabled=False).select_related("bureau").order_by("bureau__path", "code")


def apply_online(request):
    """The online application: the item, the applicant, what is asked, the materials as files; a tracking code."""
    from django.conf import settings

    from fazhi.core import blobs
    from fazhi.core.security import client_address
    from fazhi.core.uploads import _mb
    from fazhi.org import challenge

    items_ = list(_public_items())
    error, status = None, 400
    chosen = request.GET.get("item") or request.POST.get("item", "")
    if request.method == "POST":
        p = request.POST
        try:
            challenge.check_answer(p.get("challenge", ""), p.get("challenge_answer", ""))
            challenge.allow_anonymous_report(client_address(request))
            item = next((i for i in items_ if f"{i.bureau.code}:{i.code}" == p.get("item")), None)
            if item is None:
                raise ValueError("请选择许可事项")
            uploads = []
            for n, material in enumerate(item.materials):
                for f in request.FILES.getlist(f"f{item.bureau.code}_{item.code}_{n}"):
                    uploads.append((material, f))
            post = p.copy()
            post.setlist("materials", sorted({m for m, _ in uploads}, key=item.materials.index))
            post["item"] = item.code
            payload, errors = F.parse(ApplyIn, post)
            if payload is None:
                raise ValueError("；".join(errors))
            data = payload.dict()
            data.pop("item")
            with blobs.kept([f for _, f in uploads]) as stored:
                files = [(m, b, f.name or "", f.content_type or "") for (m, f), b in zip(uploads, stored, strict=True)]
                permit_ = A.apply(by=None, on=timezone.localdate(), item=item, channel=Channel.ONLINE, files=files,
                                  **data)
            return redirect("public_permit_track", code=permit_.tracking_code)
        except challenge.ChallengeFailed as e:
            error = str(e)
        except challenge.RateLimited as e:
            error, status = str(e), 429
        except ValueError as e:
            error = str(e)
        except RuleViolation as e:
            error = e.message
    return render(request, "permits/public_apply.html", {
        "items": items_, "chosen": chosen, "error": error, "question": challenge.new_question(),
        "limit": _mb(settings.FAZHI_PUBLIC_UPLOAD_MAX_BYTES)}, status=status if error else 200)


def track(request, code):
    p = get_object_or_404(Permit.objects.select_related("item", "bureau"), tracking_code=code.upper())
    from fazhi.permits.api import public_status

    return render(request, "permits/public_track.html", {"p": p, "s": public_status(p)})


def _register():
    return (Permit.objects.filter(decision="grant", published_on__isnull=False)
            .select_related("item", "bureau").order_by("-decided_on", "-id"))


def shown(p: Permit) -> dict:
    """What the public sees of a granted permit (LIC-07, PUB-04): a citizen's name masked, no ID or phone."""
    holder = mask_name(p.applicant) if p.applicant_kind == "citizen" else p.applicant
    known = [p.applicant, p.id_number, p.phone]
    return {"decision_no": p.decision_no, "holder": holder, "kind": "自然人" if p.applicant_kind == "citizen" else
            "法人及非法人组织", "credit_code": p.id_number if p.applicant_kind == "org" else "",
            "item": p.item.name, "content": mask(p.subject, known), "location": mask(p.location, known),
            "decided_on": p.decided_on.isoformat(), "valid_from": p.valid_from.isoformat() if p.valid_from else "",
            "valid_until": p.valid_until.isoformat() if p.valid_until else "", "bureau": p.bureau.name,
            "status": "有效" if p.status in IN_FORCE else p.get_status_display()}


def register(request):
    from django.core.paginator import Paginator

    page = Paginator(_register(), 30).get_page(request.GET.get("page"))
    page.object_list = [shown(p) for p in page.object_list]
    return render(request, "permits/public_register.html", {"page": page})


def verify(request, code):
    """The certificate's QR opens this page: the permit as the register shows it, and whether it is in force."""
    p = Permit.objects.filter(verify_code=code.upper()).exclude(certificate_no="").select_related("item", "bureau").first()
    today = timezone.localdate()
    valid = bool(p and p.status == PermitStatus.ISSUED and p.valid_until and
                 (today <= p.valid_until or A.deemed_renewed(p, today)))
    return render(request, "permits/public_verify.html", {"p": p, "c": shown(p) if p else None, "valid": valid,
                                                            "today": today}, status=200 if p else 404)


FEED_FIELDS = ["行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政许可决定文书号", "许可证书名称", "许可编号", "许可内容",
               "许可决定日期", "有效期自", "有效期至", "许可机关", "当前状态", "数据来源单位"]


def _feed_rows():
    for p in _register():
        s = shown(p)
        yield {"行政相对人名称": s["holder"], "行政相对人类别": s["kind"], "统一社会信用代码": s["credit_code"],
               "行政许可决定文书号": s["decision_no"], "许可证书名称": p.item.name, "许可编号": p.certificate_no,
               "许可内容": s["content"], "许可决定日期": s["decided_on"], "有效期自": s["valid_from"],
               "有效期至": s["valid_until"], "许可机关": s["bureau"], "当前状态": s["status"], "数据来源单位": s["bureau"]}


def feed_json(request):
    return JsonResponse({"fields": FEED_FIELDS, "records": list(_feed_rows())}, json_dumps_params={"ensure_ascii": False})


def feed_csv(request):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FEED_FIELDS)
    w.writeheader()
    for r in _feed_rows():
        w.writerow({k: csv_cell(v) for k, v in r.items()})
    resp = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="permits.csv"'
    return resp
