"""文书 (issue 3 §2): every listed document renders for a case that reached it, as PDF with an embedded CJK
font (pdftotext shows its Chinese content and number) and as DOCX; the decision carries every PEN-15
element and the 复议/诉讼 notice (REV-02, REV-03, REV-08)."""
import io
import re
import subprocess
import zipfile

import pytest

from fazhi.cases import documents
from fazhi.cases.models import PenaltyCase
from fazhi.core import doclint
from tests.test_api_scenarios import OFFICERS, act, ok, reported

ALL = {k.key for k in documents.KINDS}


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) for each font of the PDF, as poppler's pdffonts reports them."""
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    rows = out.splitlines()[2:]
    return [(r.split()[0], r.split()[-5] == "yes") for r in rows if r.strip()]


@pytest.fixture
def hearing_case(api):
    """A 25,000 CNY fine on a company, through hearing, review, deliberation, decision, service, 催告 and
    court enforcement: every general-procedure document."""
    c = reported(api, fine="100000")
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-10", kind="party_statement", title="询问笔录（法定代表人）",
           description="问：你公司是否在建设中路堆放物料？答：是的。", record_type="inquiry", record_officers=OFFICERS,
           record_person="刘建国", record_person_role="法定代表人", started_at="2026-03-10T09:30",
           ended_at="2026-03-10T10:05"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "request_hearing", on="2026-03-12"))
    ok(act(api, "hetang_deputy", c, "schedule_hearing", on="2026-03-13", presider="hetang_reviewer",
           hearing_on="2026-03-25", place="荷塘区局听证室"))
    ok(act(api, "hetang_reviewer", c, "hold_hearing", on="2026-03-25", party_attended=True,
           record="当事人对违法事实无异议，请求从轻处罚。", kinds=["fine"], fine="100000"))
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-26", passed=True, opinion="事实清楚，证据确凿，同意。"))
    ok(act(api, "hetang_head", c, "deliberate", on="2026-03-26", attendees=["hetang_head", "hetang_deputy",
                                                                          "hetang_reviewer"], conclusion="同意处罚"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-27", correction_order="立即清理堆放物料"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-30", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "serve_demand", on="2026-04-20", deadline="2026-04-30"))
    ok(act(api, "hetang_head", c, "apply_court", on="2026-10-09", court="株洲市荷塘区人民法院",
           package={"application": True, "decision": True, "demand": True, "party_opinion": True, "property": True}))
    ok(act(api, "hetang_officer1", c, "record_court_ruling", on="2026-11-10", result="执行完毕"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-11-11", close_type="court_done", summary="法院强制执行完毕"))
    return PenaltyCase.objects.get(uuid=c)


@pytest.fixture
def on_site_case(api):
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路8号",
        "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-02", "discovered_on": "2026-03-02",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
        "kinds": ["fine"], "fine": "50", "statement": "无异议", "correction_order": "当场清理"})
    assert status == 201, body
    return PenaltyCase.objects.get(uuid=body["uuid"])


def test_every_listed_document_renders_with_its_chinese_content_and_number(hearing_case, on_site_case):
    made = {}
    for case in (hearing_case, on_site_case):
        for kind in documents.available(case):
            doc = documents.build(case, kind.key)
            pdf = documents.to_pdf(doc)
            text = pdf_text(pdf)
            squeezed = re.sub(r"\s+", "", text)
            assert re.sub(r"\s+", "", doc.title) in squeezed, kind.key
            assert case.bureau.name in squeezed
            if doc.number:
                assert doc.number in squeezed, (kind.key, doc.number)
            fonts = pdf_fonts(pdf)
            assert fonts and all("Noto-Serif-CJK" in name and embedded for name, embedded in fonts), fonts
            made[kind.key] = doc
            if kind.docx:
                with zipfile.ZipFile(io.BytesIO(documents.to_docx(doc))) as z:
                    assert doc.title in z.read("word/document.xml").decode()
    assert set(made) == ALL
    # Numbered per bureau, kind and year (PEN-02, gapless counters).
    assert made["decision"].number == "荷城管罚决字〔2026〕第0001号"
    assert made["notice"].number == "荷城管罚告字〔2026〕第0001号"
    assert made["hearing_right"].number == "荷城管听告字〔2026〕第0001号"
    assert made["hearing_notice"].number == "荷城管听通字〔2026〕第0001号"
    assert made["correction"].number == "荷城管责改字〔2026〕第0001号"
    assert made["demand"].number == "荷城管催告字〔2026〕第0001号"
    assert made["on_site"].number.startswith("荷城管当场罚决字〔2026〕")


