"""The demo command centre: 株洲's four urban districts with their ~100 m unit grids (bundled boundaries,
data/boundaries-SOURCE.txt), the bundled 部件/事件 categories, handling units, the centre's staff, and issues from
every channel over the last weeks, each moved through the loop by the real actions (fixed seed)."""
from __future__ import annotations

import json
import random
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from fazhi.citydesk import actions as A
from fazhi.citydesk.importers import import_categories
from fazhi.citydesk.models import Category, Channel, Issue, RequestKind, Unit
from fazhi.core.calendar import law_calendar
from fazhi.law.workhours import add_work_minutes
from fazhi.org.models import Role, RoleGrant, Staff

DATA = Path(__file__).resolve().parent / "data"
DISTRICTS = [("hetang", "430202", "荷塘区"), ("lusong", "430203", "芦淞区"), ("shifeng", "430204", "石峰区"),
             ("tianyuan", "430211", "天元区")]
STREETS = ["建设中路", "新华西路", "人民北路", "红旗广场", "车站路", "神农大道", "长江北路", "合泰路", "芦淞大市场", "湘江风光带"]
FAULTS = {"暴露垃圾": "路边有一堆生活垃圾无人清理", "占道经营": "有摊贩占用人行道摆卖水果", "非法小广告": "电线杆上贴满小广告",
          "道路不洁": "路面有大片油污", "污水井盖": "井盖破损，有行人踩空危险", "机动车乱停放": "多辆小车停在人行道上",
          "施工扰民": "工地夜间施工噪声很大", "路灯": "一排路灯晚上不亮", "店外经营": "餐馆在店外摆桌经营"}


def _staff(bureau, username, full_name, role=None, password=None):
    from fazhi.org.demo import demo_password_hash

    s = Staff(username=username, full_name=full_name, bureau=bureau)
    if password:
        s.set_password(password)
    else:
        s.password = demo_password_hash()
    s.save()
    if role:
        RoleGrant.objects.create(staff=s, role=role)
    return Staff.objects.get(pk=s.pk)


