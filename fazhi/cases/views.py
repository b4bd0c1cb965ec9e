"""Staff pages: the work queue per role, the case page with a form for each step the user may take now, the
new-case and field (当场处罚) pages. Server-rendered, phone-first. Every write goes through cases.actions, exactly
as the API does; a refusal is shown in place, with its rule and legal basis."""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.cases import actions as A
from fazhi.cases import archive, documents, forms
from fazhi.cases.models import OPEN_STATUSES, PenaltyCase, Status
from fazhi.cases.queries import detail, detail_queryset, list_queryset, list_row
from fazhi.cases.schemas import ACTION_SCHEMAS, OnSiteIn, RegisterIn, UnknownStaff, action_kwargs
from fazhi.cases.signatures import signature_file
from fazhi.cases.workflow import TRANSITIONS
from fazhi.core import blobs, registry
from fazhi.core.errors import refused
from fazhi.core.workflow_views import basis_of
from fazhi.law.basis import RuleViolation
from fazhi.law.penalty import SIMPLE_FINE_LIMIT
from fazhi.org.access import Kind, may, needs, record_case_read, staff_pickers
from fazhi.org.models import LEADERS, Role

QUEUE_SIZE = 50


def _lists(user):
    """The cases a person watches, beside their steps: an officer's own open cases, the open cases of a
    supervisor's area (a role with no step of its own), the overdue ones; each inside the user's scope."""
    qs = list_queryset(user)
    lists = []
    if user.has_role(Role.OFFICER, Role.SQUAD_LEADER):
        lists.append(("我承办的案件", qs.filter(officers__staff=user, officers__recused_on__isnull=True,
                                             status__in=OPEN_STATUSES), None))
    if user.has_role(Role.SUPERVISOR) or not user.has_role(Role.OFFICER, Role.SQUAD_LEADER, Role.LEGAL_REVIEWER,
                                                           *LEADERS):
        lists.append(("辖区在办案件", qs.filter(status__in=OPEN_STATUSES), None))
    lists.append(("逾期案件", qs.overdue(timezone.localdate()), {"overdue": "1"}))
    return lists


def _section(title, q, filters, today):
    """A list as the 工作台 shows it: the first QUEUE_SIZE cases by deadline, how many there are in all, and a
    link to all of them in 案件查询 where one filter names them."""
    rows = [list_row(c, today) for c in q.order_by("next_due", "-id")[:QUEUE_SIZE]]
    total = q.count() if len(rows) == QUEUE_SIZE else len(rows)
    more = f"{reverse('case_search')}?{urlencode(filters)}" if filters and total > len(rows) else ""
    return {"title": title, "rows": rows, "total": total, "more": more}


def desk_panel(request, today) -> dict | None:
    """The cases' part of the 工作台 (fazhi.core.views.desk): the quick search, 案源登记 and 当场处罚, the lists."""
    user = request.user
    if not may(user, Kind.CASES):
        return None
    return {"may_search": True, "may_register": user.has_role(Role.OFFICER, Role.SQUAD_LEADER),
            "sections": [_section(title, q, filters, today) for title, q, filters in _lists(user)]}


def _case_context(request, case: PenaltyCase, errors: dict | None = None, posted: str = ""):
    today = timezone.localdate()
    record_case_read(request.user, case, "案件页面")  # every rendering shows the party's data, refusals included
    c = detail(case, request.user, today)
    staff = staff_pickers(case.bureau, today)
    c["forms"] = [{"action": a["action"], "label": a["label"], "rules": a["rules"],
                   "basis": basis_of(a["rules"]),
                   "fields": forms.fields_for(ACTION_SCHEMAS[a["action"]], a["action"], staff_choices=staff,
                                              case=case, today=today),
                   "error": (errors or {}).get(a["action"]), "open": a["action"] == posted}
                  for a in c["actions"] if a["action"] in ACTION_SCHEMAS]
    for f in c["forms"]:
        if f["open"]:  # a refused form comes back with what was typed
            _keep_posted(f["fields"], request.POST)
    c["documents"] = documents.available(case)
    c["exportable"] = case.status in archive.EXPORTABLE
    c["may_upload"] = any(a["action"] == "add_evidence" for a in c["actions"])
    # A scanned 笔录 is uploaded with its own fields (PEN-04): the same fields as the 笔录 form's.
    c["upload_record_fields"] = next(
        ([x for x in f["fields"] if x.name.startswith("record_") or x.name in ("started_at", "ended_at")]
         for f in c["forms"] if f["action"] == "add_evidence"), [])
    c["publications"] = list(case.publications.order_by("-published_on"))
    # 案源 from 数字化城管: the issue and its photos come with the case (its evidence of the 案源).
    c["source_issues"] = list(case.issues.prefetch_related("photos")) if case.source == "citydesk" else []
    c["may_publish"] = bool(case.decision_no) and not any(p.withdrawn_on is None for p in c["publications"]) \
        and request.user.has_role(*LEADERS, Role.LEGAL_REVIEWER, Role.SQUAD_LEADER)
    measures = registry.provided("case_measures")  # offered by coercion (查封扣押, 强制拆除 on this case)
    c["measures"] = measures(case, request.user, today) if measures else None
    orders = registry.provided("open_orders_on")  # offered by supervision: its 督办 on this case the user may read
    c["orders"] = orders(request.user, case=case) if orders else []
    preview = registry.provided("case_publish_preview")  # offered by disclosure (disclosure/preview.py)
    if c["may_publish"] and preview:  # exactly what publishing will put on the portal, masked
        c["publish_preview"] = preview(case, request.GET.get("also_mask", "")[:2000])
    return {"c": c, "evidence_kinds": forms.PER_ACTION_CHOICES[("add_evidence", "kind")], "today": today}


