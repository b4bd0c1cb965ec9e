"""REST API of 违法建设和隐患整改台账 under /api/v1/ (added to the API in fazhi/api.py)."""

from ninja import Router

router = Router(tags=["违法建设和隐患整改台账"])
