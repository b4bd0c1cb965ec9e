"""年度报告 page: the figures with their definitions and drill-down, the narrative parts the bureau writes for
the year, and the DOCX/PDF downloads. A user sees their own bureau (with everything below it)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from fazhi.cases.documents import to_docx, to_pdf
from fazhi.core.errors import NotPermitted
from fazhi.org.models import LEADERS, Bureau, Role
from fazhi.reports import figures as F
from fazhi.reports.actions import save_sections
from fazhi.reports.annual import build, month_chart
from fazhi.reports.models import PARTS, ReportSection


def _bureau(request, code):
    entity = request.user.entity
    b = Bureau.objects.filter(code=code).first()
    if b is None or entity is None or not b.path.startswith(entity.path):
        raise Http404
    return b


@login_required
def annual_current(request):
    if request.user.entity is None:
        raise Http404
    return redirect("annual_report", code=request.user.entity.code, year=timezone.localdate().year)


@login_required
def annual(request, code, year):
    b = _bureau(request, code)
    scope = F.Scope(b, timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date())
    if request.method == "POST":
        try:
            save_sections(b, year, {part: request.POST[f"part{part}"] for part, _ in PARTS
                                    if f"part{part}" in request.POST}, by=request.user)
        except NotPermitted as e:
            return HttpResponse(e.message, status=403, content_type="text/plain; charset=utf-8")
        messages.success(request, "已保存")
        return redirect("annual_report", code=code, year=year)
    drill = request.GET.get("records")
    records = None
    if drill in F.BY_KEY and F.BY_KEY[drill].records:
        records = list(F.BY_KEY[drill].records(scope)[:200])
    texts = dict(ReportSection.objects.filter(bureau=b, year=year).values_list("part", "text"))
    rows = [{"f": f, "value": f.compute(scope)} for f in F.FIGURES]
    return render(request, "reports/annual.html", {
        "b": b, "year": year, "rows": rows, "parts": [(p, h, texts.get(p, "")) for p, h in PARTS],
        "records": records, "drill": F.BY_KEY.get(drill), "anomalies": F.anomalies(scope, timezone.localdate()),
        "months": F.by_month(scope), "may_edit": request.user.has_role(*LEADERS, Role.LEGAL_REVIEWER)})


@login_required
def month_chart_png(request, code, year):
    return HttpResponse(month_chart(_bureau(request, code), year), content_type="image/png")


@login_required
def annual_file(request, code, year, fmt):
    b = _bureau(request, code)
    doc, _ = build(b, year)
    body, kind = (to_pdf(doc), "application/pdf") if fmt == "pdf" else (
        to_docx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    r = HttpResponse(body, content_type=kind)
    r["Content-Disposition"] = content_disposition_header(True, f"{b.short_name}{year}年法治政府建设年度报告.{fmt}")
    return r


def _shown(f: F.Figure, v) -> str:
    if v is None:
        return "—"
    if v == F.MISSING:
        return F.MISSING
    return f"{v * 100:.1f}%" if f.unit == "" else f"{v}{f.unit}"


def _bars(rows, label=str) -> list[dict]:
    """Rows (label, n) with each bar's share of the largest, for the CSS bar charts."""
    top = max((n for _, n in rows), default=0) or 1
    return [{"label": label(k), "n": n, "pct": round(100 * n / top, 1)} for k, n in rows]


@login_required
def dashboard(request):
    """领导驾驶舱: this year's figures as charts by month, district and violation, and what needs attention now —
    立而不查、查而不罚、罚而不执, overdue deadlines and overdue issues — each with the cases behind it."""
    entity = request.user.entity
    if entity is None:
        raise Http404
    b = _bureau(request, request.GET.get("bureau") or entity.code)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    scope = F.Scope(b, timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date())
    today = timezone.localdate()
    attention = F.anomaly_records(scope, today)
    picked = request.GET.get("anomaly")
    records = list(attention[picked].select_related("bureau").order_by("next_due", "id")[:200]) \
        if picked in attention else None
    keys = ("cases", "general", "simple", "fines", "in_time", "review_coverage", "published_on_time", "issues",
            "issues_closed", "issues_in_time")
    return render(request, "reports/dashboard.html", {
        "b": b, "year": year, "children": Bureau.objects.filter(parent=entity).exclude(kind="squad"),
        "headline": [(F.BY_KEY[k], _shown(F.BY_KEY[k], F.BY_KEY[k].compute(scope))) for k in keys],
        "months": _bars(F.by_month(scope), lambda m: f"{m}月"),
        "issue_months": _bars(F.issues_by_month(scope), lambda m: f"{m}月"),
        "bureaus": _bars(F.by_bureau(scope)), "causes": _bars(F.by_cause(scope)),
        "regions": _bars(F.issues_by_region(scope)),
        "attention": [(k, qs.count()) for k, qs in attention.items()], "picked": picked, "records": records,
        "overdue_issues": F.overdue_issues(scope, timezone.now())})
