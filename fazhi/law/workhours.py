"""处置时限 in 工作时 and 工作日 (数字化城管, legal-rules B.5), on the law calendar.

Working hours are per bureau (default 08:00–12:00 and 14:30–17:30). A limit in 工作时 runs only inside working
periods of working days. A limit of N 工作日 ends at the close of the Nth working day after the day the issue was
dispatched (the dispatch day is not counted, as DAY-05 counts periods), so an issue dispatched at 17:00 on the last
working day before a holiday with a 1-工作日 limit is due at the close of the first working day after it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import add_working_days

DEFAULT_PERIODS = ((time(8, 0), time(12, 0)), (time(14, 30), time(17, 30)))


@dataclass(frozen=True)
class WorkingHours:
    periods: tuple[tuple[time, time], ...] = DEFAULT_PERIODS

    def __post_init__(self) -> None:
        last = None
        for start, end in self.periods:
            if not start < end or (last and start < last):
                raise ValueError("工作时段应按时间先后排列且不重叠")
            last = end

    @property
    def close(self) -> time:
        return self.periods[-1][1]

    def minutes_per_day(self) -> int:
        return sum((e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for s, e in self.periods)


def parse_periods(text: str) -> WorkingHours:
    """A bureau's working periods from "08:00-12:00,14:30-17:30"."""
    periods = []
    for part in text.replace("，", ",").split(","):
        try:
            a, b = (time.fromisoformat(x.strip()) for x in part.split("-"))
        except ValueError as e:
            raise ValueError(f"工作时段“{part.strip()}”格式不正确，应如 08:00-12:00") from e
        periods.append((a, b))
    if not periods:
        raise ValueError("请至少设置一个工作时段")
    return WorkingHours(tuple(periods))


def add_work_minutes(cal: LawCalendar, hours: WorkingHours, start: datetime, minutes: int) -> datetime:
    """The moment `minutes` of working time after `start` (time outside working periods does not count)."""
    if minutes < 0:
        raise ValueError("时限不能为负")
    tz = start.tzinfo
    day, now = start.date(), start.time().replace(tzinfo=None)
    left = minutes
    while True:
        if cal.is_working_day(day):
            for s, e in hours.periods:
                if now >= e:
                    continue
                begin = max(now, s)
                span = (e.hour * 60 + e.minute) - (begin.hour * 60 + begin.minute)
                if left <= span:
                    t = datetime.combine(day, begin) + timedelta(minutes=left)
                    return t.replace(tzinfo=tz)
                left -= span
        day, now = day + timedelta(days=1), time(0, 0)


def due(cal: LawCalendar, hours: WorkingHours, dispatched: datetime, amount: int, unit: str) -> datetime:
    """The 处置 deadline for a limit of `amount` in `unit` ("工作时" or "工作日")."""
    if unit == "工作时":
        return add_work_minutes(cal, hours, dispatched, amount * 60)
    if unit == "工作日":
        last = add_working_days(cal, dispatched.date(), amount)
        return datetime.combine(last, hours.close).replace(tzinfo=dispatched.tzinfo)
    raise ValueError(f"未知的时限单位：{unit}")
