"""Issue 6: subjects with checked credit codes, a committed and verifiable draw, and the INS refusals — no
approval, an uncertified officer, an unlisted item, a subject past its cap. The check-in page shows the
registered inspection and the officers' certificates."""
import hashlib
from datetime import date

import pytest
from django.test import Client

from fazhi.catalog.importers import ImportRejected
from fazhi.catalog.models import InspectionItem
from fazhi.inspections import actions as I
from fazhi.inspections.figures import figures
from fazhi.inspections.importers import load_subjects
from fazhi.inspections.models import Inspection, Subject
from fazhi.law import draw as D
from fazhi.law.basis import RuleViolation
from fazhi.law.draw import USCC_CHARS, uscc_check_char
from fazhi.org.models import Bureau, Staff

ON = date(2026, 3, 2)


def code(n: int) -> str:
    body = f"91430202{n:09d}"
    return body + uscc_check_char(body)


@pytest.fixture
def setup(org):
    hetang = Bureau.objects.get(code="430202")
    city = Bureau.objects.get(code="430200")
    load_subjects([{"统一社会信用代码": code(i), "名称": f"株洲市测试{i}号商贸有限公司", "类型": "企业",
                    "地址": f"株洲市荷塘区建设中路{i}号", "风险等级": ["高风险", "中风险", "低风险"][i % 3]}
                   for i in range(1, 31)], bureau=hetang)
    item = InspectionItem.objects.create(bureau=city, seq=1, name="户外广告设施安全检查", legal_basis="《办法》",
                                         subjects="设置单位", yearly_cap=1)
    unlisted = InspectionItem.objects.create(bureau=Bureau.objects.get(code="430203"), seq=1, name="芦淞区的事项",
                                             legal_basis="x", subjects="x")
    staff = {u: Staff.objects.select_related("bureau__parent").get(username=u) for u in
             ("hetang_head", "hetang_squad1", "hetang_officer1", "hetang_officer2", "hetang_officer4")}
    return {"hetang": hetang, "item": item, "unlisted": unlisted, **staff}


def test_subject_import_checks_the_credit_code_and_rejects_the_whole_file(org):
    hetang = Bureau.objects.get(code="430202")
    good = code(1)
    bad = good[:-1] + next(c for c in USCC_CHARS if c != good[-1])
    with pytest.raises(ImportRejected) as e:
        load_subjects([{"统一社会信用代码": good, "名称": "甲", "类型": "企业", "地址": "x"},
                       {"统一社会信用代码": bad, "名称": "乙", "类型": "企业", "地址": "y"},
                       {"统一社会信用代码": code(3), "名称": "丙", "类型": "公司", "地址": "z", "经度": "200"}],
                      bureau=hetang)
    assert [(p.row, p.field) for p in e.value.report.problems] == [(2, "统一社会信用代码"), (3, "类型"), (3, "经度")]
    assert not Subject.objects.exists()


def test_INS_01_pool_is_certified_officers_only(setup):
    pool = {s.username for s in I.inspector_pool(setup["hetang"], date(2026, 7, 1))}
    assert "hetang_officer4" not in pool  # certificate revoked 2026-06-30 in the demo org
    assert "hetang_reviewer" not in pool and "hetang_head" not in pool
    assert {"hetang_officer1", "hetang_squad1"} <= pool


def test_INS_07_committed_draw_is_reproducible_and_tamper_evident(setup):
    seed = "2026年3月体彩开奖号码 03 11 19 24 31"
    d = I.commit_draw(by=setup["hetang_head"], on=ON, title="2026年第一批户外广告设施抽查", items=[setup["item"]],
                      quotas={"high": 3, "medium": 2, "low": 1}, seed_commitment=hashlib.sha256(seed.encode()).hexdigest())
    with pytest.raises(RuleViolation) as e:
        I.run_draw(d, by=setup["hetang_head"], on=ON, seed="另一个种子")
    assert e.value.code == "INS-07"
    d = I.run_draw(d, by=setup["hetang_head"], on=ON, seed=seed)
    assert len(d.result["targets"]) == 6 and Inspection.objects.filter(draw=d).count() == 6
    pub = Client().get(f"/draws/{d.uuid}.json").json()
    assert D.verify(pub).ok
    pub["inputs"]["candidates"][0][1] = "low" if pub["inputs"]["candidates"][0][1] != "low" else "high"
    assert not D.verify(pub).ok


