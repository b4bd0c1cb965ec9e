"""The public portal (no login): published decisions (masked), inspection results, the "四清单一计划", and the
双公示 feed in CSV and JSON. Only what a Publication or a published inspection holds is ever shown."""
from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.cases.queries import detail_queryset
from fazhi.catalog.four_lists import four_lists_one_plan
from fazhi.catalog.models import Benchmark, ExemptionEntry, InspectionItem, InspectionPlan, PowerList
from fazhi.core import blobs
from fazhi.core.params import BadInput, date_param, float_param, int_param
from fazhi.core.sheets import xlsx_download
from fazhi.disclosure import actions
from fazhi.disclosure.models import Publication
from fazhi.disclosure.public import shown_issue, shown_publication
from fazhi.inspections.models import Inspection, InspectionStatus
from fazhi.law.basis import RuleViolation
from fazhi.law.disclosure import csv_cell, mask
from fazhi.law.jurisdiction import applies
from fazhi.org.access import Kind, needs
from fazhi.org.models import Bureau


def live():
    today = timezone.localdate()
    return Publication.objects.filter(withdrawn_on=None, retain_until__gte=today).select_related("bureau", "case")


def _shown(publications):
    """Publications with what the public sees of them (`shown`), masked on the way out (disclosure.public)."""
    out = list(publications)
    for p in out:
        p.shown = shown_publication(p)
    return out


def index(request):
    return render(request, "disclosure/index.html", {
        "recent": _shown(live()[:10]), "bureaus": Bureau.objects.exclude(kind="squad").order_by("path")})


def decisions(request):
    qs = live()
    code = request.GET.get("bureau")
    if code:
        b = Bureau.objects.filter(code=code).first()
        qs = qs.filter(bureau__path__startswith=b.path) if b else qs.none()
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    page.object_list = _shown(page.object_list)
    return render(request, "disclosure/decisions.html", {"page": page, "bureau": code or ""})


def decision(request, publication_id):
    p = get_object_or_404(live(), uuid=publication_id)
    return render(request, "disclosure/decision.html", {"p": p, "c": shown_publication(p)})


def inspections(request):
    qs = (Inspection.objects.filter(status=InspectionStatus.PUBLISHED).select_related("subject", "bureau")
          .prefetch_related("items").order_by("-published_on")[:200])
    rows = list(qs)
    for i in rows:
        i.shown_result = mask(i.result)
    return render(request, "disclosure/inspections.html", {"inspections": rows})


def lists(request):
    city = Bureau.objects.filter(parent=None).first()
    chain = [city] if city else []
    # CAT-01: the bureaus publish the lists that apply where they are, not another area's (深圳's benchmark).
    codes = list(Bureau.objects.values_list("code", flat=True))
    return render(request, "disclosure/lists.html", {
        "power_lists": [p for p in PowerList.objects.filter(disabled=False) if applies(p.area, codes)],
        "benchmarks": [b for b in Benchmark.objects.filter(disabled=False) if applies(b.area, codes)],
        "exemptions": ExemptionEntry.objects.filter(disabled=False).select_related("bureau"),
        "items": InspectionItem.objects.filter(disabled=False).select_related("bureau"),
        "plans": InspectionPlan.objects.filter(disabled=False).select_related("bureau"), "chain": chain})


def lists_xlsx(request):
    return xlsx_download(four_lists_one_plan(list(Bureau.objects.all())), "四清单一计划.xlsx")


# 双公示 (PUB-06): the field names credit platforms take for 行政处罚 records.
FEED_FIELDS = ["行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "行政处罚决定书文号", "违法行为类型",
               "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "处罚决定日期", "公示截止期", "处罚机关",
               "数据来源单位"]


def _feed_rows():
    for p in live():
        c = shown_publication(p)
        fine = p.case.fine if p.case_id else 0
        yield {"行政相对人名称": c["party"], "行政相对人类别": "自然人" if p.natural_person else "法人及非法人组织",
               "统一社会信用代码": c.get("credit_code", ""), "法定代表人": c.get("representative", ""),
               "行政处罚决定书文号": c["decision_no"], "违法行为类型": c["cause"], "违法事实": c["facts"],
               "处罚依据": c["basis"], "处罚类别": c["penalty"].split("人民币")[0].split("；")[0],
               "处罚内容": c["penalty"], "罚款金额（万元）": f"{float(fine) / 10000:.6f}".rstrip("0").rstrip("."),
               "处罚决定日期": c["decided_on"], "公示截止期": p.retain_until.isoformat(), "处罚机关": c["bureau"],
               "数据来源单位": c["bureau"]}


