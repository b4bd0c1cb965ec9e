"""Issue 14 §1-3: every 文书 of a compact demo-like set of cases — built through the actions in every state a
document can be printed from — passes the lint (fazhi/core/doclint.py) in PDF and DOCX, carries the elements its
standard form requires (a failure names the missing element), and the 决定书 tells the procedure the case went
through and the discretion reasoning (DIS-04). Each kind is rendered once per case."""
import json

import pytest

from fazhi.cases import documents, signatures
from fazhi.cases.models import PenaltyCase
from fazhi.catalog import importers
from fazhi.core import doclint
from tests.shared import SHARED
from tests.test_api_scenarios import OFFICERS, act, ok

SZ = SHARED / "data" / "shenzhen-discretion-2023" / "shenzhen_city_management_discretion_2023.json"
ITEM1 = "shenzhen-cg-2023:sz_cg_2023_001"  # 二千元以上二万元以下: 第一次 2000, 第二次 10000, 第三次及以上 20000
QA = "问：你公司是否在建设中路堆放物料？\n答：是的，堆放的是装修用的砂石。\n问：堆放了多长时间？\n答：大约十天。"


def _clue(api, *, org=True, on="2026-03-02"):
    party = ({"party_kind": "org", "party_name": "株洲市恒达商贸有限公司", "party_representative": "刘建国",
              "party_id_number": "91430200MA4L12345X", "party_phone": "0731-28881234"} if org else
             {"party_kind": "citizen", "party_name": "王强", "party_id_number": "430202198805061234",
              "party_phone": "13807331234"})
    status, body = api("hetang_officer1").post("/cases", {
        "on": on, **party, "party_address": "湖南省株洲市建设中路1号", "cause": "擅自在街道两侧堆放物料影响市容",
        "place": "株洲市建设中路18号门前", "act_on": "2026-03-01", "discovered_on": on,
        "facts": "经查，当事人于2026年3月1日起在建设中路18号门前人行道堆放砂石约6立方米。有现场检查笔录为证。",
        "violated_provision": "《城市市容和环境卫生管理条例》第十四条",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十六条第（二）项"})
    assert status == 201, body
    return body["uuid"]


def _investigated(api, *, org=True):
    c = _clue(api, org=org)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    person = "刘建国" if org else "王强"
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="inspection", title="现场检查笔录",
           place="株洲市建设中路18号门前", description="人行道上堆放砂石约6立方米，占道长约8米。",
           record_type="site", record_officers=OFFICERS, record_person="李四", record_person_role="在场人",
           started_at="2026-03-04T09:30:00+08:00", ended_at="2026-03-04T10:05:00+08:00"))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="party_statement", title="询问笔录",
           place="株洲市荷塘区城市管理和综合执法局询问室", qa=QA, record_type="inquiry", record_officers=OFFICERS,
           record_person=person, record_person_role="当事人",
           record_person_id_number="430202197503151234" if org else "", record_person_phone="13907331234" if org else "",
           started_at="2026-03-05T14:00:00+08:00", ended_at="2026-03-05T14:40:00+08:00"))
    return c