@needs(Kind.CASES)
def case_page(request, case_id):
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    return render(request, "cases/case.html", _case_context(request, case))


@needs(Kind.CASES)
@require_POST
def case_action(request, case_id, action):
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    if action not in ACTION_SCHEMAS or action not in TRANSITIONS:
        raise Http404
    payload, errors = forms.parse(ACTION_SCHEMAS[action], request.POST, action)
    if payload is not None:
        try:
            data, on, version = action_kwargs(payload)
            A.ACTIONS[action](case, by=request.user, on=on, expected_version=version, **data)
            messages.success(request, f"已办理：{TRANSITIONS[action].label}")
            return redirect("case", case_id=case.uuid)
        except (RuleViolation, UnknownStaff) as e:
            refusal, _ = refused(e)
    else:
        refusal = {"code": "", "message": "；".join(errors), "basis": ""}
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    return render(request, "cases/case.html", _case_context(request, case, {action: refusal}, action), status=409)


@needs(Kind.CASES)
@require_POST
def upload_evidence(request, case_id):
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    upload = request.FILES.get("file")
    payload, errors = forms.parse(ACTION_SCHEMAS["add_evidence"], request.POST, "add_evidence")
    if upload is None:
        errors.append("请选择要上传的文件")
    if payload is not None and upload is not None:
        try:
            data, on, version = action_kwargs(payload)
            with blobs.kept([upload]) as (blob,):  # a refused step leaves no file behind
                A.add_evidence(case, by=request.user, on=on, expected_version=version, blob=blob,
                               filename=upload.name or "", content_type=upload.content_type or "", **data)
            messages.success(request, f"证据已上传：{data['title']}")
            return redirect("case", case_id=case.uuid)
        except RuleViolation as e:
            refusal, _ = refused(e)
    else:
        refusal = {"code": "", "message": "；".join(errors), "basis": ""}
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    ctx = _case_context(request, case)
    ctx["upload_error"] = refusal
    return render(request, "cases/case.html", ctx, status=409)


def _keep_posted(fields, post) -> None:
    for f in fields:
        if f.widget in ("multi", "checks"):
            f.value = post.getlist(f.name)
        elif f.widget == "bool":
            f.value = f.name in post
        else:
            f.value = post.get(f.name)


def _create_page(request, schema, template, create, title):
    today = timezone.localdate()
    entity = request.user.entity
    staff = staff_pickers(entity, today, exclude=request.user) if entity else []
    refusal = None
    if request.method == "POST":
        payload, errors = forms.parse(schema, request.POST)
        if payload is not None:
            try:
                data, on, _ = action_kwargs(payload)
                case = create(by=request.user, on=on, **data)
                messages.success(request, f"{title}已完成")
                return redirect("case", case_id=case.uuid)
            except (RuleViolation, UnknownStaff) as e:
                refusal, _ = refused(e)
        else:
            refusal = {"code": "", "message": "；".join(errors), "basis": ""}
    fields = forms.fields_for(schema, "", staff_choices=staff, today=today, bureau=request.user.entity)
    if request.method == "POST":  # keep what was typed
        _keep_posted(fields, request.POST)
    return render(request, template, {"fields": fields, "refusal": refusal, "title": title},
                  status=409 if refusal else 200)


@needs(Kind.CASES)
def new_case(request):
    return _create_page(request, RegisterIn, "cases/new.html", A.register, "案源登记")


FIELD_PHOTOS = 6


