"""Permit applications of the city bureau's window driven through the API, as tests and the generated workflow
tests use them."""
from datetime import date

from fazhi.org.models import Bureau
from fazhi.permits.items import ensure_items

CLERK, REVIEWER, HEAD = "city_window1", "city_permit1", "city_head"
ALL_DIG = ["挖掘城市道路申请书", "城市规划部门批准签发的文件", "设计文件（施工图）", "施工方案及交通组织方案",
           "安全防护和路面恢复方案", "申请人身份证明（营业执照或身份证）"]


def items():
    return ensure_items(Bureau.objects.get(parent=None))


def ok(r, status=200):
    code, body = r
    assert code == status, body
    return body


def apply(api, *, on="2026-03-02", item="XK-01", materials=None, **kw):
    mats = {i.code: i.materials for i in items()}
    body = {"on": on, "item": item, "applicant": "株洲市某燃气有限公司", "applicant_kind": "org",
            "id_number": "91430200MA4L000001", "subject": "燃气管道接驳，开挖人行道", "location": "芦淞区建设中路88号",
            "quantity": 12.5, "period_from": "2026-04-01", "period_to": "2026-04-30",
            "materials": mats[item] if materials is None else materials, **kw}
    return ok(api(CLERK).post("/permits", body), 201)["uuid"]


def step(api, who, uuid, action, **body):
    return api(who).post(f"/permits/{uuid}/actions/{action}", body)


def accepted(api, *, on="2026-03-02", accept_on=None, **kw) -> str:
    uuid = apply(api, on=on, **kw)
    ok(step(api, CLERK, uuid, "accept", on=accept_on or on))
    return uuid


def granted(api, *, on="2026-03-02", decide_on="2026-03-10", **kw) -> str:
    uuid = accepted(api, on=on, **kw)
    ok(step(api, REVIEWER, uuid, "decide", on=decide_on, outcome="grant", conditions="按批准的位置、面积施工"))
    return uuid


def d(s: str) -> date:
    return date.fromisoformat(s)
