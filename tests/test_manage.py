"""系统管理 in the product (issue 15 item 4): staff, roles, 行政执法证 and the bureau's settings, each change through
org.actions with its event; only administrators of the bureau or one above it; bad values are 400 and change
nothing."""
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.core.models import Event
from fazhi.org.access import certified_officers
from fazhi.org.models import Bureau, Certificate, Role, RoleGrant, Staff

NEW_OFFICER = {"bureau": "430202", "username": "hetang_new1", "full_name": "欧阳新", "phone": "13800000000",
               "password": "Zhifa-2026-xin", "cert_number": "43020026990001",
               "cert_issuer": "湖南省人民政府", "cert_from": "2026-01-01", "cert_until": "2028-12-31"}


def _as(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


@pytest.fixture
def hetang_admin(org):
    s = Staff.objects.create(username="hetang_admin", full_name="管理员", bureau=org["hetang"].bureau)
    RoleGrant.objects.create(staff=s, role=Role.ADMIN)
    return s


def test_an_administrator_adds_a_certified_officer_who_can_then_be_chosen_for_a_case(org):
    r = _as("city_admin").post("/manage/", NEW_OFFICER)
    assert r.status_code == 302
    s = Staff.objects.get(username="hetang_new1")
    assert s.bureau.code == "430202" and s.roles == set() and s.check_password("Zhifa-2026-xin")
    cert = Certificate.objects.get(staff=s)
    assert (cert.number, cert.valid_until) == ("43020026990001", date(2028, 12, 31))
    # The account's role comes from the 安全管理员 (三员分立, SEC-01); an officer's role takes effect at once.
    assert _as("city_security").post(f"/manage/staff/{s.uuid}/roles/", {"roles": ["officer"]}).status_code == 302
    kinds = list(Event.objects.filter(stream=f"staff:{s.uuid}").order_by("seq").values_list("kind", flat=True))
    assert kinds == ["staff_added", "certificate_issued", "roles_changed"]
    assert s in certified_officers(org["hetang"].bureau, date(2026, 11, 20))
    page = _as("city_admin").get(r["Location"])
    assert page.status_code == 200 and "43020026990001" in page.content.decode()


@pytest.mark.parametrize("change, message", [
    ({"password": "12345678"}, "密码不符合要求"),
    ({"username": "hetang_officer1"}, "已存在"),
    ({"username": "含 空格"}, "账号只能"),
    ({"roles": ["officer", "nonsense"]}, "角色不在可选范围内"),
    ({"cert_until": "2025-12-31"}, "有效期止不得早于有效期起"),
    ({"cert_from": "2026-02-30"}, "不是有效日期"),
    ({"cert_number": "4302002600001"}, "已登记"),  # the demo's first certificate number
])
def test_a_bad_value_is_400_and_adds_nothing(org, change, message):
    people, certs, events = Staff.objects.count(), Certificate.objects.count(), Event.objects.count()
    r = _as("city_admin").post("/manage/", {**NEW_OFFICER, **change})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert (Staff.objects.count(), Certificate.objects.count(), Event.objects.count()) == (people, certs, events)


@pytest.mark.parametrize("username", ["hetang_officer1", "hetang_head", "hetang_reviewer", "city_supervisor"])
def test_only_administrators_reach_the_back_office(org, username):
    c = _as(username)
    assert c.get("/manage/").status_code == 403
    assert c.post("/manage/", NEW_OFFICER).status_code == 403
    assert not Staff.objects.filter(username="hetang_new1").exists()


def test_a_district_administrator_manages_only_its_own_subtree(org, hetang_admin):
    c = _as("hetang_admin")
    assert c.post("/manage/", NEW_OFFICER).status_code == 302
    lusong_officer = Staff.objects.get(username="lusong_officer1")
    assert c.get(f"/manage/staff/{lusong_officer.uuid}/").status_code == 404
    assert c.post("/manage/", {**NEW_OFFICER, "username": "x2", "bureau": "430203"}).status_code == 404
    assert c.get("/manage/bureaus/430203/settings/").status_code == 404
    assert c.get("/manage/bureaus/430202/settings/").status_code == 200


def test_roles_are_changed_by_the_security_administrator_and_an_administrator_changes_none(org, hetang_admin):
    officer = Staff.objects.get(username="hetang_officer1")
    security = Staff.objects.create(username="hetang_security", full_name="安全员", bureau=org["hetang"].bureau)
    RoleGrant.objects.create(staff=security, role=Role.SECURITY_ADMIN)
    c = _as("hetang_security")
    assert c.post(f"/manage/staff/{officer.uuid}/roles/", {"roles": ["officer", "squad_leader"]}).status_code == 302
    assert Staff.objects.get(pk=officer.pk).roles == {"officer", "squad_leader"}
    ev = Event.objects.filter(stream=f"staff:{officer.uuid}", kind="roles_changed").get()
    assert ev.data == {"before": ["officer"], "after": ["officer", "squad_leader"]}
    # 法制审核 waits for a second person (SEC-02); the 系统管理员 grants nothing (SEC-01), not even to itself.
    assert c.post(f"/manage/staff/{officer.uuid}/roles/", {"roles": ["officer", "legal_reviewer"]}).status_code == 302
    assert Staff.objects.get(pk=officer.pk).roles == {"officer"}
    r = _as("hetang_admin").post(f"/manage/staff/{officer.uuid}/roles/", {"roles": ["officer", "head"]})
    assert r.status_code == 403 and "不授予角色" in r.content.decode()
    r = _as("hetang_admin").post(f"/manage/staff/{hetang_admin.uuid}/roles/", {"roles": ["officer"]})
    assert r.status_code == 403 and "不得为自己" in r.content.decode()
    assert Staff.objects.get(pk=hetang_admin.pk).roles == {"admin"}


def test_a_revoked_certificate_ends_the_officers_part_from_that_day(org, hetang_admin):
    officer = Staff.objects.get(username="hetang_officer1")
    cert = Certificate.objects.get(staff=officer)
    c = _as("hetang_admin")
    r = c.post(f"/manage/staff/{officer.uuid}/revoke/", {"certificate": cert.pk, "on": "2026-11-10",
                                                         "reason": "调离执法岗位"})
    assert r.status_code == 302
    bureau = org["hetang"].bureau
    assert officer in certified_officers(bureau, date(2026, 11, 9))
    assert officer not in certified_officers(bureau, date(2026, 11, 10))
    again = c.post(f"/manage/staff/{officer.uuid}/revoke/", {"certificate": cert.pk, "on": "2026-11-10",
                                                             "reason": "重复"})
    assert again.status_code == 400 and "已注销" in again.content.decode()


def test_an_account_is_disabled_with_a_reason_never_deleted(org, hetang_admin):
    officer = Staff.objects.get(username="hetang_officer2")
    c = _as("hetang_admin")
    assert c.post(f"/manage/staff/{officer.uuid}/disable/", {"reason": ""}).status_code == 400
    assert c.post(f"/manage/staff/{officer.uuid}/disable/", {"reason": "退休"}).status_code == 302
    assert Staff.objects.get(pk=officer.pk).is_active is False
    assert c.post(f"/manage/staff/{hetang_admin.uuid}/disable/", {"reason": "试试"}).status_code == 400


def _settings_form(bureau, **change):
    from fazhi.org.settings_catalogue import SETTINGS

    form = {s.field: getattr(bureau, s.field) for s in SETTINGS if s.kind != "flag"}
    form.update({s.field: "1" for s in SETTINGS if s.kind == "flag" and getattr(bureau, s.field)})
    form.update(change)
    return form


def test_settings_show_their_defaults_and_sources_and_changes_are_events(org, hetang_admin):
    bureau = org["hetang"].bureau
    c = _as("hetang_admin")
    page = c.get("/manage/bureaus/430202/settings/").content.decode()
    assert "行政处罚法第六十三条" in page and "默认：1000元" in page
    r = c.post("/manage/bureaus/430202/settings/", _settings_form(bureau, hearing_fine_citizen="2000",
                                                                   statement_days="5"))
    assert r.status_code == 302
    bureau = Bureau.objects.get(pk=bureau.pk)
    assert (bureau.hearing_fine_citizen, bureau.statement_days) == (Decimal("2000.00"), 5)
    ev = Event.objects.get(stream=f"bureau:{bureau.uuid}", kind="settings_changed")
    assert ev.data["hearing_fine_citizen"] == {"before": "1000.00", "after": "2000.00"}
    assert set(ev.data) == {"hearing_fine_citizen", "statement_days"}


@pytest.mark.parametrize("field, value, message", [
    ("hearing_fine_citizen", "abc", "应为金额"),
    ("hearing_fine_citizen", "-1", "0至100亿元"),
    ("hearing_fine_citizen", "inf", "0至100亿元"),
    ("hearing_fine_citizen", "NaN", "0至100亿元"),
    ("statement_days", "0", "1至30"),
    ("statement_days", "31", "1至30"),
    ("work_hours", "25:00-26:00", "工作时段"),
    ("hearing_source", "", "请填写"),
    ("government", "株洲市荷塘区司法局", "应为“××人民政府”"),
    ("court", "株洲市荷塘区法院", "应为“××人民法院”"),
    ("court", "株洲市" * 20 + "人民法院", "不超过60个字"),
    ("court_source", "集" * 301, "不超过300个字"),
])
def test_a_bad_setting_is_400_and_saves_nothing(org, hetang_admin, field, value, message):
    bureau = org["hetang"].bureau
    before = {f: getattr(bureau, f) for f in ("hearing_fine_citizen", "statement_days", "work_hours")}
    r = _as("hetang_admin").post("/manage/bureaus/430202/settings/",
                                 _settings_form(bureau, **{field: value, "statement_days": "4"}
                                                if field != "statement_days" else {field: value}))
    assert r.status_code == 400
    assert message in r.content.decode()
    bureau = Bureau.objects.get(pk=bureau.pk)
    assert {f: getattr(bureau, f) for f in before} == before
    assert not Event.objects.filter(stream=f"bureau:{bureau.uuid}").exists()


def test_the_statement_days_boundary_one_and_thirty_are_accepted(org, hetang_admin):
    bureau = org["hetang"].bureau
    for days in ("1", "30"):
        r = _as("hetang_admin").post("/manage/bureaus/430202/settings/", _settings_form(bureau, statement_days=days))
        assert r.status_code == 302
        assert Bureau.objects.get(pk=bureau.pk).statement_days == int(days)


def test_the_review_body_and_the_court_are_settings_with_their_source(org, hetang_admin):
    """复议机关 and 管辖法院 (REV-03, REV-08) on the 本局设置 page: the current value, what an empty one prints, the
    law behind each, the designation's source; a change is one event with before and after."""
    bureau = org["hetang"].bureau
    c = _as("hetang_admin")
    page = c.get("/manage/bureaus/430202/settings/").content.decode()
    for shown in ("行政复议机关", "株洲市荷塘区人民政府", "管辖人民法院", "株洲市荷塘区人民法院", "行政复议法第二十四条",
                  "行政诉讼法第十八条", "集中管辖", "管辖人民法院的确定依据", "决定书载明“有管辖权的人民法院”"):
        assert shown in page, shown
    source = "湖南省高级人民法院关于株洲市行政案件集中管辖的决定"
    r = c.post("/manage/bureaus/430202/settings/", _settings_form(bureau, court="株洲市天元区人民法院",
                                                                   court_source=source))
    assert r.status_code == 302
    bureau = Bureau.objects.get(pk=bureau.pk)
    assert (bureau.court, bureau.court_source) == ("株洲市天元区人民法院", source)
    ev = Event.objects.get(stream=f"bureau:{bureau.uuid}", kind="settings_changed")
    assert ev.data == {"court": {"before": "株洲市荷塘区人民法院", "after": "株洲市天元区人民法院"},
                       "court_source": {"before": "", "after": source}}
    page = c.get("/manage/bureaus/430202/settings/").content.decode()
    assert source in page and "株洲市天元区人民法院" in page
    assert bureau.remedy_bodies() == ("株洲市荷塘区人民政府", "株洲市天元区人民法院")
    # An empty setting is allowed: the decision then names the bodies as the law describes them.
    assert c.post("/manage/bureaus/430202/settings/", _settings_form(bureau, court="")).status_code == 302
    assert Bureau.objects.get(pk=bureau.pk).remedy_bodies()[1] == "有管辖权的人民法院"
