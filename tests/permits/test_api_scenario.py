"""An API scenario from the online application to the certificate (issue #17 Acceptance): an applicant applies
without logging in and gets a tracking code; the window asks once for what is missing (LIC-01), accepts when it
comes, the reviewer checks the site and grants, the fee is paid to the treasury (LIC-08), the certificate is issued
(LIC-03) and the grant published (LIC-07); the applicant follows it by code, and the public register and the 双公示
feed show it masked."""
from fazhi.permits.models import Permit
from tests.permits.helpers import CLERK, REVIEWER, items, ok, step
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture


def test_online_application_to_certificate(api, client, clock):
    from datetime import date

    clock(date(2026, 6, 1))
    items()
    public = api(None)
    body = {"item": "XK-02", "applicant": "张三", "applicant_kind": "citizen", "id_number": "430202198805061234",
            "phone": "13807331234", "subject": "店前临时堆放装修材料，占用人行道", "location": "荷塘区新华西路12号门前",
            "quantity": 20, "period_from": "2026-06-10", "period_to": "2026-06-19",
            "materials": ["临时占用城市道路申请书", "占用位置平面示意图"]}
    status, created = public.post("/permits/online", body)
    assert status == 201, created
    code = created["tracking_code"]
    assert created["status_label"] == "待受理" and "phone" not in created
    uuid = str(Permit.objects.get(tracking_code=code).uuid)
    # the window asks once for everything missing, within 5 working days
    missing = ["交通安全措施方案", "申请人身份证明（营业执照或身份证）"]
    clock(date.fromisoformat("2026-06-02"))
    ok(step(api, CLERK, uuid, "request_correction", on="2026-06-02", missing=missing))
    status, seen = public.get(f"/permits/track/{code}")
    assert status == 200 and seen["correction_items"] == missing and seen["status_label"] == "待补正"
    clock(date.fromisoformat("2026-06-04"))
    ok(step(api, CLERK, uuid, "accept", on="2026-06-04", note="补正材料已当场收齐"))
    clock(date.fromisoformat("2026-06-05"))
    ok(step(api, REVIEWER, uuid, "site_check", on="2026-06-05", officers=["赵审查", "钱核查"],
            findings="人行道宽4.5米，占用后仍留通行宽度2米以上"))
    clock(date.fromisoformat("2026-06-08"))
    decided = ok(step(api, REVIEWER, uuid, "decide", on="2026-06-08", outcome="grant",
                      conditions="按批准的位置、面积、期限占用，保持通道畅通"))
    assert decided["fee_amount"] == "600.00" and decided["status"] == "granted"  # 3 元/㎡·日 × 20 ㎡ × 10 日
    clock(date.fromisoformat("2026-06-09"))
    ok(step(api, CLERK, uuid, "record_fee", on="2026-06-09", receipt="湘非税4300123456"))
    clock(date.fromisoformat("2026-06-09"))
    done = ok(step(api, CLERK, uuid, "issue_certificate", on="2026-06-09"))
    assert done["certificate_no"] and done["certificate_late_days"] == 0
    clock(date.fromisoformat("2026-06-10"))
    ok(step(api, REVIEWER, uuid, "publish", on="2026-06-10"))
    status, seen = public.get(f"/permits/track/{code}")
    assert seen["status_label"] == "已发证" and seen["certificate_no"] == done["certificate_no"]
    # the public register and the 双公示 feed: the citizen's name masked, no ID number, no phone
    feed = client.get("/public/feed/permits.json").json()["records"]
    mine = [r for r in feed if r["许可编号"] == done["certificate_no"]]
    assert mine and mine[0]["行政相对人名称"] == "张*" and mine[0]["统一社会信用代码"] == ""
    page = client.get("/public/permits/").content.decode()
    assert "张*" in page and "张三" not in page and "13807331234" not in page
    status, detail = api(CLERK).get(f"/permits/{uuid}")
    assert [e["kind"] for e in detail["timeline"]] == ["apply", "request_correction", "accept", "site_check",
                                                        "decide", "record_fee", "issue_certificate", "publish"]


def test_online_application_with_uploads_and_a_challenge(client, org):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.permits.models import PermitFile
    from tests.test_anonymous_reports import solve

    items()
    page = client.get("/public/permits/apply/").content.decode()
    text = re.search(r"验证题：(.+?等于几？)", page).group(1)
    token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    r = client.post("/public/permits/apply/", {
        "item": "430200:XK-04", "applicant": "株洲某渣土运输有限公司", "applicant_kind": "org",
        "subject": "某工地建筑垃圾运输处置", "challenge": token, "challenge_answer": solve(text),
        "f430200_XK-04_0": SimpleUploadedFile("申请表.pdf", b"%PDF-1.4 test", content_type="application/pdf")})
    assert r.status_code == 302, r.content.decode()[:2000]
    p = Permit.objects.get(channel="online")
    assert p.materials_given == ["城市建筑垃圾处置核准申请表"]
    assert PermitFile.objects.filter(permit=p, material="城市建筑垃圾处置核准申请表").count() == 1
    track = client.get(r["Location"]).content.decode()
    assert p.tracking_code in track and "待受理" in track