@needs(Kind.CASES)
def field_decision(request):
    """当场处罚 on a phone, one screen per step (违法行为, 当事人, 处罚, 照片和签名, 确认): the violation from the
    benchmark, only the kinds the law allows on the spot, the scene photos and the party's signature (or the
    refusal noted), all recorded by one action; then the case page with the numbered decision to print."""
    today = timezone.localdate()
    entity = request.user.entity
    refusal = None
    if request.method == "POST":
        payload, errors = forms.parse(OnSiteIn, request.POST)
        photos = request.FILES.getlist("photos")
        if len(photos) > FIELD_PHOTOS:
            errors.append(f"现场照片最多{FIELD_PHOTOS}张")
        if any(not (p.content_type or "").startswith("image/") for p in photos):
            errors.append("现场照片只能是图片")
        try:
            signature = signature_file(request.POST.get("signature", ""))
        except ValueError as e:
            errors.append(str(e))
            signature = None
        if payload is not None and signature is None and not payload.signature_refused:
            errors.append("请当事人在手机上签名，或记录当事人拒绝签收")
        if payload is not None and not errors:
            try:
                data, on, _ = action_kwargs(payload)
                data.pop("signature", None)  # read above from the same field
                uploads = [*photos, *([signature] if signature else [])]
                with blobs.kept(uploads) as stored:
                    kept_photos = [(b, p.name or "照片.jpg", p.content_type or "image/jpeg")
                                   for b, p in zip(stored, photos, strict=False)]
                    case = A.decide_on_site(by=request.user, on=on, photos=kept_photos,
                                            signature=stored[-1] if signature else None, **data)
                messages.success(request, f"当场处罚决定已作出：{case.decision_no}")
                return redirect("case", case_id=case.uuid)
            except (RuleViolation, UnknownStaff) as e:
                refusal, _ = refused(e)
        else:
            refusal = {"code": "", "message": "；".join(errors), "basis": ""}
    staff = staff_pickers(entity, today, exclude=request.user)["officers"] if entity else []
    groups, catalogue = forms.field_catalogue(today, entity)
    context = {"refusal": refusal, "today": today, "officers": staff, "violation_groups": groups,
               "catalogue": catalogue, "limits": {k.value: str(v) for k, v in SIMPLE_FINE_LIMIT.items()},
               "posted": request.POST if request.method == "POST" else {}, "me": request.user,
               "posted_kinds": request.POST.getlist("kinds"), "posted_officers": request.POST.getlist("officers")}
    return render(request, "cases/field.html", context, status=409 if refusal else 200)


SEARCH_PAGE = 30
EXPORT_MAX_ROWS = 20000


def _search_form(request):
    """The filters of the search page and its export; a filter that cannot be read is a 400 with the reason."""
    from fazhi.cases import search

    try:
        return search.parse(request.GET), None
    except search.SearchError as e:
        return search.CaseQuery(), str(e)


@needs(Kind.CASES)
def case_search(request):
    """案件查询: every case the person may see, found by party, 文号, 证件号码, place, officer, status or dates."""
    from fazhi.cases import search

    today = timezone.localdate()
    cq, error = _search_form(request)
    rows, nxt = [], None
    if error is None:
        qs = search.apply(list_queryset(request.user, under=cq.bureau or None), cq, today)
        try:
            found, nxt = search.page(qs, cq.sort, request.GET.get("cursor"), SEARCH_PAGE)
        except search.SearchError as e:
            error, found = str(e), []
        rows = [list_row(c, today) for c in found]
    context = {"cq": cq, "rows": rows, "error": error, "today": today, "sorts": search.SORTS,
               "statuses": Status.choices, "query": urlencode(cq.as_params()), "next_cursor": nxt,
               "first_page": not request.GET.get("cursor")}
    return render(request, "cases/search.html", context, status=400 if error else 200)


@needs(Kind.CASES)
def case_search_export(request):
    """The same search as an XLSX workbook, within the person's scope; the export is logged as a read of personal
    data (the party names it carries). Cells that a spreadsheet would run as a formula are neutralised."""
    from io import BytesIO

    from django.http import HttpResponse
    from openpyxl import Workbook

    from fazhi.cases import search
    from fazhi.core.sheets import no_formulas
    from fazhi.org.access import record_read
    from fazhi.org.models import Bureau

    cq, error = _search_form(request)
    if error is not None:
        return render(request, "cases/search.html", {"cq": cq, "error": error, "rows": [], "sorts": search.SORTS,
                                                     "statuses": Status.choices}, status=400)
    today = timezone.localdate()
    qs = search.apply(list_queryset(request.user, under=cq.bureau or None), cq, today)
    found, more = search.page(qs, cq.sort, None, EXPORT_MAX_ROWS)
    wb = Workbook()
    ws = wb.active
    ws.title = "案件"
    ws.append(["立案编号", "决定书文号", "当事人", "案由", "程序", "状态", "执法主体", "发现日期", "立案日期",
               "罚款（元）", "下一期限", "期限事项"])
    for c in found:
        r = list_row(c, today)
        ws.append([r["case_no"], r["decision_no"], r["party_name"],
                   r["cause"], c.get_procedure_display(), r["status_label"], r["bureau"],
                   r["discovered_on"], r["filed_on"], float(r["fine"]), r["next_due"],
                   r["next_due_label"]])
    if more:
        ws.append([f"仅导出前{EXPORT_MAX_ROWS}件，请缩小查询范围"])
    entity = request.user.entity or Bureau.objects.get(parent=None)
    record_read(request.user, bureau_id=entity.pk, record="cases:search",
                label=f"案件查询导出（{len(found)}件）", what="导出案件清单")
    out = BytesIO()
    no_formulas(wb).save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=cases-{today:%Y%m%d}.xlsx"
    return response
