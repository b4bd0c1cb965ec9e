"""REST API of 执法监督 under /api/v1/ (added to the API in fazhi/api.py)."""

from ninja import Router

router = Router(tags=["执法监督"])