def test_INS_03_no_inspection_without_approval(setup):
    ins = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=Subject.objects.first(), items=[setup["item"]],
                            officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    with pytest.raises(RuleViolation) as e:
        I.record(ins, by=setup["hetang_officer1"], on=ON, findings="设施牢固")
    assert e.value.code == "INS-03" and "批准" in e.value.message
    with pytest.raises(RuleViolation):
        I.approve(ins, by=setup["hetang_squad1"], on=ON)  # a squad leader is not the 负责人
    I.approve(ins, by=setup["hetang_head"], on=ON)
    ins = I.record(ins, by=setup["hetang_officer1"], on=ON, findings="设施牢固，无安全隐患")
    assert ins.publish_due == date(2026, 3, 30)  # INS-08: 20 working days


def test_INS_01_uncertified_officer_refused(setup):
    with pytest.raises(RuleViolation) as e:
        I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=Subject.objects.first(), items=[setup["item"]],
                          officers=[setup["hetang_officer1"], setup["hetang_officer4"]], planned_on=date(2026, 7, 1))
    assert e.value.code == "INS-01"


def test_INS_02_unlisted_item_refused(setup):
    with pytest.raises(RuleViolation) as e:
        I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=Subject.objects.first(), items=[setup["unlisted"]],
                          officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    assert e.value.code == "INS-02" and "清单之外" in e.value.message


def test_INS_04_past_the_yearly_cap_refused(setup):
    s = Subject.objects.first()
    I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s, items=[setup["item"]],
                      officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    with pytest.raises(RuleViolation) as e:
        I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s, items=[setup["item"]],
                          officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    assert e.value.code == "INS-04"
    # A capped subject is not even a candidate of the next draw.
    d = I.commit_draw(by=setup["hetang_head"], on=ON, title="抽查", items=[setup["item"]], quotas={"high": 30,
                      "medium": 30, "low": 30}, seed_commitment="0" * 64)
    assert s.credit_code not in {c for c, _ in d.inputs["candidates"]} and len(d.inputs["candidates"]) == 29


