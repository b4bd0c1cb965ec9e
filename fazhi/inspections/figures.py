"""Figures for the reports (issue 6 §6): inspections by kind, the share drawn at random, joint inspections,
per-enterprise counts against caps, and results published on time (INS-08)."""
from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.inspections.models import Inspection, InspectionKind
from fazhi.law.inspections import published_late


def figures(bureau, year: int) -> dict:
    qs = Inspection.objects.filter(bureau__path__startswith=bureau.path, planned_on__year=year)
    done = qs.exclude(inspected_on=None)
    by_kind = {label: 0 for _, label in InspectionKind.choices}
    for row in done.values("kind").annotate(n=Count("id")):
        by_kind[InspectionKind(row["kind"]).label] = row["n"]
    total = done.count()
    published = done.exclude(published_on=None)
    cal = law_calendar()
    # A limit still pending (DAY-07): on time when published within the working days already known.
    on_time = sum(1 for ins_on, p, due in published.values_list("inspected_on", "published_on", "publish_due")
                  if (p <= due if due else published_late(cal, ins_on, p) is False))
    # A result whose publication period has passed unpublished is late too: it counts against the rate.
    overdue = done.filter(published_on=None, publish_due__lt=timezone.localdate()).count()
    due = published.count() + overdue
    per_subject = {}
    for sid, item, cap in done.values_list("subject_id", "items__id", "items__yearly_cap"):
        key = (sid, item)
        n, _ = per_subject.get(key, (0, cap))
        per_subject[key] = (n + 1, cap)
    return {
        "检查总数": total, "按类型": by_kind,
        "双随机抽查占比": round(by_kind[InspectionKind.RANDOM.label] / total, 4) if total else None,
        "联合检查": by_kind[InspectionKind.JOINT.label],
        "发现问题": done.filter(problem_found=True).count(), "移送立案": done.exclude(case=None).count(),
        "结果公示": published.count(), "逾期未公示": overdue, "按期公示": on_time,
        "按期公示率": round(on_time / due, 4) if due else None,
        "达到年度上限的企业事项": sum(1 for n, cap in per_subject.values() if n >= cap),
    }
