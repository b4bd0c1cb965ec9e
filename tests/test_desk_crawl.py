"""The 工作台 as every demo persona sees it (issue #30 §3): built from what each can do now across every registered
context — no link on it answers 404 or a server error, and every row opens a page on which its step is offered (the
row links to the step's form, `#do-<step>`)."""
import re
from datetime import date

from django.test import Client

from fazhi.core.workflow import REGISTRY
from fazhi.org.models import Staff
from tests.test_workflow_offered import SAMPLES
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture

LINK = re.compile(r'href="(/[^"#]*)(?:#[^"]*)?"')
ROW = re.compile(r'<li[^>]*data-step="([a-z_]+)"[^>]*>\s*<a href="(/[^"#]+)#(do-[a-z_]+[^"]*)"')
SKIP = (".pdf", ".docx", ".xlsx", ".zip", "/accounts/logout")


def test_every_persona_desk_links_open_and_rows_offer_their_step(api, clock):
    for key in SAMPLES:
        SAMPLES[key](api, clock)  # cases move the clock to 2026-12-20 first; the others follow
    assert clock(date(2026, 12, 20))
    rows_seen = 0
    for person in Staff.objects.filter(is_active=True).order_by("username"):
        web = Client()
        web.force_login(person)
        r = web.get("/", follow=True)
        assert r.status_code == 200, person.username
        page = r.content.decode()
        rows = ROW.findall(page)
        assert len(rows) == page.count("data-step="), person.username  # every row links to its step's form
        for step, url, anchor in rows:
            assert anchor == f"do-{step}" or anchor.startswith(f"do-{step}-")
            target = web.get(url)
            assert target.status_code == 200, (person.username, url)
            assert f'id="{anchor}"' in target.content.decode(), (person.username, url, step)
        rows_seen += len(rows)
        for url in sorted(set(LINK.findall(page)) - {u for _, u, _ in rows}):
            if url.endswith(SKIP) or url.startswith("/static/"):
                continue
            got = web.get(url)
            assert got.status_code not in (404,) and got.status_code < 500, (person.username, url, got.status_code)
    assert rows_seen > 20 and len(REGISTRY) >= 3
