"""Builders of 督办单 (SUP-05) in every state of their table, shared by the generated workflow test, the desk crawl
and the page tests: the city bureau's orders on a closed 荷塘 case."""
from datetime import date

from fazhi.org.models import Bureau
from fazhi.supervision import actions
from fazhi.supervision.models import SupervisionOrder
from tests.supervision.helpers import staff
from tests.supervision.test_review import closed_file

ON = date(2026, 11, 20)


def issue(case, *, due=date(2026, 12, 31), on=ON, by="city_head", matter="当事人反映罚款执行情况"):
    return actions.issue_order(by=staff(by), on=on, target=Bureau.objects.get(code="430202"), subject_kind="case",
                               subject=case.decision_no or case.case_no, matter=matter,
                               requirement="核实办理情况，依法处理并书面答复", due=due)


def order_samples(api, clock=None):
    """An open order, an overdue one, an answered one, a closed one and one returned for another answer."""
    case = closed_file(api)
    head = staff("hetang_head")
    fresh = issue(case)
    late = issue(case, due=date(2026, 11, 25), matter="逾期未答复的督办")
    answered = issue(case)
    actions.answer_order(answered, by=head, on=date(2026, 11, 24), answer="已核实，罚款已缴清")
    closed = issue(case, by="city_reviewer")
    actions.answer_order(closed, by=head, on=date(2026, 11, 24), answer="已核实")
    actions.close_order(closed, by=staff("city_reviewer"), on=date(2026, 11, 26))
    returned = issue(case)
    actions.answer_order(returned, by=head, on=date(2026, 11, 24), answer="已处理")
    actions.send_back_order(returned, by=staff("city_head"), on=date(2026, 11, 25), note="未说明处理结果")
    return [SupervisionOrder.objects.get(pk=o.pk) for o in (fresh, late, answered, closed, returned)]
