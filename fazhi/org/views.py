"""The personal-data read log for leaders (ACC-01): who read which record's personal data, and when, within the
leader's subtree. Read-only: entries are written by org.access.record_read and never edited."""
from __future__ import annotations

from django.shortcuts import render

from fazhi.org.access import Kind, needs
from fazhi.org.models import PersonalDataRead

PAGE = 200


@needs(Kind.READ_LOG)
def read_log(request):
    entity = request.user.entity
    rows = PersonalDataRead.objects.select_related("staff", "bureau").order_by("-at", "-id")
    if not request.user.is_superuser:
        rows = rows.filter(bureau__path__startswith=entity.path) if entity else rows.none()
    who = request.GET.get("staff", "").strip()[:150]
    record = request.GET.get("record", "").strip()[:64]
    if who:
        rows = rows.filter(staff__username=who)
    if record:
        rows = rows.filter(label__contains=record) | rows.filter(record=record)
    return render(request, "org/read_log.html", {"rows": rows[:PAGE], "page": PAGE, "who": who, "record": record})