def full_case(api):
    """Hearing, review, approval of a departure from the benchmark, deliberation, decision, service to the legal
    representative, 催告, court enforcement, close."""
    importers.import_shenzhen(json.loads(SZ.read_text("utf-8")), area="")  # nationwide here: see CAT-01 tests
    c = _investigated(api)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="经查，当事人于2026年3月1日起在建设中路18号门前人行道堆放砂石约6立方米，影响市容。", kinds=["fine"],
           fine="20000", benchmark_violation=ITEM1, discretion_facts={"prior_penalties": 0}, flags={"complex": True},
           departure_reason="堆放面积大、占用人行道时间长，严重影响通行"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "request_hearing", on="2026-03-12"))
    ok(act(api, "hetang_deputy", c, "schedule_hearing", on="2026-03-13", presider="hetang_reviewer",
           hearing_on="2026-03-25", place="荷塘区局听证室"))
    ok(act(api, "hetang_reviewer", c, "hold_hearing", on="2026-03-25", party_attended=True,
           record="当事人对违法事实无异议，称已自行清理大部分砂石，请求从轻处罚。", kinds=["fine"], fine="15000"))
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-26", passed=True,
           opinion="主体合法，事实清楚，证据确凿，适用依据正确，程序合法，偏离裁量基准理由充分，同意。"))
    ok(act(api, "hetang_head", c, "approve_departure", on="2026-03-26", reason="占道时间长、面积大，按基准处罚明显偏轻"))
    ok(act(api, "hetang_head", c, "deliberate", on="2026-03-27",
           attendees=["hetang_head", "hetang_deputy", "hetang_reviewer"], conclusion="同意罚款15000元并责令改正。",
           observers=["王军（承办人员）", "李娜（法制审核人员）"], recorder="周洁"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-27", correction_order="责令当事人立即清理堆放的砂石。"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-30", method="direct", recipient="刘建国"))
    ok(act(api, "hetang_officer1", c, "serve_demand", on="2026-04-20", deadline="2026-04-30"))
    ok(act(api, "hetang_head", c, "apply_court", on="2026-10-09", court="株洲市荷塘区人民法院",
           package={"application": True, "decision": True, "demand": True, "party_opinion": True, "property": True}))
    ok(act(api, "hetang_officer1", c, "record_court_ruling", on="2026-11-10", result="执行完毕"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-11-11", close_type="court_done", summary="法院强制执行完毕。"))
    return PenaltyCase.objects.get(uuid=c)


def statement_case(api):
    """A citizen heard (陈述申辩 and 复核), decided, served on the party, paid, closed and archived."""
    c = _investigated(api, org=False)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="当事人于2026年3月1日起在建设中路18号门前人行道堆放砂石。有现场检查笔录、询问笔录为证。",
           kinds=["fine"], fine="500"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "record_statement", on="2026-03-12", summary="当事人称系初次违法，请求从轻。",
           adopted=False, review="经复核，当事人陈述不影响违法事实认定，维持拟处罚意见。"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-16", correction_order="立即清理"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-17", method="direct", recipient="王强"))
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-03-20", fine_paid="500"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-03-23", close_type="performed"))
    ok(act(api, "hetang_squad1", c, "archive", on="2026-03-24", location="档案室A-3"))
    return PenaltyCase.objects.get(uuid=c)


def waived_case(api):
    """A company that waived its rights; the decision left with someone who is not its representative."""
    c = _investigated(api)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="经查属实", kinds=["fine"], fine="5000"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述、申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即改正"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-13", method="direct", recipient="张三（前台）"))
    return PenaltyCase.objects.get(uuid=c)


def left_case(api):
    """A company that refused the decision at its address: 留置送达 before a witness of the 社区, filmed
    (民事诉讼法 Art 89)."""
    c = _investigated(api)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="当事人于2026年3月1日起在建设中路18号门前人行道堆放砂石。", kinds=["fine"], fine="3000"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述、申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即改正"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-13", method="left", recipient="株洲市恒达商贸有限公司",
           refusal_reason="称对处罚决定有异议，拒绝签收", refused_by="刘建国（法定代表人）",
           witnesses=["周红（建设中路社区居民委员会）"], recorded=True))
    return PenaltyCase.objects.get(uuid=c)


def no_penalty_case(api):
    c = _investigated(api, org=False)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="no_penalty_minor",
           facts="当事人初次违法，危害后果轻微，已当场改正。", no_penalty_ground="first_offence",
           no_penalty_conditions=["初次违法", "危害后果轻微", "及时改正"]))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", education="当场讲解市容环境卫生管理规定，当事人表示今后自觉遵守。"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-13", method="direct", recipient="王强"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-03-16", close_type="no_penalty"))
    return PenaltyCase.objects.get(uuid=c)


