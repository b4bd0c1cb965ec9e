"""The 工作台 of every role (the steps each person can take now across every context, fazhi.core.workflow) and the
holiday table page (DAY-07): a leader or administrator pastes the State Council's notice for a year, sees every
day against the weekends, and saves; saving settles every deadline that waited for that year."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.actions import enter_holiday_year, may_enter_holidays
from fazhi.core.calendar import REMIND_FROM_MONTH, law_calendar, missing_next_year
from fazhi.core.errors import refused
from fazhi.core.models import HolidayYear
from fazhi.core.workflow import HOMES, PANELS, desk_sections, work_for
from fazhi.law.basis import RuleViolation
from fazhi.law.holiday_notice import parse_notice


@login_required
def desk(request):
    for home in HOMES:  # a role whose work lives on a page of its own goes there
        if (url := home(request.user)) is not None:
            return redirect(url)
    today = timezone.localdate()
    items = work_for(request.user, today)
    panels = []
    for p in PANELS:
        if (ctx := p.context(request, today)) is not None:
            panels.append({"template": p.template, **ctx})
    # DAY-07: from 1 November, a leader or administrator is reminded to enter next year's holiday notice.
    remind_year = missing_next_year(today) if may_enter_holidays(request.user) else None
    return render(request, "workflow/desk.html", {
        "today": today, "sections": desk_sections(items), "total": len(items),
        "overdue": sum(1 for i in items if i.overdue), "panels": panels, "remind_year": remind_year})


@login_required
def holidays(request):
    if not may_enter_holidays(request.user):
        raise PermissionDenied("节假日安排须由机关负责人或系统管理员录入")
    today = timezone.localdate()
    known = law_calendar().known_years
    default_year = today.year + 1 if today.month >= REMIND_FROM_MONTH or today.year + 1 not in known else today.year
    year_text = request.POST.get("year") or request.GET.get("year") or str(default_year)
    text = request.POST.get("text", "")
    title = request.POST.get("title", "")
    refusal, notice, status = None, None, 200
    try:
        year = int(year_text)
        if not 2000 <= year <= today.year + 1:
            raise ValueError
    except ValueError:
        year, refusal, status = default_year, {"code": "", "message": f"年度应为2000至{today.year + 1}年", "basis": ""}, 400
    if request.method == "POST" and refusal is None:
        notice = parse_notice(year, text)
        if request.POST.get("confirm") and not notice.problems:
            try:
                enter_holiday_year(notice, by=request.user, on=today, title=title)
            except RuleViolation as e:
                refusal, status = refused(e)
            else:
                settled = registry.settle_holiday_year(by=request.user, on=today)  # as each context registered
                told = "，".join(s.told.format(n=n) for s, n in settled if n or s.always)
                messages.success(request, f"{year}年节假日安排已录入（{len(notice.days)}天）" + (f"；{told}" if told else ""))
                return redirect("holidays")
        elif notice.problems:
            refusal = {"code": "DAY-07", "message": "；".join(notice.problems), "basis": ""}
            status = 400
    entered = HolidayYear.objects.order_by("-year").prefetch_related("days")[:5]
    return render(request, "core/holidays.html", {
        "year": year, "text": text, "title": title, "notice": notice, "refusal": refusal, "entered": entered,
        "known_years": sorted(y for y in known if y >= today.year - 1), "today": today,
    }, status=status)
