"""REST API of 涉企行政检查 for staff: the inspection search and the steps on an inspection."""
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from fazhi.core.workflow_api import mount
from fazhi.inspections import search
from fazhi.inspections.workflow import WORKFLOW
from fazhi.org.access import Kind, require

router = Router(tags=["涉企行政检查"])


class InspectionFilter(Schema):
    """The filters of inspections/search.py (the 检查查询 page uses the same)."""
    q: str | None = Field(None, description="检查对象名称片段（至少两个字）或统一社会信用代码")
    item: str | None = Field(None, description="检查事项编号")
    inspector: str | None = Field(None, description="检查人员姓名或账号")
    status: str | None = None
    kind: str | None = None
    origin: str | None = Field(None, description="检查来源：draw 双随机抽取，manual 计划登记")
    draw: str | None = Field(None, description="抽取批次编号")
    planned_from: str | None = Field(None, description="计划检查日期（起），YYYY-MM-DD")
    planned_to: str | None = Field(None, description="计划检查日期（止）")
    inspected_from: str | None = Field(None, description="检查日期（起）")
    inspected_to: str | None = Field(None, description="检查日期（止）")
    sort: str = Field("-planned_on", description="排序：-planned_on（默认）、planned_on、-id")
    cursor: str | None = None
    limit: int = 50


@router.get("/inspections", summary="涉企行政检查查询（本级及下级，键集分页）", response={200: dict, 400: dict})
def list_inspections(request, f: Query[InspectionFilter]):
    require(request.auth, Kind.INSPECTIONS)
    try:
        iq = search.parse(f.dict())
        qs = search.apply(search.scoped(request.auth), iq).prefetch_related("items", "officers")
        rows, nxt = search.page(qs, iq.sort, f.cursor, max(1, min(f.limit, 200)))
    except search.SearchError as e:
        raise HttpError(400, str(e)) from None
    return {"results": [search.row(i) for i in rows], "next_cursor": nxt}


mount(router, WORKFLOW)  # POST /inspections/<id>/actions/<step>, one per step of the table (fazhi.core.workflow_api)
