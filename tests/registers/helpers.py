"""Helpers for the register tests through the API: a 违建 found on patrol in 荷塘, a shop-sign hazard notice."""
from __future__ import annotations

from tests.coercion.helpers import ok, refused  # noqa: F401 — re-exported

OFFICER = "hetang_officer1"


def site(api, *, on="2026-03-02", user=OFFICER, **extra):
    body = {"on": on, "address": "株洲市荷塘区新华西路12号楼顶", "structure": "楼顶加建彩钢板房一层", "area": "86.50",
            "vintage": "new", "road": False, "hazard": True, "boundary": True, "party_name": "王强",
            "party_address": "株洲市荷塘区新华西路12号", **extra}
    return api(user).post("/registers/sites", body)


def site_step(api, user, s, action, **body):
    return api(user).post(f"/registers/sites/{s}/actions/{action}", body)


def notice(api, *, on="2026-06-01", due="2026-06-15", user=OFFICER, **extra):
    body = {"on": on, "address": "株洲市荷塘区建设中路66号", "subject": "户外招牌",
            "problem": "招牌钢架锈蚀、面板松动，有坠落危险", "requirement": "加固或者拆除招牌，消除安全隐患",
            "party_name": "株洲市荷塘区老味道餐馆",
            "party_address": "株洲市荷塘区建设中路66号", "area": "12.00", "due": due,
            "officers": ["hetang_officer2"], **extra}
    return api(user).post("/registers/notices", body)


def notice_step(api, user, n, action, **body):
    return api(user).post(f"/registers/notices/{n}/actions/{action}", body)
