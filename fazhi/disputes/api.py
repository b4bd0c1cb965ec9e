"""REST API of 行政复议和行政应诉 under /api/v1/ (added to the API in fazhi/api.py)."""

from ninja import Router

router = Router(tags=["行政复议和行政应诉"])
