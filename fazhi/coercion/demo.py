"""The demo's 行政强制 in the 荷塘 district bureau, through the actions, dates relative to today: a 扣押 confiscated
within its 30 days, one extended and then released, one running, an emergency 扣押 awaiting the 局长's approval within
24 hours, a request awaiting approval; a rooftop structure demolished by the bureau after the 复议/诉讼 periods lapsed,
and one served its 催告. Synthetic places and items only. A step that the calendar cannot settle yet (a year without its
holiday table) is left for later rather than guessed."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.cases.models import OPEN_STATUSES, PenaltyCase
from fazhi.coercion import actions as A
from fazhi.core.calendar import law_calendar
from fazhi.law import coercion as R
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Role

PLACES = ["荷塘区人民路88号门前", "荷塘区新华西路东侧人行道", "荷塘区建设中路夜市", "荷塘区红旗北路12号"]
ITEMS = [["电动三轮车1辆", "占道经营货架2个"], ["流动烧烤车1台", "液化气罐1个（空）"], ["户外广告灯箱1块"],
         ["占道摆放的钢管30根"], ["无照经营的小吃推车1辆"]]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _officers(case, on: date) -> list:
    """The case's 承办人员 certified on `on`, enforcement officers first."""
    rows = [o.staff for o in case.officers.select_related("staff").filter(recused_on__isnull=True)]
    return [s for s in rows if s.has_role(Role.OFFICER, Role.SQUAD_LEADER) and s.is_certified_on(on)]


def _site(people, at: datetime, video: str) -> dict:
    return {"at": at, "officers": [p.username for p in people], "showed_ids": True, "party_present": True,
            "told_rights": True, "heard_statement": True, "statement": "当事人表示配合调查。", "signed": True,
            "handed_over": True, "no_necessities": True, "video": video}


def _seizure(case, head, today: date, k: int, *, taken: int, end: str = "", extend: bool = False,
             emergency: bool = False, approve: bool = True):
    """One 扣押 taken `taken` days ago on `case`, then ended as `end` (confiscate, release) or left running."""
    on = today - timedelta(days=taken)
    people = _officers(case, on)
    if len(people) < 2 or case.filed_on is None or case.filed_on > on:
        return None
    by, items = people[0], ITEMS[k % len(ITEMS)]
    common = {"kind": "detain", "reason": "占道经营，经责令改正拒不改正，为防止证据灭失",
              "basis_text": "《湖南省城市综合管理条例》第五十二条", "place": PLACES[k % len(PLACES)], "items": items}
    video = f"执法记录仪{k + 1:02d}号 {on:%Y%m%d}第1段"
    if emergency:
        at = _at(on, 16)
        if at > timezone.now():
            return None
        return A.take(case, by=by, on=on, emergency="当事人正在转移涉案物品", **common, **_site(people, at, video))
    m = A.take(case, by=by, on=on, **common)
    if not approve:
        return m
    m = A.approve(m, by=head, on=on, at=_at(on, 8, 30))
    m = A.seize(m, by=by, on=on, **_site(people, _at(on, 10), video))
    if extend:
        m = A.extend(m, by=head, on=on + timedelta(days=25), reason="涉案物品权属需向市场监管部门核查，情况复杂")
    if end == "confiscate":
        m = A.dispose(m, by=head, on=on + timedelta(days=20), outcome="confiscated",
                      reason="无照经营的物品，依法没收")
    elif end == "release":
        m = A.release(m, by=head, on=on + timedelta(days=35 if extend else 15),
                      ground="对违法行为已经作出处理决定，不再需要查封、扣押")
    return m


def _workday_after(day: date) -> date | None:
    """The first working day after `day` in a year whose holiday table is known (None where it is not)."""
    cal = law_calendar()
    d = day + timedelta(days=1)
    for _ in range(20):
        if d.year not in cal.known_years:
            return None
        if cal.is_working_day(d):
            return d
        d += timedelta(days=1)
    return None


def _demolition(case, head, today: date, *, execute: bool):
    served = case.served_on
    people = _officers(case, today)
    if served is None or len(people) < 2:
        return None
    by = people[0]
    start = served + timedelta(days=3)
    m = A.start_demolition(case, by=by, on=start, government_order="荷政函〔2026〕号 关于责成拆除违法建设的通知",
                           structure="楼顶违法加建彩钢板房", place="荷塘区新华西路12号楼顶", area=Decimal("86.50"),
                           reason="未取得建设工程规划许可证擅自建设，限期拆除决定送达后逾期未拆除")
    m = A.announce(m, by=by, on=start + timedelta(days=1), deadline=start + timedelta(days=15))
    m = A.demand(m, by=by, on=start + timedelta(days=16), deadline=start + timedelta(days=26),
                 method="自行拆除违法建筑物并清理现场", statement_rights=True)
    if not execute:
        return m
    lapse = R.appeal_periods_end(law_calendar(), served)
    day = _workday_after(lapse.due) if lapse.due and not lapse.provisional else None
    if day is None or day >= today:
        return m
    crew = _officers(case, day)
    if len(crew) < 2:
        return m
    return A.execute(m, by=crew[0], on=day, started_at=_at(day, 9), ended_at=_at(day, 11, 30),
                     officers=[p.username for p in crew], decided_by=head.username, area=Decimal("86.50"),
                     video="执法记录仪03号、07号 全程录像")


def build_measures(staff, rng, today: date) -> int:
    b = staff.get("hetang")
    if b is None:
        return 0
    head = b.head
    n = 0
    running = list(PenaltyCase.objects.filter(bureau=b.bureau, status__in=OPEN_STATUSES, procedure="general")
                   .exclude(filed_on=None).order_by("filed_on", "id"))
    plan = [dict(taken=60, end="confiscate"), dict(taken=80, end="release", extend=True), dict(taken=10),
            dict(taken=1, emergency=True), dict(taken=1, approve=False)]
    for k, kw in enumerate(plan):
        for case in running:
            try:
                with transaction.atomic():  # all of the measure or none of it
                    m = _seizure(case, head, today, k, **kw)
            except RuleViolation:  # a case this step does not fit (its dates): the next one
                m = None
            if m is not None:
                n += 1
                break
    served = list(PenaltyCase.objects.filter(bureau=b.bureau, status__in=OPEN_STATUSES)
                  .exclude(served_on=None).order_by("served_on", "id"))
    for execute, pool in ((True, served), (False, served[::-1])):
        for case in pool:
            try:
                with transaction.atomic():
                    m = _demolition(case, head, today, execute=execute)
            except RuleViolation:
                m = None
            if m is not None:
                n += 1
                break
    return n
