"""Staff pages: the work queue and the case page. Server-rendered, phone-first. Writes go through actions."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.cases.models import OPEN_STATUSES, Status
from fazhi.cases.queries import detail, detail_queryset, list_queryset, list_row
from fazhi.org.models import LEADERS, Role

QUEUE_SIZE = 50


def _queues(user):
    """What each role has to do now (issue 3 grows this into the full workbench)."""
    qs = list_queryset(user)
    queues = []
    if user.has_role(Role.OFFICER, Role.SQUAD_LEADER):
        queues.append(("我承办的案件", qs.filter(officers__staff=user, officers__recused_on__isnull=True,
                                              status__in=OPEN_STATUSES)))
    if user.has_role(Role.SQUAD_LEADER, *LEADERS):
        queues.append(("待立案审批", qs.filter(status=Status.CLUE)))
    if user.has_role(Role.LEGAL_REVIEWER):
        queues.append(("待法制审核", qs.filter(status__in=[Status.REPORTED, Status.NOTIFIED])))
    if user.has_role(*LEADERS):
        queues.append(("待决定", qs.filter(status__in=[Status.REPORTED, Status.NOTIFIED])))
    queues.append(("逾期案件", qs.overdue(timezone.localdate())))
    return queues


@login_required
def queue(request):
    today = timezone.localdate()
    sections = [(title, [list_row(c, today) for c in q.order_by("next_due", "-id")[:QUEUE_SIZE]])
                for title, q in _queues(request.user)]
    return render(request, "cases/queue.html", {"sections": sections, "today": today})


@login_required
def case_page(request, case_id):
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    return render(request, "cases/case.html", {"c": detail(case, request.user, timezone.localdate())})
