"""Reading the State Council's annual holiday notice (国务院办公厅关于某年部分节假日安排的通知, DAY-07) into days.

The notice is short and regular: one line per festival, e.g.

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

A sentence with 放假 names a range of days off ("M月D日至[M月]D日", or one day); a sentence with 上班 names the 调休
working days. A bureau may also type one day per line ("2027-01-01 放假 元旦", "2027-01-04 上班"). Nothing is
guessed: a line that names no date is reported back, and the preview compares every day with the weekends, so
the person entering it sees a day off that was a weekend anyway, a 调休 working day that is not a weekend, or a
total that does not match the notice's "共N天".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fazhi.law.calendar import SpecialDay

WEEKDAYS = "一二三四五六日"
_PARENS = re.compile(r"[（(][^）)]*[）)]")
_ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")
_RANGE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:\s*[至到—－~-]\s*(?:(\d{1,2})月)?(\d{1,2})日)?")
_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+(放假|休息|上班|调休上班|工作)\s*(\S*)\s*$")
_TOTAL = re.compile(r"共\s*(\d+)\s*天")


@dataclass
class Notice:
    year: int
    days: list[SpecialDay] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # refuse to save while any remains
    warnings: list[str] = field(default_factory=list)   # shown in the preview; the person confirms

    def preview(self) -> list[dict[str, Any]]:
        """Each day against the weekend, in date order, as the form shows it before saving."""
        out = []
        for d in sorted(self.days, key=lambda d: d.day):
            weekend = d.day.weekday() >= 5
            note = ""
            if d.is_off_day and weekend:
                note = "本为周末"
            elif d.is_off_day:
                note = "工作日放假"
            elif weekend:
                note = "周末调休上班"
            else:
                note = "本为工作日，调休上班无意义，请核对"
            out.append({"day": d.day, "weekday": f"周{WEEKDAYS[d.day.weekday()]}", "off": d.is_off_day,
                        "kind": "放假" if d.is_off_day else "上班", "name": d.name, "note": note,
                        "odd": not d.is_off_day and not weekend})
        return out


def _day(year: int, month: int, day: int, problems: list[str], line: str) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        problems.append(f"“{line}”中的{month}月{day}日不是有效日期")
        return None


def parse_notice(year: int, text: str) -> Notice:
    """The special days of `year` from the notice's lines (or one-day-per-line entries)."""
    n = Notice(year)
    seen: dict[date, SpecialDay] = {}

    def add(d: date, off: bool, name: str, line: str) -> None:
        if d.year != year:
            n.problems.append(f"“{line}”中的{d:%Y年%m月%d日}不属于{year}年")
            return
        if d in seen and seen[d].is_off_day != off:
            n.problems.append(f"{d:%m月%d日}既列为放假又列为上班")
            return
        seen[d] = SpecialDay(d, off, name)

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        iso = _ISO.match(line)
        if iso:
            y, m, d, kind, name = iso.groups()
            day = _day(int(y), int(m), int(d), n.problems, line)
            if day:
                add(day, kind in ("放假", "休息"), name or "", line)
            continue
        body = _ORDINAL.sub("", line)
        name, _, rest = body.partition("：") if "：" in body else body.partition(":")
        if not rest:
            name, rest = "", body
        name = name.strip()
        plain = _PARENS.sub("", rest)
        found = False
        for sentence in re.split(r"[。；;]", plain):
            if "放假" in sentence or "休息" in sentence:
                for m in _RANGE.finditer(sentence):
                    found = True
                    m1, d1, m2, d2 = m.groups()
                    start = _day(year, int(m1), int(d1), n.problems, line)
                    end = _day(year, int(m2 or m1), int(d2 or d1), n.problems, line) if d2 else start
                    if start is None or end is None:
                        continue
                    if end < start:
                        n.problems.append(f"“{line}”的放假起止日期颠倒")
                        continue
                    count = (end - start).days + 1
                    total = _TOTAL.search(sentence)
                    if total and int(total.group(1)) != count:
                        n.warnings.append(f"{name or line}：通知写明共{total.group(1)}天，按起止日期为{count}天，请核对")
                    for i in range(count):
                        add(start + timedelta(days=i), True, name, line)
            elif "上班" in sentence or "工作" in sentence:
                for m in _DAY.finditer(sentence):
                    found = True
                    day = _day(year, int(m.group(1)), int(m.group(2)), n.problems, line)
                    if day:
                        add(day, False, name, line)
        if not found:
            n.problems.append(f"未能从“{line}”中读出放假或上班日期")
    n.days = sorted(seen.values(), key=lambda d: d.day)
    if not n.days and not n.problems:
        n.problems.append("请粘贴通知中各节日的放假、上班安排")
    for d in n.days:
        if not d.is_off_day and d.day.weekday() < 5:
            n.warnings.append(f"{d.day:%m月%d日}（周{WEEKDAYS[d.day.weekday()]}）本为工作日，列为调休上班，请核对")
    return n
