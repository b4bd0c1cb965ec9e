"""数字化城管 foundations: GCJ-02 ↔ WGS-84, districts and the generated unit grid over the real 株洲 boundaries,
and 处置时限 in 工作时/工作日 on the law calendar — including, for every statutory holiday of the current year,
the 1-工作日 issue dispatched at 17:00 on the last working day before it."""
import json
from datetime import date, datetime, time, timedelta

import pytest

from fazhi.law.calendar import default_calendar
from fazhi.law.geo import Area, gcj02_to_wgs84, metres_between, tile, wgs84_to_gcj02
from fazhi.law.workhours import WorkingHours, add_work_minutes, due
from tests.shared import SHARED

BOUNDARIES = SHARED / "data" / "hunan-boundaries"
CAL = default_calendar()
HOURS = WorkingHours()


def area(code):
    return Area.from_geojson(json.loads((BOUNDARIES / f"{code}.geojson").read_text()))


def test_gcj02_shift_and_round_trip():
    lng, lat = 113.17, 27.86                     # WGS-84, in 株洲
    g = wgs84_to_gcj02(lng, lat)
    assert 400 < metres_between((lng, lat), g) < 800   # the published offset is hundreds of metres here
    back = gcj02_to_wgs84(*g)
    assert metres_between(back, (lng, lat)) < 0.01
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)  # outside China: unchanged


def test_districts_partition_the_city():
    districts = [area(c) for c in ("430202", "430203", "430204", "430211", "430212")]
    city = area("430200")
    hetang_point = wgs84_to_gcj02(113.17, 27.86)
    assert districts[0].contains(*hetang_point) and city.contains(*hetang_point)
    assert sum(d.contains(*hetang_point) for d in districts) == 1
    assert not districts[0].contains(112.9, 28.2)  # 长沙


def test_generated_grid_codes_and_assignment():
    g = tile("430202", area("430202"))
    codes = sorted(g.cells.values())
    assert len(codes) > 10_000 and len(set(codes)) == len(codes)
    assert all(len(c) == 15 and c.startswith("430202000") for c in codes)
    p = wgs84_to_gcj02(113.17, 27.86)
    cell = g.cell_of(*p)
    row, col = next(k for k, v in g.cells.items() if v == cell)
    centre = g.centre(row, col)
    assert metres_between(centre, p) < 75           # within the ~100 m cell
    assert g.assign([p, (112.9, 28.2)]) == [cell, None]


def test_work_hours_skip_lunch_nights_and_weekends():
    fri_1700 = datetime(2026, 3, 6, 17, 0)            # a Friday
    assert add_work_minutes(CAL, HOURS, fri_1700, 30) == datetime(2026, 3, 6, 17, 30)
    assert add_work_minutes(CAL, HOURS, fri_1700, 31) == datetime(2026, 3, 9, 8, 1)   # Monday
    assert add_work_minutes(CAL, HOURS, datetime(2026, 3, 9, 11, 0), 120) == datetime(2026, 3, 9, 15, 30)
    assert due(CAL, HOURS, datetime(2026, 3, 9, 11, 0), 2, "工作时") == datetime(2026, 3, 9, 15, 30)
    assert due(CAL, HOURS, datetime(2026, 3, 6, 9, 0), 1, "工作日") == datetime(2026, 3, 9, 17, 30)


def holiday_blocks(year: int):
    """The statutory holidays of the year as published (shared/data/holiday-cn), as runs of consecutive days."""
    days = json.loads((SHARED / "data" / "holiday-cn" / f"{year}.json").read_text("utf-8"))["days"]
    off = sorted(date.fromisoformat(d["date"]) for d in days if d["isOffDay"])
    blocks, current = [], [off[0]]
    for d in off[1:]:
        if d - current[-1] <= timedelta(days=3):  # a weekend may sit inside a holiday block
            current.append(d)
        else:
            blocks.append(current)
            current = [d]
    blocks.append(current)
    return blocks


def working(d: date, year_days: dict) -> bool:
    if d in year_days:
        return not year_days[d]
    return d.weekday() < 5


@pytest.mark.parametrize("block", holiday_blocks(2026), ids=lambda b: f"{b[0]}")
def test_one_working_day_issue_dispatched_1700_before_each_2026_holiday(block):
    days = {date.fromisoformat(d["date"]): d["isOffDay"] for d in json.loads(
        (SHARED / "data" / "holiday-cn" / "2026.json").read_text("utf-8"))["days"]}
    before = block[0] - timedelta(days=1)
    while not working(before, days):
        before -= timedelta(days=1)
    after = block[-1] + timedelta(days=1)
    while not working(after, days):
        after += timedelta(days=1)
    dispatched = datetime.combine(before, time(17, 0))
    assert due(CAL, HOURS, dispatched, 1, "工作日") == datetime.combine(after, time(17, 30))
