"""Human document numbers (文号), e.g. 株城管罚决字〔2026〕第0012号, per bureau, kind and year, gapless."""
from __future__ import annotations

from fazhi.cases.models import DocumentCounter

KINDS = {
    "filing": "立字",          # 立案审批表 / 案件编号
    "notice": "罚告字",        # 行政处罚事先告知书
    "decision": "罚决字",      # 行政处罚决定书
    "on_site": "当场罚决字",   # 当场行政处罚决定书 (PEN-02: 预定格式、编有号码)
    "no_penalty": "不罚决字",  # 不予行政处罚决定书
    "demand": "催告字",        # 催告书
}


def take_number(bureau, kind: str, year: int) -> str:
    """Must be called inside the action's transaction: the counter row stays locked until commit."""
    counter, _ = DocumentCounter.objects.get_or_create(bureau=bureau, kind=kind, year=year)
    counter = DocumentCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    prefix = bureau.doc_prefix or bureau.short_name
    return f"{prefix}{KINDS[kind]}〔{year}〕第{counter.last:04d}号"
