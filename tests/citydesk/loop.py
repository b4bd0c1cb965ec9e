"""The demo's loop personas and one 荷塘 issue in every state of the 数字化城管 table, with its applications (延期
pending, 挂账 approved, 超时申诉 before and after its first review): the samples of the generated workflow tests
(tests/test_workflow_offered.py) and of the 工作台 crawl."""
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Category, Issue, Region, Unit
from fazhi.org.models import Bureau, Role, RoleGrant, Staff
from tests.shared import SHARED

TZ = ZoneInfo("Asia/Shanghai")
LOOP = [("city_operator1", "430200", Role.OPERATOR), ("city_shift1", "430200", Role.SHIFT_LEADER),
        ("city_dispatcher1", "430200", Role.DISPATCHER), ("city_commander", "430200", Role.COMMANDER),
        ("hetang_patrol1", "430202", Role.PATROLLER), ("hetang_huanwei", "430202", None)]
LOOP_PERSONAS = [u for u, _, _ in LOOP]


def at(day, hm):
    h, m = hm.split(":")
    return datetime(2026, 3, day, int(h), int(m), tzinfo=TZ)


def loop_world():
    """The loop's staff, 荷塘 with a coarse grid, its sanitation unit and 暴露垃圾 (2 工作时)."""
    staff = {}
    for username, code, role in LOOP:
        s = Staff.objects.filter(username=username).first() or \
            Staff.objects.create(username=username, full_name=username, bureau=Bureau.objects.get(code=code))
        if role and not s.has_role(role):
            RoleGrant.objects.create(staff=s, role=role)
        staff[username] = Staff.objects.get(pk=s.pk)
    region = Region.objects.filter(code="430202").first() or C.import_region(
        bureau=Bureau.objects.get(code="430202"), code="430202", name="荷塘区", metres=1000.0,
        geometry=json.loads((SHARED / "data" / "hunan-boundaries" / "430202.geojson").read_text()))
    unit, _ = Unit.objects.get_or_create(name="株洲市荷塘区环境卫生管理所", duty="环境卫生")
    unit.regions.add(region)
    unit.members.add(staff["hetang_huanwei"])
    cat = Category.objects.filter(name="暴露垃圾").first() or Category.objects.create(
        kind="event", class_code="01", class_name="市容环境", code="02", name="暴露垃圾",
        filing_condition="公共区域存在暴露垃圾", limit=2, limit_unit="工作时", urgent_limit=1, urgent_unit="工作时",
        closing_condition="清理干净", duty="环境卫生")
    return staff, region, cat


def issues_in_every_state() -> list[Issue]:
    staff, region, cat = loop_world()
    op, lead, disp, cmd = (staff[u] for u in ("city_operator1", "city_shift1", "city_dispatcher1", "city_commander"))
    patrol, worker = staff["hetang_patrol1"], staff["hetang_huanwei"]
    cell = region.cells.order_by("row", "col")[len(region.cells.all()) // 2]
    lng = region.grid_origin_lng + (cell.col + 0.5) * region.grid_d_lng
    lat = region.grid_origin_lat + (cell.row + 0.5) * region.grid_d_lat

    def reported(day=9, callback=True):
        return C.report(channel="hotline", category=cat, description="路边有一堆生活垃圾", lng=lng, lat=lat,
                        wgs84=False, address="荷塘区建设中路1号", reporter_name="来电人", reporter_phone="13700002222",
                        callback=callback, by=op, at=at(day, "09:00"))

    def dispatched(day=9):
        i = C.register(C.accept(reported(day), by=op, at=at(day, "09:00")), by=lead, condition_met=True,
                       at=at(day, "09:00"))
        return C.dispatch(i, by=disp, at=at(day, "09:00"))

    def handled(day=9, hm="10:00"):
        return C.handle(dispatched(day), by=worker, feedback="已清运", at=at(day, hm))

    def closed(day=9, hm="10:00"):
        i = C.verify(handled(day, hm), by=patrol, ok=True, at=at(day, hm.replace("10", "16").replace("15", "16")))
        return C.close(i, by=lead, at=at(day, "17:00"))

    out = [reported(), C.accept(reported(), by=op, at=at(9, "09:10")),
           C.register(C.accept(reported(), by=op, at=at(9, "09:10")), by=lead, condition_met=True, at=at(9, "09:20")),
           dispatched(), handled(), C.verify(handled(), by=patrol, ok=True, at=at(9, "11:00")), closed()]
    extension = dispatched(day=10)
    C.apply(extension, by=worker, kind="extension", reason="车辆不足", amount=2, amount_unit="工作时", at=at(10, "09:30"))
    shelved = dispatched(day=10)
    C.review(C.apply(shelved, by=worker, kind="shelve", reason="需市政配合", at=at(10, "09:30")), by=cmd, approve=True,
             at=at(10, "10:00"))
    appealed = closed(day=11, hm="15:00")  # handled after its 2 工作时
    C.apply(appealed, by=worker, kind="appeal", reason="暴雨无法作业", at=at(11, "17:30"))
    first_passed = closed(day=12, hm="15:00")
    C.review(C.apply(first_passed, by=worker, kind="appeal", reason="暴雨无法作业", at=at(12, "17:30")), by=lead,
             approve=True, opinion="属实", at=at(12, "17:40"))
    out += [extension, shelved, appealed, first_passed, C.void(reported(), by=op, reason="重复上报", at=at(9, "09:30"))]
    return list(Issue.objects.filter(pk__in=[i.pk for i in out]))
