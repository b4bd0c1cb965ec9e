"""Issue 12 item 4: the self-hosted challenge (CAPTCHA) on the public report form and on Open311 POST without an
api_key, and the anonymous report rate limit; api_key clients are exempt from both."""
import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.citydesk.models import Issue
from fazhi.org import challenge
from fazhi.org.models import ApiToken
from tests.citydesk.desk import HETANG_WGS84
from tests.shared import answered

NUMERALS = "零一二三四五六七八九"


def solve(text: str) -> str:
    """What a person reading the question answers."""
    m = re.fullmatch(r"(.)(加|减)(.)等于几？", text)
    a, b = NUMERALS.index(m.group(1)), NUMERALS.index(m.group(3))
    return str(a + b if m.group(2) == "加" else a - b)


def form_report(desk, **extra):
    return {"category": str(desk["category"].pk), "description": "路边暴露垃圾", "lng": str(HETANG_WGS84[0]),
            "lat": str(HETANG_WGS84[1]), **extra}


def open311_report(desk, **extra):
    return {"service_code": desk["category"].service_code, "lat": str(HETANG_WGS84[1]),
            "long": str(HETANG_WGS84[0]), "description": "暴露垃圾", **extra}


@pytest.fixture
def rates(settings):
    settings.FAZHI_ANON_REPORT_RATE = "5/600"
    settings.FAZHI_ANON_REPORT_GLOBAL_RATE = "60/60"
    return settings


def test_the_form_asks_a_question_and_a_reader_answers_it(desk, rates):
    c = Client()
    page = c.get("/public/report/").content.decode()
    text = re.search(r"验证题：(.+?等于几？)", page).group(1)
    token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    assert not re.search(r"\d", text)  # numerals, not digits
    r = c.post("/public/report/", form_report(desk, challenge=token, challenge_answer=solve(text)))
    assert r.status_code == 302 and Issue.objects.count() == 1
    # The same challenge a second time: refused, even with the right answer (one report per challenge).
    r = c.post("/public/report/", form_report(desk, challenge=token, challenge_answer=solve(text)))
    assert r.status_code == 400 and "已经使用过" in r.content.decode() and Issue.objects.count() == 1


@pytest.mark.parametrize("fields,message", [
    ({}, "请先回答验证题"),
    ({"challenge": "forged", "challenge_answer": "5"}, "已过期或无效"),
    ({"challenge_answer": "6"}, "答案不正确"),
    ({"challenge_answer": "五"}, "应为数字"),
])
def test_a_report_without_the_right_answer_is_refused_and_keeps_what_was_typed(desk, rates, fields, message):
    base = {"challenge": answered()["challenge"]} if "challenge_answer" in fields else {}
    body = form_report(desk, **{**base, **fields})
    r = Client().post("/public/report/", body)
    page = r.content.decode()
    assert r.status_code == 400 and message in page and not Issue.objects.exists()
    assert "路边暴露垃圾" in page  # the description survives; a new question is asked
    assert re.search(r"验证题：.+?等于几？", page)


def test_challenge_expires(desk, rates, monkeypatch):
    fields = answered()
    monkeypatch.setattr(challenge, "CHALLENGE_TTL", timedelta(seconds=0))
    time.sleep(1.1)
    r = Client().post("/public/report/", form_report(desk, **fields))
    assert r.status_code == 400 and "已过期" in r.content.decode()


def test_two_hundred_anonymous_reports_in_seven_seconds_are_not_all_accepted(desk, rates):
    c = Client()
    started, codes = time.monotonic(), []
    for _ in range(200):
        codes.append(c.post("/public/report/", form_report(desk, **answered())).status_code)
    assert time.monotonic() - started < 60
    assert codes[:5] == [302] * 5 and set(codes[5:]) == {429}  # the per-address limit: 5 in the window
    assert Issue.objects.count() == 5
    assert "提交过于频繁" in c.post("/public/report/", form_report(desk, **answered())).content.decode()


def test_the_overall_limit_holds_across_addresses(desk, rates):
    rates.FAZHI_ANON_REPORT_GLOBAL_RATE = "10/60"
    codes = [Client().post("/public/report/", form_report(desk, **answered()), REMOTE_ADDR=f"10.2.{i}.1").status_code
             for i in range(30)]
    assert codes.count(302) == 10 and codes[10:] == [429] * 20


def test_rate_window_boundary(desk, rates):
    from fazhi.org.challenge import _hit

    t0 = timezone.now()
    assert all(_hit("t", "a", "2/60", t0) for _ in range(2))
    assert not _hit("t", "a", "2/60", t0 + timedelta(seconds=59))   # still inside the window: over the limit
    assert _hit("t", "a", "2/60", t0 + timedelta(seconds=60))       # a new window opens on the 60th second


def test_open311_anonymous_post_with_a_challenge(desk, rates):
    c = Client()
    r = c.post("/open311/v2/requests.json", open311_report(desk))
    assert r.status_code == 403 and "challenge.json" in r.json()[0]["description"]
    q = c.get("/open311/v2/challenge.json").json()
    assert set(q) >= {"challenge", "question"}
    r = c.post("/open311/v2/requests.json", open311_report(desk, challenge=q["challenge"],
                                                           challenge_answer=solve(q["question"])))
    assert r.status_code == 201, r.content
    issue = Issue.objects.get()
    assert issue.channel == "open311" and issue.reported_by is None
    r = c.post("/open311/v2/requests.json", open311_report(desk, challenge=q["challenge"],
                                                           challenge_answer=solve(q["question"])))
    assert r.status_code == 403 and "已经使用过" in r.json()[0]["description"]
    assert c.get("/open311/v2/challenge.xml").content.startswith(b'<?xml version="1.0" encoding="utf-8"?><challenges>')


def test_open311_anonymous_posts_are_rate_limited(desk, rates):
    c = Client()
    codes = [c.post("/open311/v2/requests.json", open311_report(desk, **answered())).status_code for _ in range(8)]
    assert codes == [201] * 5 + [429] * 3


def test_api_key_clients_are_exempt_from_challenge_and_limit(desk, rates):
    _, key = ApiToken.issue(desk["desk_operator"])
    c = Client()
    codes = [c.post("/open311/v2/requests.json", open311_report(desk, api_key=key)).status_code for _ in range(12)]
    assert codes == [201] * 12
    r = c.post("/open311/v2/requests.json", open311_report(desk, api_key="fz_not_a_key"))
    assert r.status_code == 403 and "api_key 无效" in r.json()[0]["description"]
