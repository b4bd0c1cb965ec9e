"""Pages of 涉企行政检查. Public: the check-in page an enterprise opens by scanning the officers' code (扫码入企 /
亮码检查) and the published draw file anyone can re-run with `fazhi draw verify`. Staff: the inspection board —
the inspections with the steps each person may take, planning, and the two-step draw (commit, then reveal the
seed) — and the inspection page, with one form per step `offered` (inspections.workflow) and refusals in place."""
from __future__ import annotations

from datetime import date as _date

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.catalog.models import InspectionItem
from fazhi.core import forms
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import refused
from fazhi.core.models import Event
from fazhi.core.params import date_param, float_param, int_param
from fazhi.core.workflow import offered
from fazhi.core.workflow_views import basis_of, post_step
from fazhi.inspections import actions as A
from fazhi.inspections import search
from fazhi.inspections.figures import figures
from fazhi.inspections.models import Draw, DrawStatus, Inspection, InspectionKind, InspectionStatus, Subject
from fazhi.inspections.schemas import LABELS, SCHEMAS, STYLE
from fazhi.inspections.workflow import WORKFLOW
from fazhi.law.basis import RuleViolation
from fazhi.law.inspections import RESULT_PUBLICATION
from fazhi.org.access import Kind, needs
from fazhi.org.models import Staff


def check_in(request, code):
    ins = get_object_or_404(Inspection.objects.select_related("subject", "bureau", "approved_by"), check_in_code=code)
    today = timezone.localdate()
    officers = []
    for o in ins.officers.prefetch_related("certificates"):
        cert = o.valid_certificate(today)
        officers.append({"name": o.full_name or o.username, "cert": cert.number if cert else "",
                         "valid": cert is not None, "until": cert.valid_until if cert else None})
    approved = ins.status != InspectionStatus.PLANNED
    return render(request, "inspections/check_in.html", {
        "ins": ins, "officers": officers, "approved": approved, "today": today,
        "lawful": approved and len(officers) >= 2 and all(o["valid"] for o in officers)})


def check_in_qr(request, code):
    """The 亮码检查 code officers show: a QR of the check-in page (only for an approved inspection)."""
    import io

    import segno

    ins = get_object_or_404(Inspection, check_in_code=code)
    if ins.status == InspectionStatus.PLANNED:
        return HttpResponse("检查尚未批准，不生成检查码", status=409, content_type="text/plain; charset=utf-8")
    out = io.BytesIO()
    segno.make(request.build_absolute_uri(f"/check/{code}/"), error="m").save(out, kind="svg", scale=6)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