def test_PEN_15_decision_carries_every_element_and_REV_03_REV_08_remedy(hearing_case):
    text = re.sub(r"\s+", "", pdf_text(documents.to_pdf(documents.build(hearing_case, "decision"))))
    c = hearing_case
    for element in (c.party_name, c.party_address, "经查属实",            # 当事人, 地址, 违法事实
                    "现场检查笔录",                                        # 证据
                    "罚款人民币100,000.00元",                              # 处罚种类
                    "《城市市容和环境卫生管理条例》第三十六条第（二）项",        # 依据
                    "十五日内",                                            # 履行方式和期限
                    "六十日内向株洲市荷塘区人民政府申请行政复议", "六个月内",     # REV-03, REV-08
                    "株洲市荷塘区城市管理和综合执法局（印章）", "2026年3月27日"):  # 机关, 日期, 印章
        assert element.replace(" ", "") in text, element


def test_REV_02_on_site_decision_prints_the_reconsideration_first_notice(on_site_case):
    text = re.sub(r"\s+", "", pdf_text(documents.to_pdf(documents.build(on_site_case, "on_site"))))
    assert "应当先申请行政复议" in text and "罚款人民币50.00元" in text


def test_document_not_yet_reached_is_refused(api):
    c = PenaltyCase.objects.get(uuid=reported(api))
    with pytest.raises(LookupError):
        documents.build(c, "decision")
    assert [k.key for k in documents.available(c)] == ["filing", "inspection"]


def test_documents_api_lists_and_serves_pdf_and_docx(api, hearing_case):
    client = api("hetang_officer1")
    status, body = client.get(f"/cases/{hearing_case.uuid}/documents")
    assert status == 200
    stages = [d["stage"] for d in body]
    assert stages == sorted(stages, key=documents.STAGES.index)  # 一案一卷 order
    r = client.client.get(f"/api/v1/cases/{hearing_case.uuid}/documents/decision.pdf", **client.headers)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert "荷城管罚决字" in pdf_text(r.content).replace(" ", "")
    r = client.client.get(f"/api/v1/cases/{hearing_case.uuid}/documents/notice.docx", **client.headers)
    assert r.status_code == 200 and r.content.startswith(b"PK")
    other = api("lusong_officer1")
    r = other.client.get(f"/api/v1/cases/{hearing_case.uuid}/documents/decision.pdf", **other.headers)
    assert r.status_code == 404  # another district's case: invisible
    r = client.client.get(f"/api/v1/cases/{hearing_case.uuid}/documents/on_site.pdf", **client.headers)
    assert r.status_code == 404  # not a document this case has


