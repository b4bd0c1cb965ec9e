"""Pinned query counts for the read endpoints: a list page or a case page costs a fixed number of queries
however many rows, officers, evidence items and events there are (no N+1)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_api_scenarios import OFFICERS, act, clue, ok, reported

# List: the token with its staff and bureau (1) + the user's roles for the access check (1) + the visible
# bureaus (1) + the page (1). Detail: token (1) + roles (1, reused by the action list) + visible bureaus (1)
# + case (1) + officers, evidence, preservations, the event timeline (4) + the personal-data read log (1 insert).
LIST_QUERIES = 4
DETAIL_QUERIES = 11  # + the 笔录 officers of the evidence (one prefetch) + the reader's certificates (the offered
# steps are the ones the action accepts: a case officer's step needs a certificate valid today, PEN-04)


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        status, body = fn()
    assert status == 200, body
    return len(ctx.captured_queries), body


@pytest.mark.parametrize("cases", [1, 12])
def test_case_list_query_count_is_constant(api, cases):
    for _ in range(cases):
        c = clue(api)
        ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    client = api("hetang_officer1")
    n, body = _count(lambda: client.get("/cases", limit=50))
    assert len(body["results"]) == cases
    assert n == LIST_QUERIES


@pytest.mark.parametrize("evidence", [1, 6])
def test_case_detail_query_count_is_constant(api, evidence):
    c = reported(api)
    for i in range(evidence):
        ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-10", kind="documentary", title=f"书证{i}"))
    client = api("hetang_officer1")
    n, body = _count(lambda: client.get(f"/cases/{c}"))
    assert len(body["evidence"]) == evidence + 1 and len(body["timeline"]) == evidence + 4
    assert n == DETAIL_QUERIES
