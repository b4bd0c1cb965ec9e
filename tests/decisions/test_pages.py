"""The staff pages of 重大行政决策 without a browser: the 目录 created, an item added and published, a decision
launched from the item, its steps taken from its page (the 集体讨论 refused in place before the review, MJD-04),
the review completed from its page, the head's 集体讨论 with the vote, publication; a contract review completed with
the reviewed document attached and its 审查意见书 downloaded."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.core.models import Event
from fazhi.decisions import actions as A
from fazhi.decisions.models import Catalogue, Decision, Review
from fazhi.law.periods import add_working_days_estimated
from fazhi.org.models import Staff


def login(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def post(c, url, data, status=302):
    r = c.post(url, data)
    html = r.content.decode()
    assert r.status_code == status, html[html.find('role="alert"'):][:600] or html[:2000]
    return r


def skipped_decision(head, deputy, today):
    return A.launch(by=head, on=today, title="城区公厕提质改造实施方案", unit="环境卫生科", lead=deputy,
                    outside_reason="涉及重大公共建设项目", required={"participation": False, "experts": False, "risk": False},
                    skip_reasons={"participation": "不涉及公众切身利益", "experts": "技术方案成熟", "risk": "无社会稳定风险"})


def test_catalogue_then_a_decision_from_its_item(org):
    today = timezone.localdate()
    h = login("city_head")
    board = h.get("/decisions/").content.decode()
    assert 'id="do-catalogue"' in board and "None" not in board
    post(h, "/decisions/catalogues/new", {"on": today.isoformat(), "year": str(today.year)})
    c = Catalogue.objects.get(bureau=Staff.objects.get(username="city_head").bureau, year=today.year)
    # publishing an empty 目录 is refused in place (MJD-01)
    r = post(h, f"/decisions/catalogues/{c.uuid}/publish", {"on": today.isoformat(), "approval": "经党组同意"}, 409)
    assert "目录尚无决策事项" in r.content.decode() and "MJD-01" in r.content.decode()
    for title in ("城区公厕提质改造实施方案", "户外广告设置规划"):
        post(h, f"/decisions/catalogues/{c.uuid}/items",
             {"on": today.isoformat(), "title": title, "category": "project", "unit": "环境卫生科"})
    gone = c.items.get(title="户外广告设置规划")
    post(h, f"/decisions/catalogue-items/{gone.uuid}/withdraw", {"on": today.isoformat(), "reason": "并入专项规划"})
    post(h, f"/decisions/catalogues/{c.uuid}/publish", {"on": today.isoformat(), "approval": "经局党组同意"})
    item = c.items.get(title="城区公厕提质改造实施方案")
    r = post(h, "/decisions/new", {"on": today.isoformat(), "title": item.title, "unit": "环境卫生科",
                                   "lead": "city_deputy", "item": str(item.uuid), "skip_participation": "on"}, 409)
    assert "理由" in r.content.decode()  # a step left out without its ground
    post(h, "/decisions/new", {"on": today.isoformat(), "title": item.title, "unit": "环境卫生科", "lead": "city_deputy",
                               "item": str(item.uuid), "skip_participation": "on", "skip_experts": "on",
                               "skip_risk": "on", "skip_reason_participation": "不涉及公众切身利益",
                               "skip_reason_experts": "技术方案成熟", "skip_reason_risk": "无社会稳定风险"})
    d = Decision.objects.get(item=item)
    assert d.status == "drafting" and not d.needs("participation")
    assert [e.kind for e in Event.objects.filter(stream=c.stream).order_by("seq")] == \
        ["create_catalogue", "add_item", "add_item", "withdraw_item", "publish_catalogue"]


def test_decision_page_offers_every_step_and_refuses_in_place(org):
    today = timezone.localdate()
    head, deputy = Staff.objects.get(username="city_head"), Staff.objects.get(username="city_deputy")
    d = skipped_decision(head, deputy, today)
    h, dep = login("city_head"), login("city_deputy")
    page = h.get(f"/decisions/{d.uuid}/").content.decode()
    assert 'id="do-save_draft"' in page and 'id="do-deliberate"' not in page and "None" not in page
    # the meeting before the review: refused in place with its basis, nothing changed
    r = post(h, f"/decisions/{d.uuid}/actions/deliberate",
             {"on": today.isoformat(), "meeting": "局务会议", "outcome": "adopt", "speakers": "甲｜同意｜"}, 409)
    text = r.content.decode()
    assert "不予办理" in text and "MJD-04" in text and "不得提交决策机关讨论" in text
    assert Decision.objects.get(pk=d.pk).status == "drafting"
    post(dep, f"/decisions/{d.uuid}/actions/save_draft", {"on": today.isoformat(), "draft": "改造公厕三十座"})
    due = add_working_days_estimated(law_calendar(), today, 7)[0]
    post(dep, f"/decisions/{d.uuid}/actions/submit_review", {"on": today.isoformat(), "due_on": due.isoformat()})
    review = Review.objects.get(decision=d)
    year = date(today.year, 1, 1)
    A.register_adviser(by=head, on=year, name="周明", firm="湖南湘株律师事务所", contract_from=year,
                       contract_until=date(today.year, 12, 31), staff=Staff.objects.get(username="city_adviser"))
    post(login("city_adviser"), f"/decisions/reviews/{review.uuid}/actions/adviser_opinion",
         {"on": today.isoformat(), "opinion": "无法律障碍"})
    rv = login("city_reviewer")
    assert 'id="do-complete"' in rv.get(f"/decisions/reviews/{review.uuid}/").content.decode()
    post(rv, f"/decisions/reviews/{review.uuid}/actions/complete",
         {"on": today.isoformat(), "conclusion": "lawful", "opinion": "决策事项属于本机关法定权限"})
    page = h.get(f"/decisions/{d.uuid}/").content.decode()
    assert 'id="do-deliberate"' in page
    prefilled = re.search(r'<textarea name="speakers"[^>]*>([^<]*)</textarea>', page).group(1)
    assert prefilled.strip().splitlines()[-1].startswith(head.full_name or head.username)
    # the head not last: refused (MJD-05), the lines kept
    r = post(h, f"/decisions/{d.uuid}/actions/deliberate", {
        "on": today.isoformat(), "meeting": "局务会议", "outcome": "adopt", "decision_text": "同意实施",
        "speakers": f"{head.full_name}｜同意｜\n副局长甲｜同意｜"}, 409)
    assert "行政首长应当最后发表意见" in r.content.decode() and "副局长甲" in r.content.decode()
    post(h, f"/decisions/{d.uuid}/actions/deliberate", {
        "on": today.isoformat(), "meeting": "局务会议", "outcome": "adopt", "decision_text": "同意实施",
        "speakers": f"副局长甲｜同意｜\n副局长乙｜不同意｜资金来源待落实\n{head.full_name}｜同意｜"})
    d.refresh_from_db()
    assert d.status == "decided" and d.speakers[-1]["head"] and d.speakers[1]["opinion"] == "disagree"
    post(dep, f"/decisions/{d.uuid}/actions/publish", {"on": today.isoformat(), "channel": "市政府网站"})
    assert Decision.objects.get(pk=d.pk).status == "published"
    page = h.get(f"/decisions/{d.uuid}/").content.decode()
    assert "集体讨论纪要" in page and "None" not in page
    # bad input is a 400 in place, never a 500
    post(dep, f"/decisions/{d.uuid}/actions/archive", {"on": "not-a-date", "materials": "决策草案"}, 400)
    assert h.post(f"/decisions/{d.uuid}/actions/nothing", {}).status_code == 404


@pytest.fixture
def blob_dir(settings, tmp_path):
    settings.FAZHI_BLOB_DIR = str(tmp_path / "blobs")
    return tmp_path


def test_a_contract_review_completed_attached_and_printed(org, blob_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    today = timezone.localdate()
    head, reviewer = Staff.objects.get(username="city_head"), Staff.objects.get(username="city_reviewer")
    year = date(today.year, 1, 1)
    A.register_adviser(by=head, on=year, name="周明", firm="湖南湘株律师事务所", contract_from=year,
                       contract_until=date(today.year, 12, 31), staff=Staff.objects.get(username="city_adviser"))
    r = A.request_review(by=reviewer, on=today, kind="contract", subject="环卫作业市场化服务合同", requested_by="计划财务科")
    adv, rv = login("city_adviser"), login("city_reviewer")
    page = adv.get(f"/decisions/reviews/{r.uuid}/").content.decode()
    assert 'id="do-adviser_opinion"' in page and 'id="do-complete"' not in page
    post(adv, f"/decisions/reviews/{r.uuid}/actions/adviser_opinion",
         {"on": today.isoformat(), "opinion": "违约责任条款应予明确"})
    body = b"%PDF-1.4 contract text"
    post(rv, f"/decisions/reviews/{r.uuid}/attach",
         {"title": "环卫作业市场化服务合同（送审稿）", "on": today.isoformat(),
          "file": SimpleUploadedFile("contract.pdf", body, content_type="application/pdf")})
    import hashlib
    sha = hashlib.sha256(body).hexdigest()
    ev = Event.objects.get(stream=r.stream, kind="attach_document")
    assert ev.data["sha256"] == sha
    assert rv.get(f"/decisions/reviews/{r.uuid}/files/{sha}").status_code == 200
    assert rv.get(f"/decisions/reviews/{r.uuid}/files/{'0' * 64}").status_code == 404
    assert rv.post(f"/decisions/reviews/{r.uuid}/attach", {"title": "无文件", "on": today.isoformat()}).status_code == 400
    assert rv.get(f"/decisions/reviews/{r.uuid}/opinion.pdf").status_code == 404  # not done yet
    post(rv, f"/decisions/reviews/{r.uuid}/actions/complete",
         {"on": today.isoformat(), "conclusion": "lawful_amend", "opinion": "主体适格，违约责任条款应予明确"})
    page = rv.get(f"/decisions/reviews/{r.uuid}/").content.decode()
    assert "审查意见书" in page and "None" not in page and sha[:32] in page and sha[32:] in page
    pdf = rv.get(f"/decisions/reviews/{r.uuid}/opinion.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert rv.get(f"/decisions/reviews/{r.uuid}/opinion.docx").status_code == 200
    # the adviser's 工作台 lists the reviews waiting for their opinion, and no other
    from fazhi.core.workflow import work_for

    r2 = A.request_review(by=reviewer, on=today, kind="normative_draft", subject="占道审批通知", requested_by="市容管理科")
    items = work_for(Staff.objects.get(username="city_adviser"), today)
    assert [(i.record.pk, i.step.action) for i in items if i.context == "legal-reviews"] == [(r2.pk, "adviser_opinion")]
    assert all(i.url for i in items)