def on_site_case(api, *, collect: bool):
    body = {"on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路8号",
            "party_id_number": "430202199001011234", "cause": "乱扔果皮纸屑烟头等废弃物",
            "facts": "当事人在株洲市车站路8号门前乱扔烟头，执法人员当场发现。", "place": "株洲市车站路8号门前",
            "act_on": "2026-03-02", "discovered_on": "2026-03-02",
            "violated_provision": "《城市市容和环境卫生管理条例》第十条",
            "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
            "kinds": ["fine"], "fine": "50", "statement": "当事人对违法事实无异议。", "correction_order": "当场清理"}
    if collect:  # signed on the phone: the signature is printed on the copy handed over
        body.update(collect_on_spot=True, party_requested=True, receipt_no="湘财罚12345678",
                    signature=signatures.data_url(signatures.drawn(1)))
    else:  # a company fined by the benchmark's tier (DIS-04), refusing to sign before a witness (Art 52)
        body.update(party_kind="org", party_name="株洲市瑞丰商贸有限公司", party_representative="陈志远",
                    party_id_number="91430200MA4L67890Y", fine="2000", benchmark_violation=ITEM1,
                    signature_refused=True, witness="赵敏（社区网格员）")
    status, out = api("hetang_officer1").post("/cases/on-site", body)
    assert status == 201, out
    return PenaltyCase.objects.get(uuid=out["uuid"])


@pytest.fixture
def compact(api):
    return [full_case(api), statement_case(api), waived_case(api), no_penalty_case(api),  # full_case loads ITEM1
            left_case(api),
            on_site_case(api, collect=True), on_site_case(api, collect=False),
            PenaltyCase.objects.get(uuid=_investigated(api))]


def test_lint_and_required_elements_over_every_document_of_every_case(compact):
    """In the suite: every kind, PDF (pdftotext, pdfinfo) and DOCX, A4, no punctuation or raw-code slips, no repeated
    clause, money with two decimals, no page with only the signature; every required element present."""
    problems, kinds = [], set()
    for case in compact:
        facts = documents.Facts(case)
        for kind in documents.available(case, facts):
            doc = documents.build(case, kind.key, facts)
            kinds.add(kind.key)
            where = f"{case.party_name}/{kind.key}"
            pdf = documents.to_pdf(doc)
            problems += [f"{where} pdf: {p}" for p in doclint.pdf_problems(pdf, doc)]
            problems += [f"{where}: {p}" for p in doclint.doc_problems(doc)]
            # as served (#31 §3): signature or refusal, one address, no statute notes, 留置送达, pages, 笔录 foot
            problems += [f"{where}: {p}" for p in doclint.served_problems(doc, pdf)]
            if kind.key in doclint.PAGE_TARGETS:
                n = doclint.page_count(pdf)
                problems += [f"{where}: {n} pages"] if n > doclint.PAGE_TARGETS[kind.key] else []
            problems += [f"{where}: 缺少{m}" for m in documents.missing_elements(kind.key, facts, doclint.flat_text(pdf))]
            # Every kind gets a DOCX checked, those bureaus edit and the decisions alike (page size, text).
            problems += [f"{where} docx: {p}" for p in doclint.docx_problems(documents.to_docx(doc))]
    assert kinds == {k.key for k in documents.KINDS}
    assert problems == [], "\n".join(problems)


