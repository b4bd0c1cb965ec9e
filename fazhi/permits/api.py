"""REST API of 行政许可 under /api/v1/ (added to the API in fazhi/api.py)."""

from ninja import Router

router = Router(tags=["行政许可"])
