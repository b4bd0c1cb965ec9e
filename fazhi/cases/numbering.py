"""Human document numbers (文号), e.g. 株城管罚决字〔2026〕第0012号, per bureau, kind and year, gapless."""
from __future__ import annotations

from django.db import connection

from fazhi.cases.models import DocumentCounter

KINDS = {
    "filing": "立字",          # 立案审批表 / 案件编号
    "notice": "罚告字",        # 行政处罚事先告知书
    "decision": "罚决字",      # 行政处罚决定书
    "on_site": "当场罚决字",   # 当场行政处罚决定书 (PEN-02: 预定格式、编有号码)
    "no_penalty": "不罚决字",  # 不予行政处罚决定书
    "demand": "催告字",        # 催告书
    "hearing_right": "听告字",  # 行政处罚听证告知书 (PEN-10)
    "hearing": "听通字",       # 听证通知书 (PEN-11)
    "correction": "责改字",    # 责令改正通知书 (PEN-25, Art 28)
}

_TABLE = DocumentCounter._meta.db_table
# One statement creates or increments the counter and returns the number; the row it writes stays locked
# until the action's transaction ends, so numbers are gapless and a rolled-back action gives its number back.
# PostgreSQL and SQLite (≥ 3.35) both take this form.
_NEXT = (f'INSERT INTO {_TABLE} (bureau_id, kind, year, last) VALUES (%s, %s, %s, 1) '
         f'ON CONFLICT (bureau_id, kind, year) DO UPDATE SET last = {_TABLE}.last + 1 RETURNING last')


def take_number(bureau, kind: str, year: int) -> str:
    """Must be called inside the action's transaction."""
    with connection.cursor() as cur:
        cur.execute(_NEXT, [bureau.pk, kind, year])
        last = cur.fetchone()[0]
    prefix = bureau.doc_prefix or bureau.short_name
    return f"{prefix}{KINDS[kind]}〔{year}〕第{last:04d}号"