def test_decision_tells_hearing_review_deliberation_and_departure(api):
    """DIS-04, PEN-08..13: each procedural step and the tier with its reasons, from the events."""
    case = full_case(api)
    text = doclint.flat_text(documents.to_pdf(documents.build(case, "decision")))
    for step in ("本机关于2026年3月11日向你单位送达《行政处罚事先告知书》（荷城管罚告字〔2026〕第0001号）",
                 "陈述、申辩和要求听证的权利",
                 "你单位于2026年3月12日提出听证申请",
                 "《听证通知书》（荷城管听通字〔2026〕第0001号）",
                 "本机关于2026年3月25日依法举行听证，你单位到场参加听证",
                 "称已自行清理大部分砂石",
                 "拟处罚意见为：罚款人民币15,000.00元",
                 "本案于2026年3月26日经本机关法制审核",
                 "本机关主要负责人于2026年3月26日批准",
                 "本案于2026年3月27日经本机关负责人集体讨论",
                 # DIS-04: which tier of which benchmark, why, and the departure with its reasons and approval.
                 "根据深圳市城市管理行政处罚裁量权实施标准（2023年版）",
                 "适用违法行为发生时有效的裁量基准，本案符合该项“第一次被处罚的”的适用条件",
                 "第1项（不履行市容和环境卫生主体责任且逾期未改正）",
                 "本案适用“情节较轻”裁量阶次",
                 "本案适用“情节较轻”裁量阶次，裁量幅度为罚款2,000.00元。",
                 "偏离理由：堆放面积大、占用人行道时间长，严重影响通行",
                 "该偏离于2026年3月26日经本机关主要负责人批准、于2026年3月27日经本机关负责人集体讨论决定",
                 # where to pay, from the bureau's settings recorded with the decision
                 "到中国工商银行株洲市荷塘区支行缴纳", "缴款码：4302020001",
                 "同时责令你单位立即清理堆放的砂石"):
        assert step in text, step
    assert text.count("经查") == 1 and "为证" not in text


def test_inquiry_record_carries_times_officers_person_and_questions(api):
    case = PenaltyCase.objects.get(uuid=_investigated(api))
    text = doclint.flat_text(documents.to_pdf(documents.build(case, "inquiry")))
    for part in ("询问时间2026年3月5日14时00分至14时40分", "询问地点株洲市荷塘区城市管理和综合执法局询问室",
                 "执法证号", "被询问人刘建国", "株洲市恒达商贸有限公司法定代表人（负责人）",
                 "问：你公司是否在建设中路堆放物料？", "答：是的，堆放的是装修用的砂石。", "被询问人签名"):
        assert part in text, part


def test_missing_element_is_named(api):
    case = statement_case(api)
    facts = documents.Facts(case)
    text = doclint.flat_text(documents.to_pdf(documents.build(case, "decision", facts)))
    assert documents.missing_elements("decision", facts, text) == []
    assert documents.missing_elements("decision", facts, text.replace("申请行政复议", "")) == ["申请行政复议的途径和期限"]


def test_on_site_decision_states_tier_payment_and_refusal(api):
    importers.import_shenzhen(json.loads(SZ.read_text("utf-8")), area="")  # nationwide here: see CAT-01 tests
    case = on_site_case(api, collect=False)
    text = doclint.flat_text(documents.to_pdf(documents.build(case, "on_site")))
    for part in ("本案适用“情节较轻”裁量阶次", "到中国工商银行株洲市荷塘区支行缴纳", "应当先申请行政复议",
                 "当事人签名：当事人拒绝签名", "见证人：赵敏（社区网格员）", "见证人签名", "执法证号"):
        assert part in text, part


def test_service_receipt_names_a_representative_as_signer_not_as_agent(api):
    case = full_case(api)
    rows = dict(documents.build(case, "service").blocks[0].rows)
    assert rows["签收人"] == "法定代表人（负责人）刘建国" and "代收人" not in rows
    other = waived_case(api)
    rows = dict(documents.build(other, "service").blocks[0].rows)
    assert rows["代收人"] == "张三（前台）"


def test_lint_catches_what_the_issue_found():
    bad = "经查，你（单位）经查，当事人堆放物料为证。。以上事实有1. 勘验笔录为证。，违反了规定；罚没款23.1480万元；率0.8333；None"
    found = " ".join(doclint.text_problems(bad))
    for what in ("'。。'", "'。，'", "23.1480万元", "0.8333", "'None'"):
        assert what in found, what
