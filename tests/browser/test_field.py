"""当场处罚 on a phone (issue 15 item 2): an officer records an on-the-spot fine with a photo and the party's
signature on a 390×844 screen in at most five screens; the decision, its number, the photo and the signature are
recorded by one action. Screenshots of each screen go to test-artifacts/field/."""
import os
import random
import struct
import zlib
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.cases.models import Evidence, PenaltyCase
from fazhi.catalog.demo import build_catalogue
from fazhi.core.models import Event
from fazhi.org.demo import build_org
from fazhi.org.models import Bureau
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "field"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _png(path: Path) -> Path:
    """A small real PNG (a grey square), standing in for a photo from the phone's camera."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * 32 for _ in range(32))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def test_an_on_the_spot_fine_with_a_photo_and_a_signature_in_five_phone_screens(browser, live_server,
                                                                                 transactional_db, tmp_path):
    today = timezone.localdate()
    staff = build_org(random.Random(7), today)
    build_catalogue(Bureau.objects.get(parent=None))
    partner = staff["hetang"].officers[1]
    base = live_server.url
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "hetang_officer1")
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/field/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screens = 0

    def screen(name):
        nonlocal screens
        screens += 1
        page.screenshot(path=str(ARTIFACTS / f"{screens}-{name}.png"))
        # Each step fits on one phone screen: nothing to scroll to.
        assert page.evaluate("document.documentElement.scrollHeight") <= 844 + 40, name

    # 1 违法行为
    # CAT-01: the 株洲 officer's picker lists the 株洲 benchmark only, never 深圳's.
    offered = page.locator("select[name=benchmark_violation] option").evaluate_all("els => els.map(e => e.value)")
    assert not any(v.startswith("shenzhen-cg-2023:") for v in offered)
    page.select_option("select[name=benchmark_violation]", value="zhuzhou-illustrative:ZZ-SL-001")
    page.fill("input[name=place]", "荷塘区红旗路与建设路交叉口")
    page.fill("textarea[name=facts]", "当事人在红旗路人行道上擅自摆放货架占用城市道路，经执法人员当场指出后搬离。")
    screen("violation")
    page.click("#step-next")
    # 2 当事人
    page.check("input[name=party_kind][value=org]")
    page.fill("input[name=party_id_number]", "91430202MA4L000001")
    page.fill("input[name=party_name]", "株洲市某某商贸有限公司")
    screen("party")
    page.click("#step-next")
    # 3 处罚: only 警告 and 罚款 are offered on the spot
    offered = page.locator("input[name=kinds]").evaluate_all("els => els.map(e => e.value)")
    assert offered == ["warning", "fine"]
    page.fill("input[name=fine]", "2000")
    page.fill("textarea[name=statement]", "承认擅自占用城市道路，愿意接受处罚。")
    page.select_option("select[name=officers]", value=partner.username)
    screen("penalty")
    page.click("#step-next")
    # 4 照片和签名
    page.set_input_files("input[name=photos]", str(_png(tmp_path / "scene.png")))
    box = page.locator("#signature-pad").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 60)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 30 + i * 22, box["y"] + 60 + (i % 3) * 20)
    page.mouse.up()
    assert page.locator("#signature").input_value().startswith("data:image/png;base64,")
    screen("photo-signature")
    page.click("#step-next")
    # 5 确认
    assert "已签名" in page.locator("#field-summary").inner_text()
    screen("confirm")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert screens <= 5
    page.screenshot(path=str(ARTIFACTS / "6-decided.png"), full_page=True)

    case = PenaltyCase.objects.get(party_name="株洲市某某商贸有限公司")
    assert case.on_spot and case.decision_no and case.fine == 2000
    assert case.cause.startswith("擅自占用城市道路")
    # Cited by article, as a decision cites its basis — never the statute's text.
    assert case.penalty_provision.startswith("《") and case.penalty_provision[-1] in "条款项"
    assert "：" not in case.penalty_provision
    assert case.discretion["tiers"] == ["一般"]
    assert sorted(case.officers.values_list("staff__username", flat=True)) == sorted(
        ["hetang_officer1", partner.username])
    files = list(Evidence.objects.filter(case=case).order_by("title"))
    assert [e.kind for e in files] == ["documentary", "audiovisual"]
    assert all(len(e.sha256) == 64 and e.size > 0 for e in files)
    event = Event.objects.get(stream=case.stream, kind="decide_on_site")
    assert event.data["receipt"] == "signed"
    assert {f["sha256"] for f in event.data["files"]} == {e.sha256 for e in files}
    assert case.decision_no in page.content()
    ctx.close()


LILING_ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "field-liling"


def test_a_citizen_fined_50_for_littering_under_the_liling_benchmark_on_a_phone(browser, live_server,
                                                                                transactional_db, tmp_path):
    """#31 §2: the 醴陵 officer picks 乱扔垃圾 from the bureau's method benchmark (醴城〔2017〕22号); the tiers, the range
    and the tier of 50元 are on the screen before the party signs; the decision and its PDF follow. Screenshots at
    390×844 and 1440×900 and the PDF's page images go to test-artifacts/field-liling/."""
    import shutil
    import subprocess

    today = timezone.localdate()
    staff = build_org(random.Random(7), today)
    build_catalogue(Bureau.objects.get(parent=None))
    partner = staff["liling"].officers[1]
    base = live_server.url
    LILING_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "liling_officer1")
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/field/")

    def fits(name):
        page.screenshot(path=str(LILING_ARTIFACTS / f"{name}.png"))
        assert page.evaluate("document.documentElement.scrollHeight") <= 844 + 40, name

    page.select_option("select[name=benchmark_violation]", value="liling-cg-2017:LL-01")
    line = page.locator("#violation-range").inner_text()
    assert "醴城〔2017〕22号" in line and "50元以上200元以下" in line and "须核实" in line
    page.fill("input[name=place]", "醴陵市瓷城大道与解放路交叉口")
    page.fill("textarea[name=facts]", "当事人在瓷城大道人行道上乱扔烟头、纸屑，经执法人员指出后当场清理。")
    fits("1-violation")
    page.click("#step-next")
    page.fill("input[name=party_name]", "李明")
    page.fill("input[name=party_address]", "湖南省醴陵市瓷城大道8号")
    assert not page.locator("input[name=party_representative]").is_visible()  # a citizen has none
    fits("2-party")
    page.click("#step-next")
    # Before the party signs: the tiers of the chosen item and the tier of the amount typed, live.
    box = page.locator("#tier-box")
    assert "轻微 50元；一般 51—100元；严重 101—199元；特别严重 200元" in box.inner_text()
    page.fill("input[name=fine]", "250")
    assert "超过对公民当场罚款的限额200元" in box.inner_text()
    page.fill("input[name=fine]", "50")
    assert "罚款50元：属轻微档（50元）" in box.inner_text() and "超过" not in box.inner_text()
    page.fill("textarea[name=statement]", "承认乱扔烟头，愿意接受处罚。")
    page.select_option("select[name=officers]", value=partner.username)
    fits("3-penalty")
    page.click("#step-next")
    pad = page.locator("#signature-pad").bounding_box()
    page.mouse.move(pad["x"] + 30, pad["y"] + 60)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(pad["x"] + 30 + i * 22, pad["y"] + 60 + (i % 3) * 20)
    page.mouse.up()
    fits("4-signature")
    page.click("#step-next")
    summary = page.locator("#field-summary").inner_text()
    assert "已签名" in summary and "轻微" in summary and "罚款50元" in summary
    fits("5-confirm")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=str(LILING_ARTIFACTS / "5-confirm-1440.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.screenshot(path=str(LILING_ARTIFACTS / "6-decided-390.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=str(LILING_ARTIFACTS / "6-decided-1440.png"), full_page=True)

    case = PenaltyCase.objects.get(party_name="李明")
    assert case.on_spot and case.fine == 50 and case.cause.startswith("乱扔垃圾")
    assert case.discretion["tiers"] == ["轻微"]
    assert Event.objects.get(stream=case.stream, kind="decide_on_site").data["receipt"] == "signed"
    pdf = page.request.get(f"{base}/api/v1/cases/{case.uuid}/documents/on_site.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    (LILING_ARTIFACTS / "on_site.pdf").write_bytes(pdf.body())
    # #31 §3 acceptance: one A4 page, the signature drawn above printed where the party signs.
    from fazhi.core import doclint

    assert doclint.page_count(pdf.body()) == 1
    assert doclint.image_pages(pdf.body()) == {1}  # the signature is the page's one picture
    text = doclint.flat_text(pdf.body())
    assert "当事人签名" in text and "拒绝签名" not in text and "醴城〔2017〕22号" in text and "罚款人民币50.00元" in text
    roll = page.request.get(f"{base}/api/v1/cases/{case.uuid}/documents/on_site.pdf?layout=roll")
    assert roll.status == 200 and doclint.page_count(roll.body()) == 1
    (LILING_ARTIFACTS / "on_site-roll.pdf").write_bytes(roll.body())
    if shutil.which("pdftoppm"):
        for old in LILING_ARTIFACTS.glob("on_site*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(LILING_ARTIFACTS / "on_site.pdf"),
                        str(LILING_ARTIFACTS / "on_site")], check=True)
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(LILING_ARTIFACTS / "on_site-roll.pdf"),
                        str(LILING_ARTIFACTS / "on_site-roll")], check=True)
        assert [p.name for p in sorted(LILING_ARTIFACTS.glob("on_site-[0-9]*.png"))] == ["on_site-1.png"]
    ctx.close()
