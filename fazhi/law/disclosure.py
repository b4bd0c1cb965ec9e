"""公开 rules (PUB-03, PUB-04, PEN-29) and the masking of personal data on public pages.

The public never sees an ID number, a phone number or a home address; a natural person's name is shown masked
(王** / 欧阳**). Text published from a record is also scrubbed, so an ID or phone number typed into 违法事实
does not leak."""
from __future__ import annotations

import re
from datetime import date

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import add_working_days

PUBLISH_WD = 7      # PUB-03: 行政处罚 decisions within 7 working days of the decision
WITHDRAW_WD = 3     # PEN-29 (Art 48 + 85): a changed or revoked decision withdrawn within 3 working days

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯")


def mask_name(name: str) -> str:
    name = name.strip()
    keep = 2 if name.startswith(COMPOUND_SURNAMES) and len(name) > 2 else 1
    return name[:keep] + "*" * max(1, len(name) - keep)


def scrub(text: str) -> str:
    """Remove ID numbers and phone numbers from free text."""
    text = ID_NUMBER.sub("[身份证号已隐去]", text or "")
    text = MOBILE.sub("[电话已隐去]", text)
    return LANDLINE.sub("[电话已隐去]", text)


def publish_due(cal: LawCalendar, decided_on: date) -> date:
    return add_working_days(cal, decided_on, PUBLISH_WD)


def withdraw_due(cal: LawCalendar, changed_on: date) -> date:
    return add_working_days(cal, changed_on, WITHDRAW_WD)
