"""§A.4 行政强制 as the bureau takes it (fazhi/law/coercion.py): boundary tests per rule ID — before, on and after
each limit."""
from datetime import date, datetime

import pytest

from fazhi.law import coercion as C
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar

CAL = default_calendar()
SEIZED = date(2026, 6, 1)  # Monday: day 30 is Wed 1 July, day 60 Fri 31 July, day 61 Saturday — no roll at either end


def refused(code):
    return pytest.raises(RuleViolation, match=code)


def test_ENF_03_seizure_on_day_30_and_31_without_the_extension():
    limit = C.seizure_limit(CAL, SEIZED, extended=False)
    assert limit.due == date(2026, 7, 1) and not limit.provisional
    C.check_within_limit(limit, date(2026, 7, 1), "作出处理决定")           # day 30
    with refused("ENF-03"):
        C.check_within_limit(limit, date(2026, 7, 2), "作出处理决定")       # day 31


def test_ENF_03_seizure_on_day_31_and_60_61_with_the_extension():
    limit = C.seizure_limit(CAL, SEIZED, extended=True)
    assert limit.due == date(2026, 7, 31)
    C.check_within_limit(limit, date(2026, 7, 2), "作出处理决定")           # day 31: in time with the extension
    C.check_within_limit(limit, date(2026, 7, 31), "作出处理决定")          # day 60
    with refused("ENF-03"):
        C.check_within_limit(limit, date(2026, 8, 1), "作出处理决定")       # day 61


def test_ENF_03_one_extension_with_reasons():
    C.check_extension(extended=False, reason="需要技术鉴定，情况复杂")
    with refused("ENF-03"):
        C.check_extension(extended=True, reason="再次延长")
    with refused("ENF-03"):
        C.check_extension(extended=False, reason=" ")


def test_ENF_03_DAY_07_a_limit_into_a_year_without_its_table_is_provisional_and_never_raises():
    limit = C.seizure_limit(CAL, date(2026, 12, 20), extended=False)
    assert limit.provisional and limit.due == date(2027, 1, 19) and "顺延" in limit.note
    C.check_within_limit(limit, date(2026, 12, 28), "延长期限")              # before the unrolled day: in time
    C.check_within_limit(limit, date(2027, 1, 19), "延长期限")
    with refused("DAY-07"):
        C.check_within_limit(limit, date(2027, 1, 20), "延长期限")


def test_ENF_02_emergency_report_at_hour_24_and_25():
    taken = datetime(2026, 6, 1, 10, 0)
    assert C.report_deadline(taken) == datetime(2026, 6, 2, 10, 0)
    C.check_emergency_report(taken, datetime(2026, 6, 2, 10, 0))           # hour 24: in time
    with refused("ENF-02"):
        C.check_emergency_report(taken, datetime(2026, 6, 2, 11, 0))       # hour 25: too late, lift the measure
    with refused("ENF-02"):
        C.check_emergency_report(taken, datetime(2026, 6, 1, 9, 0))


def test_ENF_01_two_certified_officers_and_the_site_record():
    C.check_officers([True, True])
    with refused("ENF-01"):
        C.check_officers([True])
    with refused("ENF-01"):
        C.check_officers([True, False])
    good = C.SiteRecord(True, False, "王五（社区网格员）", True, True, True, True, True, "记录仪0231-0615-01")
    C.check_site_record(good)
    with refused("ENF-01"):   # the party absent and no witness
        C.check_site_record(C.SiteRecord(True, False, "", True, True, True, True, True, "v"))
    with refused("ENF-03"):   # 决定书 and 清单 not handed over
        C.check_site_record(C.SiteRecord(True, True, "", True, True, True, False, True, "v"))
    with refused("ENF-03"):   # 生活必需品
        C.check_site_record(C.SiteRecord(True, True, "", True, True, True, True, False, "v"))
    with refused("REC-01"):
        C.check_site_record(C.SiteRecord(True, True, "", True, True, True, True, True, ""))


SERVED = date(2026, 3, 2)  # 6-month 起诉期限 ends Wed 2 September 2026 (the 60-day 复议 period earlier)


def _demolish(on, **kw):
    args = {"served_on": SERVED, "notice_on": date(2026, 3, 10), "notice_deadline": date(2026, 3, 20),
            "dispute_open": False, **kw}
    C.check_demolition_day(CAL, on=on, **args)


