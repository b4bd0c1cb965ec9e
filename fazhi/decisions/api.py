"""REST API of 重大行政决策和合法性审查 under /api/v1/ (added to the API in fazhi/api.py)."""

from ninja import Router

router = Router(tags=["重大行政决策和合法性审查"])