def feed_json(request):
    return JsonResponse({"fields": FEED_FIELDS, "records": list(_feed_rows())}, json_dumps_params={"ensure_ascii": False})


def feed_csv(request):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FEED_FIELDS)
    w.writeheader()
    for row in _feed_rows():
        w.writerow({k: csv_cell(v) for k, v in row.items()})
    r = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    r["Content-Disposition"] = 'attachment; filename="penalties.csv"'
    return r


# --- staff: publish and withdraw from the case page --------------------------------------------------------------

@needs(Kind.CASES)
@require_POST
def publish_case(request, case_id):
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    try:
        on = date_param(request.POST.get("on"), "公开日期", default=timezone.localdate())
        p = actions.publish(case, by=request.user, on=on, also=request.POST.get("also_mask", "")[:2000])
        messages.success(request, "已公开" + ("" if p.on_time else f"（已超过公开期限{p.due:%Y-%m-%d}{p.late_days}日，计为公示超期）"))
    except RuleViolation as e:
        messages.error(request, f"不予办理（{e.code}）：{e.message}")
    except BadInput as e:
        messages.error(request, f"不予办理：{e.message}")
    return redirect("case", case_id=case.uuid)


@needs(Kind.CASES)
@require_POST
def withdraw_publication(request, publication_id):
    p = get_object_or_404(Publication, uuid=publication_id)
    case = get_object_or_404(detail_queryset(request.user), pk=p.case_id)
    try:
        on = date_param(request.POST.get("on"), "撤回日期", default=timezone.localdate())
        changed = date_param(request.POST.get("changed_on"), "决定变更日期", default=on)
        actions.withdraw(p, by=request.user, on=on, reason=request.POST.get("reason", ""), changed_on=changed)
        messages.success(request, "已撤回公开")
    except (RuleViolation, ValueError) as e:
        messages.error(request, f"不予办理：{getattr(e, 'message', e)}")
    return redirect("case", case_id=case.uuid)


# --- public reporting and tracking (数字化城管 web channel) --------------------------------------------------------

def report_issue(request):
    """The public web form: a problem with its place (phone GPS, WGS-84); the reporter gets a tracking code."""
    from fazhi.citydesk import actions as desk
    from fazhi.citydesk.models import Category, Channel
    from fazhi.core.security import client_address
    from fazhi.org import challenge

    categories = Category.objects.filter(disabled=False).order_by("kind", "class_code", "code")
    error, status = None, 400
    if request.method == "POST":
        p = request.POST
        try:
            # Anonymous: a challenge answered once, then the rate limit (org/challenge.py), before anything else.
            challenge.check_answer(p.get("challenge", ""), p.get("challenge_answer", ""))
            challenge.allow_anonymous_report(client_address(request))
            category = categories.get(pk=int_param(p.get("category"), "问题类型"))
            lng = float_param(p.get("lng"), "经度", lo=-180, hi=180)
            lat = float_param(p.get("lat"), "纬度", lo=-90, hi=90)
            files = request.FILES.getlist("photos")
            with blobs.kept(files) as stored:  # small (core/uploads.py); a refused report keeps none of them
                issue = desk.report(channel=Channel.WEB, category=category, description=p.get("description", ""),
                                    lng=lng, lat=lat, address=p.get("address", ""), reporter_name=p.get("name", ""),
                                    reporter_phone=p.get("phone", ""), callback="callback" in p,
                                    photos=[(b, f.name or "", f.content_type or "")
                                            for b, f in zip(stored, files, strict=True)])
            return redirect("public_track", code=issue.tracking_code)
        except challenge.ChallengeFailed as e:
            error = str(e)
        except challenge.RateLimited as e:
            error, status = str(e), 429
        except BadInput as e:
            error = f"{e.message}（请选择问题类型并提供位置经纬度）"
        except (ValueError, Category.DoesNotExist):
            error = "请选择问题类型并提供位置（经纬度）"
        except RuleViolation as e:
            error = e.message
    from django.conf import settings

    from fazhi.core.uploads import _mb

    return render(request, "disclosure/report.html", {"categories": categories, "error": error,
                                                      "photo_limit": _mb(settings.FAZHI_PUBLIC_UPLOAD_MAX_BYTES),
                                                      "question": challenge.new_question()},
                  status=status if error else 200)


def track(request, code):
    from fazhi.citydesk.actions import tracked
    from fazhi.citydesk.models import Issue

    issue = get_object_or_404(Issue.objects.select_related("category", "unit", "duplicate_of"), tracking_code=code.upper())
    shown = tracked(issue)
    return render(request, "disclosure/track.html", {"issue": issue, "shown": shown, "public": shown_issue(shown)})