def test_ENF_06_demolition_one_day_before_and_on_the_day_the_periods_lapse():
    assert C.appeal_periods_end(CAL, SERVED).due == date(2026, 9, 2)
    with refused("ENF-06"):
        _demolish(date(2026, 9, 1))
    with refused("ENF-06"):
        _demolish(date(2026, 9, 2))   # the last day of the 起诉期限: the period has not lapsed yet
    _demolish(date(2026, 9, 3))       # the day the periods have lapsed


def test_ENF_06_notice_deadline_dispute_and_service():
    with refused("ENF-06"):
        _demolish(date(2026, 9, 3), notice_on=None)
    with refused("ENF-06"):
        _demolish(date(2026, 9, 3), notice_deadline=date(2026, 9, 3))
    with refused("ENF-06"):
        _demolish(date(2026, 9, 3), dispute_open=True)
    with refused("ENF-06"):
        _demolish(date(2026, 9, 3), served_on=None)
    with refused("ENF-06"):
        C.check_notice(on=date(2026, 3, 10), deadline=date(2026, 3, 10))


def test_ENF_06_DAY_07_periods_into_a_year_without_its_table():
    served = date(2026, 12, 1)
    end = C.appeal_periods_end(CAL, served)
    assert end.provisional and end.due == date(2027, 6, 1)
    with refused("ENF-06"):
        _demolish(date(2027, 6, 1), served_on=served, notice_deadline=date(2027, 1, 5))
    with refused("DAY-07"):
        _demolish(date(2027, 6, 2), served_on=served, notice_deadline=date(2027, 1, 5))


def test_ENF_05_execution_at_21_59_22_00_and_06_00():
    C.check_execution_time(CAL, datetime(2026, 3, 2, 21, 59), datetime(2026, 3, 2, 22, 0))
    with refused("ENF-05"):
        C.check_execution_time(CAL, datetime(2026, 3, 2, 22, 0), datetime(2026, 3, 2, 23, 0))
    C.check_execution_time(CAL, datetime(2026, 3, 3, 6, 0), datetime(2026, 3, 3, 9, 0))
    with refused("ENF-05"):
        C.check_execution_time(CAL, datetime(2026, 3, 3, 5, 59), datetime(2026, 3, 3, 9, 0))
    with refused("ENF-05"):   # begun by day, run into the night
        C.check_execution_time(CAL, datetime(2026, 3, 2, 20, 0), datetime(2026, 3, 2, 22, 1))


def test_ENF_05_execution_on_a_statutory_holiday_and_in_an_emergency():
    with refused("ENF-05"):
        C.check_execution_time(CAL, datetime(2026, 10, 2, 9, 0), datetime(2026, 10, 2, 11, 0))
    C.check_execution_time(CAL, datetime(2026, 10, 2, 9, 0), datetime(2026, 10, 2, 11, 0), emergency="危房随时倒塌")
    C.check_execution_time(CAL, datetime(2026, 10, 2, 23, 0), datetime(2026, 10, 3, 1, 0), emergency="危房随时倒塌")
    C.check_execution_time(CAL, datetime(2026, 3, 8, 9, 0), datetime(2026, 3, 8, 11, 0))   # a Sunday is no holiday
    C.check_execution_time(CAL, datetime(2026, 9, 20, 9, 0), datetime(2026, 9, 20, 11, 0))  # a 调休 working Sunday


def test_ENF_05_DAY_07_a_year_without_its_table():
    with refused("ENF-05"):   # 元旦 is a holiday whatever the notice says
        C.check_execution_time(CAL, datetime(2027, 1, 1, 9, 0), datetime(2027, 1, 1, 11, 0))
    assert C.check_execution_time(CAL, datetime(2027, 3, 2, 9, 0), datetime(2027, 3, 2, 11, 0)) is True


def test_ENF_08_agreement_stages_and_reduced_late_fee_only_after_remedy():
    C.check_agreement(stages="10日内拆除二层，20日内拆除一层", remedied=False, reduction="", no_harm=True)
    C.check_agreement(stages="", remedied=True, reduction="500.00", no_harm=True)
    with refused("ENF-08"):
        C.check_agreement(stages="", remedied=False, reduction="500.00", no_harm=True)
    with refused("ENF-08"):
        C.check_agreement(stages="分期", remedied=False, reduction="", no_harm=False)
    with refused("ENF-08"):
        C.check_agreement(stages="", remedied=False, reduction="", no_harm=True)


def test_REC_01_demolition_needs_continuous_audio_video():
    C.check_execution_record(video="记录仪0902-01至03", officers=[True, True])
    with refused("REC-01"):
        C.check_execution_record(video="", officers=[True, True])
    with refused("ENF-01"):
        C.check_execution_record(video="v", officers=[True])
