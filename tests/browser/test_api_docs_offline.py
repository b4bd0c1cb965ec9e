"""Issue 15 item 5: /api/v1/docs renders with the network cut off — Swagger UI comes from the product's static
files (vendor/swagger-ui), not a CDN — and under the Content-Security-Policy nothing on the page is blocked."""
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "security"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def offline_page(browser):
    """A page whose every request to anything but this machine is refused, as on an intranet without internet;
    returns the page and the lists of blocked requests and CSP complaints."""
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
    blocked, csp = [], []

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort("internetdisconnected")

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    return page, blocked, csp


def test_api_docs_render_offline_with_operations(browser, live_server, transactional_db):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, blocked, csp = offline_page(browser)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    ops = page.locator(".opblock-summary-path").all_inner_texts()
    page.screenshot(path=str(ARTIFACTS / "api-docs-offline.png"))
    assert "/api/v1/auth/token" in ops and "/api/v1/me" in ops, ops
    assert len(ops) >= 10
    assert blocked == [] and csp == []


def test_report_form_locates_under_the_csp(browser, live_server, transactional_db, desk):
    """The public report form's location button is a static script now (no inline handler the CSP would block)."""
    page, blocked, csp = offline_page(browser)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": 113.15, "latitude": 27.85})
    page.goto(f"{live_server.url}/public/report/")
    page.click("#locate")
    page.wait_for_function("document.getElementById('lng').value !== ''")
    assert page.input_value("#lat") == "27.850000"
    assert blocked == [] and csp == []
