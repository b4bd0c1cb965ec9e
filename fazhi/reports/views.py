"""年度报告 page: the figures with their definitions and drill-down, the narrative parts the bureau writes for
the year, and the DOCX/PDF downloads. A user sees their own bureau (with everything below it)."""
from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from fazhi.core.errors import NotPermitted
from fazhi.core.layout import to_docx, to_pdf
from fazhi.core.params import year_param
from fazhi.org.access import Kind, may, needs
from fazhi.org.models import LEADERS, Bureau, Role
from fazhi.reports import figures as F
from fazhi.reports.actions import save_sections
from fazhi.reports.annual import build, charts, month_chart, report
from fazhi.reports.models import PARTS
from fazhi.reports.present import headline, period_word, rows, show


def _bureau(request, code):
    entity = request.user.entity
    b = Bureau.objects.filter(code=code).first()
    if b is None or entity is None or not b.path.startswith(entity.path):
        raise Http404
    return b


@needs(Kind.REPORTS)
def annual_current(request):
    if request.user.entity is None:
        raise Http404
    return redirect("annual_report", code=request.user.entity.code, year=timezone.localdate().year)


@needs(Kind.REPORTS)
def annual(request, code, year):
    """The report as the document shows it: the same drafted parts, the same values (reports/present.py), the
    附件 with definitions and drill-down, what the system does not record; the parts are edited here."""
    b = _bureau(request, code)
    year = year_param(year)
    r = report(b, date(year, 1, 1), date(year, 12, 31))
    if request.method == "POST":
        drafts = r.drafts()
        texts = {}
        for part, _ in PARTS:
            if f"part{part}" not in request.POST:
                continue
            text = request.POST[f"part{part}"].replace("\r\n", "\n").strip()
            # Unchanged draft text is not stored: the part keeps following the records until the bureau edits it.
            texts[part] = "" if text == "\n".join(drafts[part]) else text
        try:
            save_sections(b, year, texts, by=request.user)
        except NotPermitted as e:
            return HttpResponse(e.message, status=403, content_type="text/plain; charset=utf-8")
        messages.success(request, "已保存")
        return redirect("annual_report", code=code, year=year)
    drill = request.GET.get("records")
    records = None
    if drill in F.BY_KEY and F.BY_KEY[drill].records and may(request.user, Kind.CASES):  # rows name parties
        records = list(F.BY_KEY[drill].records(r.scope)[:200])
    # A bureau with 执法主体 below it shows 本机关 and 所属区县局 apart, as the report does.
    columns = [r.own, r.sub] if r.split else [r.values]
    shown = [dict((f.key, v) for f, v in rows(F.FIGURES, values, r.period)) for values in columns]
    return render(request, "reports/annual.html", {
        "b": b, "year": year, "r": r, "headers": r.header()[1:-1],
        "rows": [{"f": f, "shown": [col[f.key] for col in shown]} for f in F.FIGURES if f.key in shown[0]],
        "not_recorded": r.not_recorded(), "problems": [text for _, text in r.problems()],
        "parts": [(p, h, "\n".join(paras), drafted, min(24, 3 + sum(2 + len(x) // 40 for x in paras)))
                  for p, h, paras, drafted in r.parts()],
        "records": records, "drill": F.BY_KEY.get(drill),
        "month_trend": any(kind == "line" for kind, *_ in charts(r.scope, r.today)),
        "may_edit": request.user.has_role(*LEADERS, Role.LEGAL_REVIEWER)})


@needs(Kind.REPORTS)
def month_chart_png(request, code, year):
    return HttpResponse(month_chart(_bureau(request, code), year_param(year), timezone.localdate()),
                        content_type="image/png")


@needs(Kind.REPORTS)
def annual_file(request, code, year, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404("年度报告只提供PDF和DOCX格式")
    b = _bureau(request, code)
    doc, _ = build(b, year_param(year))
    body, kind = (to_pdf(doc), "application/pdf") if fmt == "pdf" else (
        to_docx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    r = HttpResponse(body, content_type=kind)
    r["Content-Disposition"] = content_disposition_header(True, f"{b.short_name}{year}年法治政府建设年度报告.{fmt}")
    return r


def _bars(rows, label=str) -> list[dict]:
    """Rows (label, n) with each bar's share of the largest, for the CSS bar charts."""
    top = max((n for _, n in rows), default=0) or 1
    return [{"label": label(k), "n": n, "pct": round(100 * n / top, 1)} for k, n in rows]


@needs(Kind.REPORTS)
def dashboard(request):
    """领导驾驶舱: this year's figures as charts by month, district and violation, and what needs attention now —
    立而不查、查而不罚、罚而不执, overdue deadlines and overdue issues — each with the cases behind it."""
    entity = request.user.entity
    if entity is None:
        raise Http404
    b = _bureau(request, request.GET.get("bureau") or entity.code)
    year = year_param(request.GET.get("year"))
    scope = F.Scope(b, timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date())
    today = timezone.localdate()
    attention = F.anomaly_records(scope, today)
    picked = request.GET.get("anomaly")
    records = list(attention[picked].select_related("bureau").order_by("next_due", "id")[:200]) \
        if picked in attention and may(request.user, Kind.CASES) else None
    keys = ("cases", "general", "simple", "fines", "in_time", "review_coverage", "published_on_time", "issues",
            "issues_closed", "issues_in_time")
    return render(request, "reports/dashboard.html", {
        "b": b, "year": year, "children": Bureau.objects.filter(parent=entity).exclude(kind="squad"),
        "headline": [(F.BY_KEY[k], *headline(show(F.BY_KEY[k], F.BY_KEY[k].compute(scope), period_word(scope))))
                     for k in keys],
        "months": _bars(F.by_month(scope), lambda m: f"{m}月"),
        "issue_months": _bars(F.issues_by_month(scope), lambda m: f"{m}月"),
        "bureaus": _bars(F.by_bureau(scope)), "causes": _bars(F.by_cause(scope)),
        "regions": _bars(F.issues_by_region(scope)),
        "attention": [(k, qs.count()) for k, qs in attention.items()], "picked": picked, "records": records,
        "overdue_issues": F.overdue_issues(scope, timezone.now()), "campaigns": _campaign_bars(scope)})


def _campaign_bars(scope) -> list[dict]:
    """专项整治: per campaign the problems found in the year and the share rectified (整改销号), as bars."""
    found = F.BY_KEY["campaign_problems"].compute(scope)
    fixed = F.BY_KEY["campaign_problems_fixed"].compute(scope)
    return [{"label": name, "found": n, "fixed": fixed.get(name, 0),
             "pct": round(100 * fixed.get(name, 0) / n, 1) if n else 0} for name, n in found.items()]