def test_check_in_page_and_figures(setup):
    s = Subject.objects.first()
    ins = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s, items=[setup["item"]],
                            officers=[setup["hetang_officer1"], setup["hetang_officer2"]], kind="joint",
                            partners="市场监督管理局")
    page = Client().get(f"/check/{ins.check_in_code}/").content.decode()
    assert "尚未经机关负责人批准" in page and s.name in page
    assert Client().get(f"/check/{ins.check_in_code}/qr.svg").status_code == 409  # no code before approval
    I.approve(ins, by=setup["hetang_head"], on=ON)
    qr = Client().get(f"/check/{ins.check_in_code}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    page = Client().get(f"/check/{ins.check_in_code}/").content.decode()
    assert "已登记并经" in page and "执法证号" in page and "无有效执法证件" not in page
    ins = I.record(ins, by=setup["hetang_officer1"], on=ON, findings="广告牌松动", problem_found=True)
    ins = I.notify_result(ins, by=setup["hetang_officer1"], on=ON, result="责令限期整改")
    I.publish(ins, by=setup["hetang_officer1"], on=date(2026, 3, 10))
    case = I.open_case(Inspection.objects.get(pk=ins.pk), by=setup["hetang_officer1"], on=date(2026, 3, 10),
                       cause="户外广告设施存在安全隐患", facts="广告牌松动")
    assert case.source == "inspection" and case.party_id_number == s.credit_code
    f = figures(setup["hetang"], 2026)
    assert f["检查总数"] == 1 and f["联合检查"] == 1 and f["按期公示率"] == 1.0 and f["移送立案"] == 1
    assert f["达到年度上限的企业事项"] == 1
    # INS-08 on the board: the rate as a percentage with its counts; a result past its period unpublished
    # counts against it.
    board = Client()
    board.force_login(setup["hetang_head"])
    assert "100.0%（1/1）" in board.get("/inspections/").content.decode()
    Inspection.objects.filter(pk=ins.pk).update(published_on=None)  # as if it had never been published
    f = figures(setup["hetang"], 2026)
    assert (f["逾期未公示"], f["按期公示率"]) == (1, 0.0)
    assert "0.0%（0/1）" in board.get("/inspections/").content.decode()


def test_board_pages_plan_approve_and_refusals_in_place(setup):
    c = Client()
    c.force_login(setup["hetang_squad1"])
    assert "涉企行政检查" in c.get("/inspections/").content.decode()
    s = Subject.objects.first()
    form = {"subject": s.credit_code, "items": [setup["unlisted"].pk], "officers": ["hetang_officer1", "hetang_officer2"],
            "kind": "special", "planned_on": "2026-03-02", "on": "2026-03-02"}
    r = c.post("/inspections/plan/", form)
    assert r.status_code == 409 and "INS-02" in r.content.decode()
    r = c.post("/inspections/plan/", {**form, "items": [setup["item"].pk]})
    assert r.status_code == 302
    ins = Inspection.objects.get()
    assert c.post(f"/inspections/{ins.uuid}/approve/", {"on": "2026-03-02"}).status_code == 403
    head = Client()
    head.force_login(setup["hetang_head"])
    assert head.post(f"/inspections/{ins.uuid}/approve/", {"on": "2026-03-02"}).status_code == 302
    assert Inspection.objects.get().status == "approved"


def test_INS_10_plan_ratio_named_public_seed_and_same_residence_rule(setup):
    for s in Subject.objects.all():
        s.area = "月塘街道" if s.pk % 2 else "宋家桥街道"
        s.save()
    Staff.objects.filter(username="hetang_officer1").update(residence_area="月塘街道")
    d = I.commit_draw(by=setup["hetang_head"], on=ON, title="按计划比例抽查", items=[setup["item"]], ratio=0.2,
                      seed_source="2026年3月5日体育彩票排列5开奖号码", same_residence_rule=True)
    assert d.inputs["quotas"] == {"high": 2, "low": 2, "medium": 2}  # 10 per grade × 20%, rounded up
    d = I.run_draw(d, by=setup["hetang_head"], on=ON, seed="3 8 1 4 9")
    pub = Client().get(f"/draws/{d.uuid}.json").json()
    assert pub["seed_source"].startswith("2026年3月5日") and D.verify(pub).ok
    areas = dict(Subject.objects.values_list("credit_code", "area"))
    assert ["hetang_officer1", "月塘街道"] in d.inputs["inspectors"]
    in_yuetang = [t for t in d.result["targets"] if areas[t["subject"]] == "月塘街道"]
    assert in_yuetang  # the rule is exercised, not passed vacuously
    for t in in_yuetang:
        assert "hetang_officer1" not in t["inspectors"]


def test_board_moves_a_finding_into_a_case(setup):
    s = Subject.objects.first()
    ins = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s, items=[setup["item"]],
                            officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    I.approve(ins, by=setup["hetang_head"], on=ON)
    I.record(ins, by=setup["hetang_officer1"], on=ON, findings="广告牌松动", problem_found=True)
    c = Client()
    c.force_login(setup["hetang_officer1"])
    assert "移入案件办理" in c.get("/inspections/").content.decode()
    r = c.post(f"/inspections/{ins.uuid}/open_case/", {"cause": "户外广告设施存在安全隐患", "facts": "广告牌松动",
                                                       "on": "2026-03-03"})
    assert r.status_code == 302
    assert Inspection.objects.get(pk=ins.pk).case.cause == "户外广告设施存在安全隐患"


@pytest.mark.parametrize("published,late", [(date(2026, 3, 30), False), (date(2026, 3, 31), True)])
def test_INS_08_result_published_on_the_20th_working_day_is_in_time(setup, published, late):
    from fazhi.core.models import Event

    ins = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=Subject.objects.first(), items=[setup["item"]],
                            officers=[setup["hetang_officer1"], setup["hetang_officer2"]])
    I.approve(ins, by=setup["hetang_head"], on=ON)
    ins = I.record(ins, by=setup["hetang_officer1"], on=ON, findings="无问题")
    ins = I.notify_result(ins, by=setup["hetang_officer1"], on=ON, result="未发现问题")
    ins = I.publish(ins, by=setup["hetang_officer1"], on=published)
    assert ins.publish_due == date(2026, 3, 30)
    assert Event.objects.get(stream=ins.stream, kind="publish").data["late"] is late