def _working_moment(rng: random.Random, day) -> datetime:
    minute = rng.choice([rng.randint(8 * 60 + 10, 11 * 60 + 40), rng.randint(14 * 60 + 40, 17 * 60 + 10)])
    return timezone.make_aware(datetime.combine(day, time(minute // 60, minute % 60)))


def build_citydesk(staff, rng: random.Random, today, name) -> int:
    city = staff["city"].bureau
    regions = {}
    for slug, code, label in DISTRICTS:
        geometry = json.loads((DATA / f"{code}.geojson").read_text())
        regions[slug] = A.import_region(bureau=staff[slug].bureau, code=code, name=label, geometry=geometry)
    import_categories((DATA / "categories.csv").read_bytes(), "categories.csv")

    people = {"operators": [_staff(city, f"city_operator{i}", name(), Role.OPERATOR) for i in (1, 2)],
              "leaders": [_staff(city, f"city_shift{i}", name(), Role.SHIFT_LEADER) for i in (1, 2)],
              "dispatchers": [_staff(city, f"city_dispatcher{i}", name(), Role.DISPATCHER) for i in (1, 2)],
              "commander": _staff(city, "city_commander", name(), Role.COMMANDER)}
    patrol = {slug: [_staff(staff[slug].bureau, f"{slug}_patrol{i}", name(), Role.PATROLLER) for i in (1, 2)]
              for slug, _, _ in DISTRICTS}
    units = {}
    for slug, _, label in DISTRICTS:
        for duty, suffix, member in (("环境卫生", "环境卫生管理所", f"{slug}_huanwei"),
                                     ("城管执法", "城管执法大队", None)):
            u = Unit.objects.create(name=f"株洲市{label}{suffix}", duty=duty)
            u.regions.add(regions[slug])
            u.members.add(_staff(staff[slug].bureau, member, name()) if member else staff[slug].squad_leaders[0])
            units[(slug, duty)] = u
    for duty, uname, member in (("市政设施", "株洲市市政设施维护中心", "city_shizheng"),
                                ("园林绿化", "株洲市园林绿化处", "city_yuanlin")):
        u = Unit.objects.create(name=uname, duty=duty)
        u.members.add(_staff(city, member, name()))
        units[("city", duty)] = u

    cells = {slug: list(r.cells.only("row", "col")) for slug, r in regions.items()}
    cal = law_calendar()
    categories = list(Category.objects.all())
    common = [c for c in categories if c.name in FAULTS]
    now = timezone.now()
    days = [today - timedelta(days=d) for d in range(45, -1, -1)]
    days = [d for d in days if cal.is_working_day(d)]
    n = 0
    for k in range(240):
        day = days[min(len(days) - 1, int(len(days) * (k / 240) ** 0.7))]
        slug = rng.choice(DISTRICTS)[0]
        region = regions[slug]
        cell = cells[slug][rng.randrange(len(cells[slug]))]
        lng = region.grid_origin_lng + (cell.col + rng.random()) * region.grid_d_lng
        lat = region.grid_origin_lat + (cell.row + rng.random()) * region.grid_d_lat
        cat = rng.choice(common) if rng.random() < 0.7 else rng.choice(categories)
        channel = rng.choices([Channel.PATROL, Channel.SELF, Channel.HOTLINE, Channel.WEB, Channel.OPEN311],
                              [35, 8, 30, 15, 12])[0]
        at = _working_moment(rng, day) if k < 222 else now - timedelta(minutes=rng.randint(5, 240))
        if at > now:
            continue
        reporter = rng.choice(patrol[slug]) if channel in (Channel.PATROL, Channel.SELF) else None
        caller = channel == Channel.HOTLINE
        issue = A.report(channel=channel, category=cat, description=f"{rng.choice(STREETS)}附近{FAULTS.get(cat.name, cat.filing_condition)}",
                         lng=lng, lat=lat, wgs84=False, address=f"{region.name}{rng.choice(STREETS)}{rng.randint(1, 300)}号",
                         reporter_name=name() if caller else "", reporter_phone=f"138{rng.randint(10**7, 10**8 - 1)}" if caller else "",
                         callback=caller and rng.random() < 0.6, urgent=rng.random() < 0.1, by=reporter, at=at,
                         fixed="已现场劝离并清理" if channel == Channel.SELF else "")
        n += 1
        if channel == Channel.SELF:
            continue
        # A point near a boundary can lie in the neighbouring district: its own 监督员 check it (DCM-ROLE).
        located = next((sl for sl, r in regions.items() if r.pk == issue.region_id), slug)
        _advance(issue, rng, at, now, people, patrol[located], units, k, cal)
    return n


def _advance(issue: Issue, rng, at, now, people, patrollers, units, k, cal) -> None:
    """Move one issue as far along the loop as its age allows, with the side paths some issues take."""
    hours = issue.region.bureau.working_hours()

    def step(minutes):  # the centre works in working hours: each step lands inside them
        nonlocal at
        at = add_work_minutes(cal, hours, at, minutes)
        return at <= now

    if not step(rng.randint(5, 90)):
        return
    if k % 23 == 5:
        A.void(issue, by=rng.choice(people["operators"]), reason="经核实不属于城市管理问题", at=at)
        return
    issue = A.accept(issue, by=rng.choice(people["operators"]), at=at)
    if not step(rng.randint(5, 70)):
        return
    issue = A.register(issue, by=rng.choice(people["leaders"]), condition_met=True, at=at)
    if not step(rng.randint(5, 80)):
        return
    dispatcher = rng.choice(people["dispatchers"])
    issue = A.dispatch(issue, by=dispatcher, at=at)
    member = issue.unit.members.first()
    if k % 31 == 7 and step(30):  # a unit returns it: outside its remit
        issue = A.give_back(issue, by=member, reason="该点位属于市政道路养护范围，不属于本单位职责", at=at)
        if not step(40):
            return
        issue = A.dispatch(issue, by=people["leaders"][0], unit=units[("city", "市政设施")],
                           ruling="属地管理原则：道路设施由市政设施维护中心处置", at=at)
        member = issue.unit.members.first()
    if k % 29 == 3 and step(20):
        req = A.apply(issue, by=member, kind=RequestKind.EXTENSION, reason="需调度专用清运车辆", amount=1,
                      amount_unit="工作日", at=at)
        if not step(30):
            return
        A.review(req, by=people["leaders"][1], approve=True, opinion="同意延期1个工作日", at=at)
        issue.refresh_from_db()  # the approved extension moved due_at: a "late" handling counts from the new one
    if k % 53 == 11 and step(60):
        req = A.apply(issue, by=member, kind=RequestKind.SHELVE, reason="需纳入道路改造计划，短期内无法解决", at=at)
        if step(60):
            A.review(req, by=people["commander"], approve=True, opinion="同意挂账，纳入季度改造计划", at=at)
        return
    # Late on purpose only where a limit runs (a dispatch into a year without its holiday table has none yet).
    late = k % 9 == 4 and issue.due_at is not None
    # The shortest limit in the bundled categories is 2 工作时, so 15–110 working minutes is always in time.
    handle_at = add_work_minutes(cal, hours, issue.due_at, rng.randint(30, 600)) if late else \
        add_work_minutes(cal, hours, at, rng.randint(15, 110))
    if handle_at > now:
        return
    at = handle_at
    issue = A.handle(issue, by=member, feedback="已按要求处置完毕，附现场照片", at=at)
    if not step(rng.randint(20, 150)):
        return
    verifier = rng.choice(patrollers)
    if k % 17 == 2:
        issue = A.verify(issue, by=verifier, ok=False, note="现场仍有残留，未达到结案条件", at=at)
        if not step(rng.randint(30, 120)):
            return
        issue = A.handle(issue, by=member, feedback="已二次清理", at=at)
        if not step(60):
            return
    issue = A.verify(issue, by=verifier, ok=True, at=at)
    if not step(rng.randint(5, 60)):
        return
    issue = A.close(issue, by=rng.choice(people["leaders"]), at=at)
    if late and issue.timed_out and k % 2 == 0 and step(60):
        req = A.apply(issue, by=member, kind=RequestKind.APPEAL, reason="暴雨天气无法作业，已提供气象证明", at=at)
        if step(60):
            req = A.review(req, by=people["leaders"][0], approve=True, opinion="情况属实", at=at)
            if step(60):
                A.review(req, by=people["commander"], approve=k % 4 == 0, opinion="同意免于考核" if k % 4 == 0
                         else "天气原因不影响该项处置，不予支持", at=at)
    if issue.callback and step(rng.randint(60, 600)):
        unhappy = k % 13 == 0
        A.call_back(issue, by=rng.choice(people["operators"]), satisfaction="unsatisfied" if unhappy else
                    rng.choice(["satisfied", "satisfied", "basic"]), note="反映人称问题反复出现" if unhappy else "", at=at)
