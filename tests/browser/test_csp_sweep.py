"""The Content-Security-Policy blocks nothing the product itself uses: every main page, as an administrator with
all roles, in Chromium with outside requests cut off, raises no CSP report and no script error."""
import os

import pytest
from django.test import Client

from fazhi.org.models import Role, RoleGrant
from tests.browser.conftest import CHROMIUM
from tests.browser.test_api_docs_offline import offline_page

pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")

PAGES = ["/", "/cases/", "/cases/new/", "/field/", "/catalog/", "/inspections/",
         "/reports/dashboard/", "/reports/annual/", "/citydesk/", "/citydesk/patrol/", "/citydesk/map/",
         "/citydesk/appraisal/", "/access-log/", "/manage/", "/accounts/tokens/", "/accounts/lockouts/",
         "/accounts/password_change/", "/admin/", "/api/v1/docs", "/public/", "/public/report/",
         "/public/decisions/", "/public/inspections/", "/public/lists/"]


def test_no_page_trips_the_policy(browser, live_server, transactional_db, desk):
    from fazhi.org.models import Staff

    head = Staff.objects.get(username="hetang_head")
    head.is_staff = head.is_superuser = True
    head.save()
    RoleGrant.objects.bulk_create([RoleGrant(staff=head, role=r) for r in Role if r not in head.roles],
                                  ignore_conflicts=True)
    c = Client()
    c.force_login(head)
    page, blocked, csp = offline_page(browser)
    page.context.add_cookies([{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": live_server.url}])
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    seen = {}
    for path in PAGES:
        r = page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        seen[path] = r.status
    assert all(s == 200 for s in seen.values()), seen
    assert csp == [] and errors == [] and blocked == []
