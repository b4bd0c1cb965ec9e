"""Issue 12 item 4 (authentication): login throttling with lockout and its unlock path, and the API token
lifecycle (expiry, list, revoke, death by password change, header only)."""
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.models import Event
from fazhi.org.models import ApiToken, Lockout

PASSWORD = "fazhi2026"  # the demo password (fazhi/org/demo.py)


def login(client, username, password, addr="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=addr)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def token_call(body, addr="10.0.0.1"):
    r = Client().post("/api/v1/auth/token", json.dumps(body), content_type="application/json", REMOTE_ADDR=addr)
    return r.status_code, r.json()


@pytest.fixture
def limits(settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 5
    settings.FAZHI_LOGIN_ADDRESS_MAX_FAILURES = 20
    settings.FAZHI_LOGIN_WINDOW_MINUTES = 15
    settings.FAZHI_LOGIN_LOCK_MINUTES = 30
    return settings


# ------------------------------------------------------------------------------------------------ lockout


def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(org, limits):
    officer = org["hetang"].officers[0]
    c = Client()
    for i in range(50):
        login(c, officer.username, f"wrong{i}", addr=f"10.0.{i}.1")  # spread over addresses: the account locks
    r = login(c, officer.username, PASSWORD, addr="10.9.9.9")
    assert not signed_in(c)
    assert "该账号登录失败次数过多，已锁定至" in r.content.decode() and "解锁" in r.content.decode()
    lock = Lockout.objects.get(kind="account", key=officer.username)
    assert lock.is_locked(timezone.now())
    # Locking is one event; the 45 refused attempts while locked did not count or extend it.
    assert list(Event.objects.filter(stream=lock.stream).values_list("kind", flat=True)) == ["login_locked"]
    # The token endpoint is locked the same way, with the right password too.
    status, body = token_call({"username": officer.username, "password": PASSWORD}, addr="10.9.9.8")
    assert status == 429 and body["code"] == "AUTH-LOCKED" and "已锁定" in body["message"]


def test_account_limit_boundary_before_on_and_after_the_window(org, limits):
    officer = org["hetang"].officers[0]
    c = Client()
    for _ in range(4):  # one below the limit: the right password still works, and clears the count
        login(c, officer.username, "wrong")
    login(c, officer.username, PASSWORD)
    assert signed_in(c)
    assert Lockout.objects.get(kind="account", key=officer.username).failures == 0
    c = Client()
    for _ in range(5):  # on the limit: locked
        r = login(c, officer.username, "wrong")
    assert "已锁定" in r.content.decode()
    login(c, officer.username, PASSWORD)
    assert not signed_in(c)


def test_failures_outside_the_window_do_not_add_up(org, limits):
    from fazhi.org import actions

    officer = org["hetang"].officers[0]
    t0 = timezone.now() - timedelta(minutes=40)
    for i in range(4):
        actions.login_failed("account", officer.username, at=t0 + timedelta(minutes=i))
    # The fifth comes 16 minutes after the window opened: a new window, count 1, no lock.
    row = actions.login_failed("account", officer.username, at=t0 + timedelta(minutes=16))
    assert row.failures == 1 and row.locked_until is None


def test_lock_expires_after_the_period(org, limits):
    officer = org["hetang"].officers[0]
    c = Client()
    for _ in range(5):
        login(c, officer.username, "wrong")
    Lockout.objects.filter(kind="account").update(locked_until=timezone.now() - timedelta(seconds=1))
    login(c, officer.username, PASSWORD)
    assert signed_in(c)


def test_an_address_that_tries_many_accounts_is_locked(org, limits):
    c = Client()
    names = [s.username for b in org.values() for s in b.officers][:21]
    for n in names[:20]:
        login(c, n, "wrong", addr="203.0.113.7")
    r = login(c, names[20], PASSWORD, addr="203.0.113.7")
    assert not signed_in(c) and "来自本地址的登录失败次数过多" in r.content.decode()
    login(c, names[20], PASSWORD, addr="203.0.113.8")  # another address is not affected
    assert signed_in(c)
    assert not Lockout.objects.filter(kind="account", key="nobody").exists()


def test_unknown_usernames_are_not_stored(db, limits):
    login(Client(), "no_such_user", "x")
    assert list(Lockout.objects.values_list("kind", flat=True)) == ["address"]


def _lock(username):
    c = Client()
    for _ in range(5):
        login(c, username, "wrong")
    return Lockout.objects.get(kind="account", key=username)


def test_a_leader_unlocks_an_account_of_the_bureau_and_it_is_an_event(org, limits):
    officer, head = org["hetang"].officers[0], org["hetang"].head
    lock = _lock(officer.username)
    # Another district's head does not see it and cannot lift it.
    other = Client()
    other.force_login(org["lusong"].head)
    assert lock.key not in other.get("/accounts/lockouts/").content.decode()
    assert other.post(f"/accounts/lockouts/{lock.uuid}/unlock/").status_code == 403
    # An officer cannot either.
    peer = Client()
    peer.force_login(org["hetang"].officers[1])
    assert peer.post(f"/accounts/lockouts/{lock.uuid}/unlock/").status_code == 403
    leader = Client()
    leader.force_login(head)
    page = leader.get("/accounts/lockouts/").content.decode()
    assert officer.username in page and "解除锁定" in page
    r = leader.post(f"/accounts/lockouts/{lock.uuid}/unlock/", follow=True)
    assert "已解除锁定" in r.content.decode()
    events = list(Event.objects.filter(stream=lock.stream).order_by("seq"))
    assert [e.kind for e in events] == ["login_locked", "login_unlocked"] and events[1].actor == head.username
    c = Client()
    login(c, officer.username, PASSWORD)
    assert signed_in(c)


def test_an_administrator_unlocks_an_address_through_the_api(org, limits, api):
    from fazhi.org.models import Staff

    for i in range(20):
        login(Client(), f"x{i}", "wrong", addr="198.51.100.1")
    lock = Lockout.objects.get(kind="address", key="198.51.100.1")
    assert lock.is_locked(timezone.now())
    status, _ = api(org["hetang"].head.username).post(f"/auth/lockouts/{lock.uuid}/unlock", {})
    assert status == 403  # a leader lifts account locks, not address locks
    admin = api(Staff.objects.get(username="city_admin").username)
    status, rows = admin.get("/auth/lockouts")
    assert status == 200 and [r["key"] for r in rows] == ["198.51.100.1"] and rows[0]["kind_label"] == "来源地址"
    status, body = admin.post(f"/auth/lockouts/{lock.uuid}/unlock", {})
    assert status == 200 and "已解除锁定" in body["message"]
    status, body = admin.post(f"/auth/lockouts/{lock.uuid}/unlock", {})
    assert status == 409 and body["message"] == "该账号或地址当前未被锁定"


def test_the_admin_site_login_is_throttled_too(org, limits):
    from fazhi.org.models import Staff

    admin = Staff.objects.get(username="city_admin")
    admin.is_staff = True
    admin.save()
    c = Client()
    for _ in range(5):
        c.post("/admin/login/", {"username": "city_admin", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    r = c.post("/admin/login/", {"username": "city_admin", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert not signed_in(c) and "已锁定" in r.content.decode()


# ------------------------------------------------------------------------------------------------- tokens


def bearer(key, scheme="Bearer"):
    return {"HTTP_AUTHORIZATION": f"{scheme} {key}"}


def test_token_issued_for_a_password_expires(org, settings):
    settings.FAZHI_TOKEN_DAYS = 30
    officer = org["hetang"].officers[0]
    status, body = token_call({"username": officer.username, "password": PASSWORD, "name": "对接"})
    assert status == 200
    token = ApiToken.objects.get(digest=ApiToken.digest_of(body["token"]))
    assert body["id"] == token.public_id
    assert abs((token.expires_at - timezone.now()) - timedelta(days=30)) < timedelta(minutes=1)
    assert [e.kind for e in Event.objects.filter(stream=f"staff:{officer.uuid}")] == ["token_issued"]
    c = Client()
    assert c.get("/api/v1/me", **bearer(body["token"])).status_code == 200
    assert c.get("/api/v1/me", **bearer(body["token"], "Token")).status_code == 200
    # One second before expiry it works; at expiry it does not, and says why.
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(seconds=5))
    assert c.get("/api/v1/me", **bearer(body["token"])).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    r = c.get("/api/v1/me", **bearer(body["token"]))
    assert r.status_code == 401 and r.json()["message"] == "接口令牌已过期，请重新申请"


def test_wrong_password_for_a_token(org):
    status, body = token_call({"username": org["hetang"].officers[0].username, "password": "nope"})
    assert status == 401 and body["message"] == "用户名或密码错误"


def test_password_change_ends_every_earlier_token(org):
    officer = org["hetang"].officers[0]
    _, key = ApiToken.issue(officer)
    c = Client()
    assert c.get("/api/v1/me", **bearer(key)).status_code == 200
    assert c.post("/open311/v2/requests.json", {"api_key": key}).status_code != 403
    officer.set_password("新的-Password-2027")
    officer.save()
    r = c.get("/api/v1/me", **bearer(key))
    assert r.status_code == 401 and "密码已更改" in r.json()["message"]
    assert c.post("/open311/v2/requests.json", {"api_key": key}).status_code == 403
    _, fresh = ApiToken.issue(officer)  # a token issued after the change works
    assert c.get("/api/v1/me", **bearer(fresh)).status_code == 200


def test_owner_lists_and_revokes_own_tokens_through_the_api(org, api):
    officer = org["hetang"].officers[0]
    other = org["hetang"].officers[1]
    _, other_key = ApiToken.issue(other)
    me = api(officer.username)  # issues one token for the client itself
    status, rows = me.get("/auth/tokens")
    assert status == 200 and len(rows) == 1 and rows[0]["owner"] == officer.username and rows[0]["state"] == "live"
    other_id = ApiToken.objects.get(digest=ApiToken.digest_of(other_key)).public_id
    assert me.post(f"/auth/tokens/{other_id}/revoke", {})[0] == 404  # not theirs: not even its existence
    status, row = me.post(f"/auth/tokens/{rows[0]['id']}/revoke", {})
    assert status == 200 and row["state"] == "revoked" and row["revoked_by"] == officer.username
    status, body = me.get("/auth/tokens")  # the client's own token is now dead
    assert status == 401 and body["message"] == "接口令牌已被吊销"
    assert Event.objects.filter(stream=f"staff:{officer.uuid}", kind="token_revoked").count() == 1


def test_administrator_lists_and_revokes_tokens_of_their_subtree(org, api):
    from fazhi.org.models import Staff

    officer = org["hetang"].officers[0]
    _, key = ApiToken.issue(officer)
    admin = api(Staff.objects.get(username="city_admin").username)
    status, rows = admin.get("/auth/tokens")
    mine = [r for r in rows if r["owner"] == officer.username]
    assert status == 200 and len(mine) == 1
    status, row = admin.post(f"/auth/tokens/{mine[0]['id']}/revoke", {})
    assert status == 200 and row["revoked_by"] == "city_admin"
    assert Client().get("/api/v1/me", **bearer(key)).status_code == 401
    # A district head (not an administrator) sees only their own.
    status, rows = api(org["hetang"].head.username).get("/auth/tokens")
    assert {r["owner"] for r in rows} == {org["hetang"].head.username}


def test_token_page_issues_shows_once_and_revokes(org):
    officer = org["hetang"].officers[0]
    c = Client()
    c.force_login(officer)
    r = c.post("/accounts/tokens/new/", {"name": "巡查终端"}, follow=True)
    page = r.content.decode()
    key = page.split("<code>")[1].split("</code>")[0]
    assert key.startswith("fz_") and "只显示这一次" in page
    assert key not in c.get("/accounts/tokens/").content.decode()  # shown once
    token = ApiToken.objects.get(digest=ApiToken.digest_of(key))
    assert Client().get("/api/v1/me", **bearer(key)).status_code == 200
    r = c.post(f"/accounts/tokens/{token.public_id}/revoke/", follow=True)
    assert "已吊销令牌“巡查终端”" in r.content.decode() and "已吊销" in r.content.decode()
    assert Client().get("/api/v1/me", **bearer(key)).status_code == 401
    other = Client()
    other.force_login(org["hetang"].officers[1])
    _, k2 = ApiToken.issue(officer)
    t2 = ApiToken.objects.get(digest=ApiToken.digest_of(k2))
    assert other.post(f"/accounts/tokens/{t2.public_id}/revoke/").status_code == 403
    assert other.post("/accounts/tokens/zz/revoke/").status_code == 404


def test_dead_keys_count_as_failures_from_the_address(org, limits):
    c = Client()
    for i in range(20):
        r = c.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer fz_guess{i}", REMOTE_ADDR="192.0.2.9")
        assert r.status_code == 401 and r.json()["message"] == "接口令牌无效"
    r = c.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer fz_guess", REMOTE_ADDR="192.0.2.9")
    assert r.status_code == 429 and "暂停" in r.json()["message"]
    _, key = ApiToken.issue(org["hetang"].officers[0])  # a live token is proof enough, even from there
    assert c.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_lock_unlock_and_token_events_pass_the_integrity_audit(org, limits):
    from fazhi.core.integrity import audit
    from fazhi.org import actions

    lock = _lock(org["hetang"].officers[0].username)
    actions.unlock(lock, by=org["hetang"].head)
    token, _ = actions.issue_token(org["hetang"].officers[0], "对接")
    actions.revoke_token(token, by=org["hetang"].officers[0])
    a = audit()
    assert a.findings == [] and a.streams >= 2
