"""Personas and helpers. The org is the real demo tree (株洲 with its district bureaus)."""
import json
import random
from datetime import date

import pytest
from django.test import Client

from fazhi.org.demo import build_org
from fazhi.org.models import ApiToken, Staff
from tests.citydesk.desk import desk  # noqa: F401 — the 荷塘 command centre fixture, for citydesk and browser tests

# A fixed "today" inside the known calendar keeps dates reproducible; actions only refuse future dates.
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test rolls its database back, so no process-cached calendar may outlive it."""
    from fazhi.core.calendar import forget_calendar

    forget_calendar()
    yield
    forget_calendar()


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    """Rolled-back rows must not survive in the process-held tables either."""
    from fazhi.citydesk.actions import REGIONS
    from fazhi.open311.services import SERVICES

    REGIONS.forget()
    SERVICES.forget()
    yield
    REGIONS.forget()
    SERVICES.forget()


@pytest.fixture
def org(db):
    return build_org(random.Random(7), TODAY)


class Api:
    """An HTTP client for one persona (token auth), returning (status, json)."""

    def __init__(self, staff: Staff | None):
        self.client = Client()
        self.headers = {}
        if staff is not None:
            _, key = ApiToken.issue(staff)
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path, **params):
        r = self.client.get(f"/api/v1{path}", params, **self.headers)
        return r.status_code, (r.json() if r.content else None)

    def post(self, path, body):
        r = self.client.post(f"/api/v1{path}", json.dumps(body, default=str), content_type="application/json",
                             **self.headers)
        return r.status_code, (r.json() if r.content else None)


@pytest.fixture
def api(org):
    def for_user(username):
        return Api(Staff.objects.get(username=username) if username else None)

    return for_user
