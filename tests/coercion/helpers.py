"""Helpers for 行政强制 tests through the API: a filed 荷塘 case whose 承办人员 are hetang_officer1 and hetang_officer2,
a served decision, and the measures opened on them."""
from __future__ import annotations

from tests.test_api_scenarios import OFFICERS, act
from tests.year_cases import _filed

SITE = {"officers": OFFICERS, "showed_ids": True, "party_present": True, "told_rights": True, "heard_statement": True,
        "statement": "当事人称货物系代人保管。", "signed": True, "handed_over": True, "no_necessities": True,
        "video": "执法记录仪HT-07 20260601-01"}
ITEMS = ["电动三轮车1辆（蓝色）", "占道经营的货架2个", "水果约40千克"]


def ok(result, status=200):
    code, body = result
    assert code == status, body
    return body


def refused(result, code, status=409):
    got, body = result
    assert got == status, body
    assert body["code"] == code, body
    assert body["message"] and body["basis"]["law"], body
    return body


def filed_case(api, on="2026-05-29"):
    return _filed(api, on=on, act_on="2026-05-28", discovered_on=on)


def take(api, case, *, on="2026-06-01", emergency="", user="hetang_officer1", **extra):
    body = {"on": on, "case": str(case), "kind": "detain", "reason": "在人民路占道经营，拒不改正，为防止证据灭失",
            "basis_text": "《湖南省城市综合管理条例》第五十二条", "place": "株洲市荷塘区人民路88号门前", "items": ITEMS,
            "emergency": emergency, **extra}
    return api(user).post("/coercion", body)


def step(api, user, measure, action, **body):
    return api(user).post(f"/coercion/{measure}/actions/{action}", body)


def seized(api, case=None, *, on="2026-06-01", at="2026-06-01T10:00:00+08:00"):
    """A 扣押 approved by the 局长 and taken on the spot on `on` (its 30 days run from that day)."""
    case = case or filed_case(api)
    m = ok(take(api, case, on=on), 201)["uuid"]
    ok(step(api, "hetang_head", m, "approve", on=on, at=at.replace("10:00", "08:30")))
    ok(step(api, "hetang_officer1", m, "seize", on=on, at=at, **SITE))
    return m


def served_case(api, served_on="2026-03-16"):
    """A 荷塘 decision (decided 2026-03-12) served on `served_on`."""
    from tests.test_disclosure import decided

    case = decided(api)
    ok(act(api, "hetang_officer1", case.uuid, "serve", on=served_on, method="direct", recipient="王强"))
    return case.uuid


def demolition(api, case=None, *, on="2026-03-20"):
    case = case or served_case(api)
    return ok(api("hetang_officer1").post("/coercion/demolitions", {
        "on": on, "case": str(case), "government_order": "荷政函〔2026〕12号 关于责成拆除违法建筑的通知",
        "structure": "楼顶违法加建彩钢板房", "place": "株洲市荷塘区新华西路12号楼顶", "area": "86.50",
        "reason": "未取得建设工程规划许可证擅自建设，限期拆除决定送达后逾期未拆除"}), 201)["uuid"]


def demanded(api, case=None):
    m = demolition(api, case)
    ok(step(api, "hetang_officer1", m, "announce", on="2026-03-23", deadline="2026-04-10"))
    ok(step(api, "hetang_officer1", m, "demand", on="2026-04-13", deadline="2026-04-20", statement_rights=True))
    return m


EXECUTION = {"officers": ["hetang_officer1", "hetang_officer2"], "decided_by": "hetang_head",
             "video": "执法记录仪HT-03、HT-07 全程录像", "area": "86.50"}
