"""The action write path (docs/architecture.md, "The write path is the case row"): what an action changes is
what gets stored, the chain head on the row continues the event chain, and the cached calendar follows the
bureau's own holiday entries."""
from datetime import date

import pytest

from fazhi.cases.models import PenaltyCase
from fazhi.core.calendar import law_calendar
from fazhi.core.events import verify_all
from fazhi.core.models import Event, HolidayYear, SpecialDay
from fazhi.law.calendar import CalendarUnknown
from tests.test_api_scenarios import act, ok, unpaid_decision


def test_PEN_18_appeal_pause_changed_in_place_is_stored(api):
    c = unpaid_decision(api)
    from tests.disputes.helpers import end_on_case
    from tests.disputes.helpers import ok as dispute_ok

    d, result = end_on_case(api, c, filed_on="2026-04-01", ended_on="2026-05-01", result="维持")
    number = dispute_ok(result)["number"]
    pauses = PenaltyCase.objects.get(uuid=c).late_fee_pauses
    # dispute_ended edits the open pause inside the stored list: the change must reach the database.
    assert pauses == [{"start": "2026-04-01", "end": "2026-05-01", "kind": "reconsideration",
                       "body": "株洲市荷塘区人民政府", "dispute": d, "result": f"行政复议（{number}）：维持"}]


def test_chain_head_on_the_row_continues_the_chain(api):
    c = unpaid_decision(api)
    case = PenaltyCase.objects.get(uuid=c)
    events = list(Event.objects.filter(stream=case.stream).order_by("seq"))
    assert [e.seq for e in events] == list(range(1, case.version + 1))
    assert case.chain_head == events[-1].hash
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert list(verify_all()) == []


def test_deadlines_stored_on_the_case_follow_each_action(api):
    c = unpaid_decision(api, served_on="2026-03-16")
    case = PenaltyCase.objects.get(uuid=c)
    assert case.deadlines == [{"rule": "PEN-17", "label": "缴纳罚款", "due": "2026-03-31", "unknown_reason": ""}]
    assert case.next_due == date(2026, 3, 31) and case.next_due_rule == "PEN-17"
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-03-20", fine_paid="5000"))
    case.refresh_from_db()
    assert case.deadlines == [] and case.next_due is None


def test_DAY_07_bureau_entered_year_is_used_at_once(db):
    with pytest.raises(CalendarUnknown):  # unknown until the bureau enters it
        law_calendar().is_working_day(date(2031, 1, 1))
    year = HolidayYear.objects.create(year=2031, notice="国办发明电〔2030〕X号（测试）")
    SpecialDay.objects.create(year=year, day=date(2031, 1, 1), is_off_day=True, name="元旦")
    cal = law_calendar()
    assert cal.is_working_day(date(2031, 1, 1)) is False
    assert cal.is_working_day(date(2031, 1, 2)) is True  # a Thursday