def test_every_listed_document_renders_for_demo_cases(db):
    """The acceptance check as stated: the demo bureau's own cases (fixed seed and date) reach every kind of
    文书, and each renders with its Chinese title, bureau and number."""
    import random
    from datetime import date

    from fazhi.cases.demo import build_cases
    from fazhi.org.demo import _name, build_org

    rng, used = random.Random(20261122), set()
    today = date(2026, 11, 20)
    build_cases(build_org(rng, today), rng, today, lambda: _name(rng, used), general_per_bureau=12,
                simple_per_bureau=1)
    first = {}
    for case in PenaltyCase.objects.order_by("id"):
        for kind in documents.available(case):
            first.setdefault(kind.key, case)
    assert set(first) == ALL
    problems = []
    for key, case in first.items():
        facts = documents.Facts(case)
        doc = documents.build(case, key, facts)
        pdf = documents.to_pdf(doc)
        text = re.sub(r"\s+", "", pdf_text(pdf))
        assert doc.title in text and case.bureau.name in text and (doc.number or "") in text, key
        # The lint (issue 14 §3) over the demo's own documents too, PDF and DOCX, with the required elements.
        problems += [f"{key} pdf: {p}" for p in doclint.pdf_problems(pdf, doc) + doclint.doc_problems(doc)]
        problems += [f"{key}: 缺少{m}" for m in documents.missing_elements(key, facts, doclint.flat_text(pdf))]
        problems += [f"{key} docx: {p}" for p in doclint.docx_problems(documents.to_docx(doc))]
    assert problems == [], "\n".join(problems)


def _decided(api, on: str):
    c = reported(api)
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "record_statement", on="2026-03-12", summary="无异议", adopted=False,
           review="无"))
    ok(act(api, "hetang_head", c, "decide", on=on, correction_order="立即清理"))
    return PenaltyCase.objects.get(uuid=c)


def _squeezed(case, kind):
    return re.sub(r"\s+", "", pdf_text(documents.to_pdf(documents.build(case, kind))))


def test_REV_03_REV_08_a_decision_made_after_the_setting_changes_names_the_new_bodies(api, on_site_case):
    """The 复议机关 and 管辖法院 are bureau settings (本局设置); a decision made after a change names the new ones,
    and a decision already served keeps what it said (its text is the decide event's)."""
    from fazhi.core.models import Event
    from fazhi.org.actions import change_settings
    from fazhi.org.models import Staff

    before = _decided(api, "2026-03-13")
    bureau = before.bureau
    change_settings(bureau, by=Staff.objects.get(username="city_admin"), values={
        "government": "株洲市人民政府", "government_source": "行政复议法第二十四条",
        "court": "株洲市芦淞区人民法院", "court_source": "示例：湖南省高级人民法院行政案件集中管辖的决定"})
    ev = Event.objects.get(stream=f"bureau:{bureau.uuid}", kind="settings_changed")
    assert ev.data["court"] == {"before": "株洲市荷塘区人民法院", "after": "株洲市芦淞区人民法院"}
    assert ev.data["government"]["after"] == "株洲市人民政府" and "court_source" in ev.data
    after = _decided(api, "2026-03-16")
    text = _squeezed(after, "decision")
    assert "六十日内向株洲市人民政府申请行政复议" in text and "六个月内向株洲市芦淞区人民法院提起行政诉讼" in text
    assert "荷塘区人民法院" not in text and "荷塘区人民政府申请" not in text
    old = _squeezed(before, "decision")
    assert "向株洲市荷塘区人民政府申请行政复议" in old and "向株洲市荷塘区人民法院提起行政诉讼" in old
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-03-16", "party_kind": "citizen", "party_name": "赵敏", "party_address": "株洲市车站路9号",
        "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-16", "discovered_on": "2026-03-16",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
        "kinds": ["fine"], "fine": "50", "statement": "无异议", "correction_order": "当场清理"})
    assert status == 201, body
    spot = _squeezed(PenaltyCase.objects.get(uuid=body["uuid"]), "on_site")
    assert "向株洲市人民政府申请行政复议" in spot and "向株洲市芦淞区人民法院提起行政诉讼" in spot


def test_an_empty_setting_prints_the_statutory_description(api):
    from fazhi.org.models import Bureau

    Bureau.objects.filter(code="430202").update(government="", court="")
    text = _squeezed(_decided(api, "2026-03-13"), "decision")
    assert "六十日内向本级人民政府申请行政复议" in text and "六个月内向有管辖权的人民法院提起行政诉讼" in text