def draw_publication(request, draw_id):
    d = get_object_or_404(Draw, uuid=draw_id)
    if d.status != DrawStatus.DRAWN:  # before the draw only the commitment and the inputs' hash are public
        return JsonResponse({"inputs_sha256": d.inputs_sha256, "seed_commitment": d.seed_commitment,
                             "inputs": d.inputs}, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(d.publication(), json_dumps_params={"ensure_ascii": False})


# --- staff pages -----------------------------------------------------------------------------------------------

def _items_for(bureau):
    return InspectionItem.objects.filter(bureau__in=bureau.lineage(), disabled=False)


def _inspections(user):
    """The inspections the person may see (their bureau's subtree)."""
    return search.scoped(user).select_related("case", "approved_by")


@needs(Kind.INSPECTIONS)
def board(request, refusal=None, status=200):
    bureau = request.user.entity
    if bureau is None:
        return render(request, "inspections/board.html", {"inspections": [], "draws": []})
    today = timezone.localdate()
    listed = (_inspections(request.user).prefetch_related("items", "officers")[:100])
    # Each row's buttons: the steps that are the person's job on it (as on the 工作台); the page offers every
    # step they may take (a leader may also tell a result an officer would).
    rows = [(i, [s for s in offered(WORKFLOW, i, request.user, today) if s.desk and WORKFLOW.wants(i, request.user, s)])
            for i in listed]
    return render(request, "inspections/board.html", {
        "rows": rows,
        "draws": Draw.objects.filter(bureau__path__startswith=bureau.path).order_by("-committed_on", "-id")[:20],
        "subjects": Subject.objects.filter(bureau__path__startswith=bureau.path, disabled=False)[:500],
        "items": _items_for(bureau), "officers": A.inspector_pool(bureau, today), "kinds": InspectionKind.choices,
        "today": today, "refusal": refusal, "figures": _shown(figures(bureau, today.year))}, status=status)


def _on(request) -> _date:
    return date_param(request.POST.get("on"), "办理日期", default=timezone.localdate())


def _do(request, fn, ok_message):
    try:
        fn()
    except (RuleViolation, ValueError) as e:
        refusal, status = refused(e)
        return board(request, refusal, status=status)
    messages.success(request, ok_message)
    return redirect("inspections")


@needs(Kind.INSPECTIONS)
@require_POST
def plan(request):
    post = request.POST
    subject = get_object_or_404(Subject, credit_code=post.get("subject", ""))
    items = list(InspectionItem.objects.filter(pk__in=post.getlist("items")))
    officers = list(Staff.objects.filter(username__in=post.getlist("officers")).select_related("bureau__parent"))
    planned = date_param(post.get("planned_on"), "计划检查日期", default=timezone.localdate())
    return _do(request, lambda: A.plan_inspection(by=request.user, on=_on(request), subject=subject, items=items,
                                                  officers=officers, kind=post.get("kind", "special"),
                                                  planned_on=planned, partners=post.get("partners", "")),
               "检查已登记，待机关负责人批准")


# --- one inspection --------------------------------------------------------------------------------------------

EVENT_LABELS = {"plan": "登记检查", "settle_due": "公示期限确定", **{s.action: s.label for s in WORKFLOW.steps}}
OLD_ACTIONS = {"notify": "notify_result"}  # the board's earlier form address


def _forms(request, ins, *, refusal=None, failed="", post=None) -> list[dict]:
    """The forms of the steps the user can take on the inspection now (core.workflow.offered: the guard the actions
    call), each generated from the step's input schema (the API's); a refused form comes back with what was typed
    and its refusal in place."""
    today = timezone.localdate()
    out = []
    for s in offered(WORKFLOW, ins, request.user, today):
        fields = forms.fields_for(SCHEMAS[s.action], s.action, STYLE, today=today)
        if s.action == failed and post is not None:
            forms.keep(fields, post)
        elif s.action == "open_case":
            for f in fields:
                if f.name == "facts":
                    f.value = ins.findings
        out.append({"action": s.action, "label": s.label, "fields": fields, "basis": basis_of(s.rules),
                    "url": reverse("inspection_step", args=[ins.uuid, s.action]), "version": ins.version,
                    "open": not out, "refusal": refusal if s.action == failed else None})
    return out


def _page(request, ins, refusal=None, status=200, failed="", post=None):
    today = timezone.localdate()
    steps = _forms(request, ins, refusal=refusal, failed=failed, post=post)
    in_place = any(f["refusal"] for f in steps)
    officers = []
    for o in ins.officers.select_related("bureau").prefetch_related("certificates"):
        cert = o.valid_certificate(today)
        officers.append({"name": o.full_name or o.username, "cert": cert.number if cert else ""})
    events = [(e, EVENT_LABELS.get(e.kind, "办理")) for e in Event.objects.filter(stream=ins.stream).order_by("seq")]
    pending = ""
    if ins.inspected_on and ins.publish_due is None and ins.published_on is None:  # DAY-07: what is known of it
        pending = RESULT_PUBLICATION.reckon(law_calendar(), ins.inspected_on).note
    return render(request, "inspections/inspection.html", {
        "i": ins, "forms": steps, "refusal": None if in_place else refusal, "officers": officers,
        "items": ins.items.all(), "events": events, "today": today, "publish_pending": pending,
        "overdue": ins.publish_due is not None and ins.published_on is None and ins.publish_due < today},
        status=status)


@needs(Kind.INSPECTIONS)
def inspection(request, inspection_id):
    return _page(request, get_object_or_404(_inspections(request.user), uuid=inspection_id))


@needs(Kind.INSPECTIONS)
@require_POST
def step(request, inspection_id, action):
    """A step posted from the inspection page (or the board's earlier forms): parsed with the step's schema (the
    API's) and taken through the machinery; a refusal is shown in place on the inspection's page."""
    ins = get_object_or_404(_inspections(request.user), uuid=inspection_id)
    action = OLD_ACTIONS.get(action, action)
    if action not in WORKFLOW.by_action:
        raise Http404("无此环节")
    refusal, status = post_step(request, WORKFLOW, ins, action, LABELS)
    if refusal is None:
        return redirect("inspection", inspection_id=ins.uuid)
    ins.refresh_from_db()
    return _page(request, ins, refusal, status, failed=action, post=request.POST)


@needs(Kind.INSPECTIONS)
@require_POST
def commit(request):
    post = request.POST
    items = list(InspectionItem.objects.filter(pk__in=post.getlist("items")))
    quotas = {k: int_param(post.get(f"quota_{k}"), f"{label}抽取数", default=0, hi=100_000)
              for k, label in (("high", "高风险"), ("medium", "中风险"), ("low", "低风险"))}
    ratio = float_param(post["ratio"], "抽取比例（%）", lo=0, hi=100) / 100 if post.get("ratio") else None
    return _do(request, lambda: A.commit_draw(by=request.user, on=_on(request), title=post.get("title", "双随机抽查"),
                                              items=items, quotas=None if ratio else quotas, ratio=ratio,
                                              seed_commitment=post.get("seed_commitment", "").strip().lower(),
                                              seed_source=post.get("seed_source", ""),
                                              same_residence_rule="same_residence_rule" in post),
               "名单已冻结，种子承诺值已登记；请公布名单哈希与承诺值")


@needs(Kind.INSPECTIONS)
@require_POST
def run(request, draw_id):
    entity = request.user.entity
    d = get_object_or_404(Draw.objects.filter(bureau__path__startswith=entity.path if entity else "-"), uuid=draw_id)
    return _do(request, lambda: A.run_draw(d, by=request.user, on=_on(request), seed=request.POST.get("seed", "")),
               "抽取完成，结果已公布")


def _shown(f: dict) -> dict:
    """The year's figures as the board shows them: rates as percentages with their counts, never a bare 1.0."""
    out = dict(f)
    random_n = f["按类型"].get(InspectionKind.RANDOM.label, 0)
    out["双随机抽查占比"] = _percent(random_n, f["检查总数"])
    out["按期公示率"] = _percent(f["按期公示"], f["结果公示"] + f["逾期未公示"])
    out.pop("按期公示")
    return out


def _percent(num: int, den: int) -> str:
    return f"{num * 100 / den:.1f}%（{num}/{den}）" if den else "—（本年度无）"



# --- 检查查询 ----------------------------------------------------------------------------------------------------

SEARCH_PAGE = 30
EXPORT_MAX_ROWS = 20000


def _search_context(request):
    try:
        iq, error = search.parse(request.GET), None
    except search.SearchError as e:
        iq, error = search.InspectionQuery(), str(e)
    from django.db.models import Q

    entity = request.user.entity
    items, draws = InspectionItem.objects.none(), Draw.objects.none()
    if entity is not None:
        items = InspectionItem.objects.filter(Q(bureau__in=entity.lineage()) | Q(bureau__path__startswith=entity.path))
        draws = Draw.objects.filter(bureau__path__startswith=entity.path).order_by("-committed_on", "-id")[:50]
    return iq, error, {"iq": iq, "error": error, "sorts": search.SORTS, "statuses": InspectionStatus.choices,
                       "kinds": InspectionKind.choices, "origins": search.ORIGINS,
                       "items": items.order_by("bureau", "seq"), "draws": draws}


@needs(Kind.INSPECTIONS)
def inspection_search(request):
    """检查查询: every inspection of the person's subtree, by subject, item, inspector, status, kind, dates or draw."""
    from urllib.parse import urlencode

    iq, error, context = _search_context(request)
    rows, nxt = [], None
    if error is None:
        qs = search.apply(search.scoped(request.user), iq).prefetch_related("items", "officers")
        try:
            found, nxt = search.page(qs, iq.sort, request.GET.get("cursor"), SEARCH_PAGE)
        except search.SearchError as e:
            error, found = str(e), []
        rows = [search.row(i) for i in found]
    context.update(rows=rows, error=error, query=urlencode(iq.as_params()), next_cursor=nxt,
                   first_page=not request.GET.get("cursor"))
    return render(request, "inspections/search.html", context, status=400 if error else 200)


@needs(Kind.INSPECTIONS)
def inspection_search_export(request):
    """The same search as an XLSX workbook, within the person's subtree; logged as a read of personal data (an
    个体工商户's name is a person's)."""
    from openpyxl import Workbook

    from fazhi.core.search import xlsx_response
    from fazhi.org.access import record_read
    from fazhi.org.models import Bureau

    iq, error, context = _search_context(request)
    if error is not None:
        return render(request, "inspections/search.html", {**context, "rows": []}, status=400)
    qs = search.apply(search.scoped(request.user), iq).prefetch_related("items", "officers")
    found, more = search.page(qs, iq.sort, None, EXPORT_MAX_ROWS)
    wb = Workbook()
    ws = wb.active
    ws.title = "检查"
    ws.append(["检查对象", "统一社会信用代码", "检查类型", "状态", "实施机关", "检查事项", "检查人员", "抽取批次",
               "计划检查日期", "检查日期", "公示日期"])
    for ins in found:
        r = search.row(ins)
        ws.append([r["subject"], r["credit_code"], r["kind_label"], r["status_label"], r["bureau"], r["items"],
                   r["officers"], r["draw"], r["planned_on"], r["inspected_on"], r["published_on"]])
    if more:
        ws.append([f"仅导出前{EXPORT_MAX_ROWS}件，请缩小查询范围"])
    entity = request.user.entity or Bureau.objects.get(parent=None)
    record_read(request.user, bureau_id=entity.pk, record="inspections:search",
                label=f"检查查询导出（{len(found)}件）", what="导出检查清单")
    return xlsx_response(wb, f"inspections-{timezone.localdate():%Y%m%d}.xlsx")
