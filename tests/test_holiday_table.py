"""DAY-07: a year's holiday table entered in the product from the State Council's notice, with its preview against
the weekends; the reminder from 1 November; the bureau's table wins over package data for the same year."""
from datetime import date

from chinese_calendar import constants

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event, HolidayYear
from fazhi.law.calendar import LawCalendar, SpecialDay
from fazhi.law.holiday_notice import parse_notice
from fazhi.org.models import Staff
from tests.test_api_scenarios import act, clue, ok
from tests.year_cases import (
    OFFICERS,
    _decided,
    _reported,
    clock_fixture,  # noqa: F401 — the `clock` fixture
)

D = date.fromisoformat

# The 2026 notice (国办发明电〔2025〕7号), as published: the parser must read it as the package has it.
NOTICE_2026 = """一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"""


def test_DAY_07_the_2026_notice_reads_as_the_package_has_it():
    n = parse_notice(2026, NOTICE_2026)
    assert n.problems == [] and n.warnings == []
    off = {d.day for d in n.days if d.is_off_day}
    on = {d.day for d in n.days if not d.is_off_day}
    assert off == {d for d in constants.holidays if d.year == 2026}
    assert on == {d for d in constants.workdays if d.year == 2026}
    assert {d.name for d in n.days if d.day == date(2026, 2, 14)} == {"春节"}


def test_DAY_07_preview_shows_the_weekends_and_flags_what_does_not_fit():
    n = parse_notice(2027, "一、元旦：1月1日（周五）至3日（周日）放假，共4天。1月5日（周二）上班。\n2027-01-06 上班\n说明文字")
    assert n.problems == ["未能从“说明文字”中读出放假或上班日期"]
    assert any("共4天" in w for w in n.warnings)  # the range gives 3
    assert any("01月05日" in w for w in n.warnings)  # a 调休 working day that is no weekend
    rows = {r["day"]: r for r in n.preview()}
    assert rows[date(2027, 1, 2)]["note"] == "本为周末" and rows[date(2027, 1, 1)]["note"] == "工作日放假"
    assert rows[date(2027, 1, 5)]["odd"] is True
    assert parse_notice(2027, "2026-12-31 放假 元旦").problems == ["“2026-12-31 放假 元旦”中的2026年12月31日不属于2027年"]
    assert parse_notice(2027, "一、元旦：1月1日放假。1月1日上班。").problems == ["01月01日既列为放假又列为上班"]


def test_DAY_07_a_year_the_bureau_entered_is_not_mixed_with_package_days():
    package = LawCalendar([SpecialDay(date(2031, 1, 1), True, "元旦"), SpecialDay(date(2031, 1, 2), True, "元旦"),
                           SpecialDay(date(2030, 10, 1), True, "国庆节")], [2030, 2031])
    cal = package.with_days([SpecialDay(date(2031, 1, 1), True, "元旦")], [2031])
    assert cal.is_working_day(date(2031, 1, 2)) is True   # the bureau's 2031 table has no 01-02: package day dropped
    assert cal.is_working_day(date(2031, 1, 1)) is False
    assert cal.is_working_day(date(2030, 10, 1)) is False  # a year the bureau did not enter: the package's


def test_DAY_07_leader_enters_next_year_from_the_notice_and_pending_deadlines_settle(api, clock, client):
    clock(D("2026-12-20"))
    c = clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")
    ok(act(api, "hetang_head", c, "file", on="2026-11-30", officers=OFFICERS))
    _decided(api, _reported(api, c), decide_on="2026-12-17")
    ok(act(api, "hetang_officer1", c, "serve", on="2026-12-18", method="direct", recipient="张三"))
    assert PenaltyCase.objects.get(uuid=c).payment_due is None
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    assert client.get("/calendar/holidays/").status_code == 403
    client.force_login(Staff.objects.get(username="hetang_head"))
    text = "2027-01-01 放假 元旦（测试数据）\n2027-01-02 放假 元旦（测试数据）\n2027-01-03 放假 元旦（测试数据）"
    page = client.post("/calendar/holidays/", {"year": "2027", "title": "测试数据（非国务院办公厅通知）", "text": text,
                                                "preview": "1"})
    assert page.status_code == 200 and "确认录入" in page.content.decode() and "本为周末" in page.content.decode()
    assert not HolidayYear.objects.exists()  # a preview saves nothing
    bad = client.post("/calendar/holidays/", {"year": "2027", "title": "", "text": text, "confirm": "1"})
    assert bad.status_code == 409 and not HolidayYear.objects.exists()  # all or nothing: no title, no table
    done = client.post("/calendar/holidays/", {"year": "2027", "title": "测试数据（非国务院办公厅通知）", "text": text,
                                                "confirm": "1"}, follow=True)
    assert done.status_code == 200 and "1件案件的期限已据此确定" in done.content.decode()
    assert HolidayYear.objects.get(year=2027).days.count() == 3
    assert PenaltyCase.objects.get(uuid=c).payment_due == date(2027, 1, 4)
    assert Event.objects.filter(stream="calendar:2027", kind="enter_holidays").count() == 1


def test_DAY_07_reminder_on_the_workbench_from_1_november_for_leaders(org, clock, client):
    head = Staff.objects.get(username="hetang_head")

    def workbench(day, who=head):
        clock(D(day))
        client.force_login(who)  # a fresh login each day: the session's idle timeout follows the clock
        page = client.get("/")
        assert page.status_code == 200
        return page.content.decode()

    assert "holiday-reminder" not in workbench("2026-10-31")
    page = workbench("2026-11-01")
    assert "holiday-reminder" in page and "2027年法定节假日安排尚未录入" in page
    assert "holiday-reminder" not in workbench("2026-11-01", Staff.objects.get(username="hetang_officer1"))
    HolidayYear.objects.create(year=2027, notice="测试数据（非国务院办公厅通知）")
    assert "holiday-reminder" not in workbench("2026-11-02")


def test_DAY_07_import_command_previews_then_saves_and_settles(api, clock, tmp_path):
    from io import StringIO

    import pytest
    from django.core.management import CommandError, call_command

    clock(D("2026-12-20"))
    c = clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")
    ok(act(api, "hetang_head", c, "file", on="2026-11-30", officers=OFFICERS))
    _decided(api, _reported(api, c), decide_on="2026-12-17")
    ok(act(api, "hetang_officer1", c, "serve", on="2026-12-18", method="direct", recipient="张三"))
    f = tmp_path / "2027.txt"
    f.write_text("一、元旦：1月1日（周五）至3日（周日）放假，共3天。", "utf-8")  # test data, not the notice
    out = StringIO()
    call_command("holidays", "2027", str(f), "--by", "hetang_head", stdout=out)
    assert "2027-01-02 周六 放假 元旦 本为周末" in out.getvalue() and not HolidayYear.objects.exists()
    with pytest.raises(CommandError):  # a notice needs its title
        call_command("holidays", "2027", str(f), "--by", "hetang_head", "--save", stdout=StringIO())
    out = StringIO()
    call_command("holidays", "2027", str(f), "--by", "hetang_head", "--save", "--title", "测试数据（非通知）", stdout=out)
    assert "1件案件的期限已据此确定" in out.getvalue()
    assert PenaltyCase.objects.get(uuid=c).payment_due == date(2027, 1, 4)
    with pytest.raises(CommandError):
        call_command("holidays", "2027", str(f), "--by", "hetang_officer1", "--save", "--title", "x", stdout=StringIO())
