"""REST API of 数字化城管 for staff: the issue search (the public intake is Open311, fazhi/open311)."""
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from fazhi.citydesk import search
from fazhi.citydesk.models import Issue
from fazhi.citydesk.workflow import WORKFLOW
from fazhi.core.workflow_api import mount
from fazhi.org.access import ISSUE_KINDS, issues_for, require

router = Router(tags=["数字化城管"])


class IssueFilter(Schema):
    """The filters of citydesk/search.py (the 问题查询 page uses the same)."""
    q: str | None = Field(None, description="查询码，或位置描述、问题描述的片段（至少两个字）")
    category: str | None = Field(None, description="小类代码（如 E0102）或大类代码（如 E01）")
    region: str | None = Field(None, description="区划代码")
    unit: str | None = Field(None, description="处置单位编号")
    status: str | None = None
    channel: str | None = None
    reported_from: str | None = Field(None, description="上报日期（起），YYYY-MM-DD")
    reported_to: str | None = Field(None, description="上报日期（止）")
    closed_from: str | None = Field(None, description="结案日期（起）")
    closed_to: str | None = Field(None, description="结案日期（止）")
    overdue: bool | None = None
    sort: str = Field("-reported_at", description="排序：-reported_at（默认）、reported_at、-id")
    cursor: str | None = None
    limit: int = 50


@router.get("/issues", summary="数字化城管问题查询（按可见范围，键集分页）", response={200: dict, 400: dict})
def list_issues(request, f: Query[IssueFilter]):
    require(request.auth, *ISSUE_KINDS)
    now = timezone.now()
    try:
        iq = search.parse(f.dict())
        qs = search.apply(issues_for(request.auth, Issue.objects.select_related("category", "region", "unit")),
                          iq, now)
        rows, nxt = search.page(qs, iq.sort, f.cursor, max(1, min(f.limit, 200)))
    except search.SearchError as e:
        raise HttpError(400, str(e)) from None
    return {"results": [search.row(i, now) for i in rows], "next_cursor": nxt}


mount(router, WORKFLOW)  # POST /issues/<id>/actions/<step>, one per step of the loop's table
