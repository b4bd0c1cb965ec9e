"""The Open311 service list held in the process: service_code → category (core/snapshot.py). Open311 forgets it
when a category is saved or deleted (open311/apps.py)."""
from __future__ import annotations

from fazhi.citydesk.models import Category
from fazhi.core.snapshot import Snapshot

SERVICES = Snapshot(lambda: {c.service_code: c for c in Category.objects.filter(disabled=False)})
