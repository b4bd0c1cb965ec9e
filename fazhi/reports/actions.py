"""The one writer of a report's narrative parts: each save is kept and logged like any other change."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.org.models import LEADERS, Role
from fazhi.reports.models import PARTS, ReportSection


def save_sections(bureau, year: int, texts: dict[int, str], *, by) -> list[int]:
    """Save the parts that changed; returns their numbers. Only the bureau's leaders and legal staff write."""
    if not by.has_role(*LEADERS, Role.LEGAL_REVIEWER) or by.entity is None or not bureau.path.startswith(by.entity.path):
        raise NotPermitted("年度报告文字部分由本机关负责人或法制审核人员撰写", "RPT-02")
    changed = []
    with transaction.atomic():
        for part, _ in PARTS:
            if part not in texts:
                continue
            section, _ = ReportSection.objects.select_for_update().get_or_create(bureau=bureau, year=year, part=part)
            if section.text == texts[part]:
                continue
            section.text, section.updated_by = texts[part], by
            section.save()
            changed.append(part)
            append_event(f"report:{bureau.code}:{year}", "save_section", actor=by, on=timezone.localdate(),
                         data={"part": part, "text": texts[part]})
    return changed
