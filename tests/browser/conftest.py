"""Headless Chromium (Debian's package) driven by Playwright, for the browser tests."""
import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The live server's thread must not keep a connection open past the test, or the test database cannot
    # be dropped at the end of the run: close after every request there.
    db = connections["default"].settings_dict
    max_age, db["CONN_MAX_AGE"] = db.get("CONN_MAX_AGE", 0), 0

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()
        # ORM calls made while Playwright's loop runs get their own connection (asgiref's context-local
        # storage): close it here, in that context, or it outlives the test run.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    db["CONN_MAX_AGE"] = max_age


