"""督办 (SUP-05): the city bureau issues an order on a 荷塘 case from the 督办台, 荷塘's head answers it with a file,
the city closes it; an answer from another bureau, or an order from a bureau that is not above, is refused; an
overdue order is listed first and on 荷塘's 工作台; the due-date rule at its boundary."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.workflow import work_for
from fazhi.law import supervision as rules
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Bureau
from fazhi.supervision import actions
from fazhi.supervision.models import SupervisionOrder
from tests.supervision.helpers import staff
from tests.supervision.orders import ON, issue
from tests.supervision.test_pages import page, post
from tests.supervision.test_review import closed_file


def test_due_and_overdue_at_the_boundary():
    due = date(2026, 12, 10)
    assert rules.order_clock(due, date(2026, 12, 9)) == rules.OrderClock(1, False, 0)
    assert rules.order_clock(due, due) == rules.OrderClock(0, False, 0)
    assert rules.order_clock(due, date(2026, 12, 11)) == rules.OrderClock(-1, True, 1)
    assert rules.order_clock(due, date(2027, 1, 1), answered_on=date(2026, 12, 20)).overdue is False
    assert rules.answered_on_time(due, date(2026, 12, 9)) is True
    assert rules.answered_on_time(due, due) is True
    assert rules.answered_on_time(due, date(2026, 12, 11)) is False
    assert rules.answered_on_time(due, None) is None
    assert rules.order_due_problem(due, due) and rules.order_due_problem(due, date(2026, 12, 9))
    assert rules.order_due_problem(due, date(2026, 12, 11)) is None


def test_an_order_issued_answered_and_closed_in_the_pages(client, api):
    case = closed_file(api)
    text = page(client, "city_head", "/supervision/orders/")
    assert "下达督办" in text and "没有督办" in text
    form = {"on": ON.isoformat(), "target": "430202", "subject_kind": "case", "subject": case.decision_no,
            "matter": "群众反映该案执行情况", "requirement": "核实并书面答复", "due": "2026-11-20"}
    # a due date not after the day of issue: refused in place with its basis, what was typed kept
    r = post(client, "city_head", "/supervision/orders/new", form, 409)
    assert "应当晚于下达日期" in r.content.decode() and "群众反映该案执行情况" in r.content.decode()
    # a case number 荷塘 does not have
    r = post(client, "city_head", "/supervision/orders/new", {**form, "subject": "无此案号", "due": "2026-12-05"}, 400)
    assert "没有立案编号或决定书文号" in r.content.decode()
    r = post(client, "city_head", "/supervision/orders/new", {**form, "due": "2026-12-05"})
    o = SupervisionOrder.objects.get()
    assert r["Location"] == f"/supervision/orders/{o.uuid}/" and o.case_id == case.pk and o.status == "open"
    url = f"/supervision/orders/{o.uuid}/"
    text = page(client, "hetang_head", url)
    assert 'id="do-answer"' in text and "群众反映该案执行情况" in text and f"/cases/{case.uuid}/" in text
    assert 'id="do-answer"' not in page(client, "city_head", url)
    # someone of another bureau cannot see it; 荷塘's officer sees nothing to do
    page(client, "lusong_head", url, 404)
    # the city's head tries to answer: refused for who, nothing changed
    post(client, "city_head", url + "do/answer", {"on": "2026-11-25", "answer": "代为答复"}, 403)
    assert SupervisionOrder.objects.get().status == "open"
    client.force_login(staff("hetang_head"))
    r = client.post(url + "do/answer", {"on": "2026-11-25", "answer": "已核实，当事人已缴清罚款。",
                                        "file": SimpleUploadedFile("答复.txt", "回执".encode(), "text/plain")})
    assert r.status_code == 302
    o = SupervisionOrder.objects.get()
    assert o.status == "answered" and o.answered_by.username == "hetang_head" and o.sha256
    text = page(client, "city_head", url)
    assert "按期答复" in text and 'id="do-close"' in text and 'id="do-send_back"' in text and "答复.txt" in text
    assert client.get(url + "file").status_code == 200
    # returning needs a reason
    r = post(client, "city_head", url + "do/send_back", {"on": "2026-11-26", "note": ""}, 409)
    assert "退回意见" in r.content.decode()
    post(client, "city_head", url + "do/close", {"on": "2026-11-26", "note": "答复属实，予以办结"})
    o = SupervisionOrder.objects.get()
    assert o.status == "closed" and o.closed_by.username == "city_head"
    text = page(client, "hetang_head", url)
    assert "已办结" in text and "当前无可办理环节" in text


def test_only_an_upper_bureau_issues_and_only_the_target_answers(api):
    case = closed_file(api)
    with pytest.raises(RuleViolation, match="上级机关"):
        actions.issue_order(by=staff("hetang_head"), on=ON, target=Bureau.objects.get(code="430202"),
                            subject_kind="case", subject=case.decision_no, matter="自查", requirement="答复",
                            due=date(2026, 12, 1))
    with pytest.raises(RuleViolation, match="上级机关"):
        actions.issue_order(by=staff("lusong_head"), on=ON, target=Bureau.objects.get(code="430202"),
                            subject_kind="case", subject=case.decision_no, matter="督办", requirement="答复",
                            due=date(2026, 12, 1))
    o = issue(case)
    for who in ("lusong_head", "hetang_officer1", "city_head"):
        with pytest.raises(RuleViolation) as e:
            actions.answer_order(o, by=staff(who), on=date(2026, 11, 24), answer="答复")
        assert e.value.at_guard, who
    actions.answer_order(o, by=staff("hetang_deputy"), on=date(2026, 11, 24), answer="答复")


def test_overdue_first_on_the_board_and_on_the_lower_bureaus_desk(client, api):
    case = closed_file(api)
    fresh = issue(case, due=date(2026, 12, 31), matter="按期")
    late = issue(case, due=date(2026, 11, 25), matter="逾期")
    text = page(client, "city_head", "/supervision/orders/")
    assert "逾期未答复1件" in text and text.index(f'id="o-{late.uuid}"') < text.index(f'id="o-{fresh.uuid}"')
    rows = [i for i in work_for(staff("hetang_head"), date(2026, 12, 1)) if i.context == "supervision-orders"]
    assert [i.record.pk for i in rows][0] == late.pk and rows[0].overdue and rows[0].overdue_days == 6
    assert not [i for i in work_for(staff("city_head"), date(2026, 12, 1)) if i.context == "supervision-orders"]


def test_open_orders_show_on_the_case_and_issue_pages_to_their_readers(client, api):
    """The case page and the 数字化城管 issue page show a row "督办" for each order not yet closed, with its due date,
    to those who may read the order (the issuer's and the target's staff with 执法监督 access), to nobody else."""
    from tests.citydesk.loop import issues_in_every_state

    case = closed_file(api)
    late = issue(case, due=date(2026, 11, 25), matter="逾期未答复的督办")
    url = f"/cases/{case.uuid}/"
    text = page(client, "hetang_head", url)
    assert "<dt>督办</dt>" in text and f"/supervision/orders/{late.uuid}/" in text and "2026-11-25前答复" in text
    assert "已逾期" in text
    assert "<dt>督办</dt>" not in page(client, "hetang_officer1", url)   # no 执法监督 access
    actions.answer_order(late, by=staff("hetang_head"), on=date(2026, 11, 26), answer="已核实")
    assert "已答复待审核" in page(client, "city_head", url)
    actions.close_order(late, by=staff("city_head"), on=date(2026, 11, 27))
    assert "<dt>督办</dt>" not in page(client, "city_head", url)
    i = next(x for x in issues_in_every_state() if x.status == "dispatched")
    o = actions.issue_order(by=staff("city_head"), on=ON, target=Bureau.objects.get(code="430202"),
                            subject_kind="issue", subject=i.tracking_code, matter="群众反复反映未处置",
                            requirement="限期处置并答复", due=date(2026, 12, 31))
    text = page(client, "hetang_head", f"/citydesk/i/{i.uuid}/")
    assert "<dt>督办</dt>" in text and f"/supervision/orders/{o.uuid}/" in text and "2026-12-31前答复" in text
    assert "<dt>督办</dt>" not in page(client, "city_commander", f"/citydesk/i/{i.uuid}/")   # the loop's roles
