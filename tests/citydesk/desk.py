"""The 荷塘 command centre used by the citydesk tests: the real 荷塘 boundary (300 m grid to keep it quick), one
person per loop role, a sanitation unit serving 荷塘 and another serving nowhere yet, and 暴露垃圾 (2 工作时)."""
import json
from zoneinfo import ZoneInfo

import pytest

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Category, Unit
from fazhi.org.models import Bureau, Role, RoleGrant, Staff
from tests.shared import SHARED

TZ = ZoneInfo("Asia/Shanghai")
HETANG_WGS84 = (113.17, 27.86)


def person(bureau, username, role=None):
    s = Staff.objects.create(username=username, full_name=username, bureau=bureau)
    if role:
        RoleGrant.objects.create(staff=s, role=role)
    return Staff.objects.get(pk=s.pk)


@pytest.fixture
def desk(org):
    hetang = Bureau.objects.get(code="430202")
    region = C.import_region(bureau=hetang, code="430202", name="荷塘区", metres=300.0,
                             geometry=json.loads((SHARED / "data" / "hunan-boundaries" / "430202.geojson").read_text()))
    people = {}
    for username, role in (("desk_operator", Role.OPERATOR), ("desk_leader", Role.SHIFT_LEADER),
                           ("desk_dispatcher", Role.DISPATCHER), ("desk_patroller", Role.PATROLLER),
                           ("sanitation_worker", None)):
        people[username] = person(hetang, username, role)
    sanitation = Unit.objects.create(name="荷塘区环境卫生管理所", duty="环境卫生")
    sanitation.regions.add(region)
    sanitation.members.add(people["sanitation_worker"])
    other = Unit.objects.create(name="芦淞区环境卫生管理所", duty="环境卫生")
    cat = Category.objects.create(kind="event", class_code="01", class_name="市容环境", code="02", name="暴露垃圾",
                                  filing_condition="道路、绿地等公共区域存在暴露垃圾", limit=2, limit_unit="工作时",
                                  urgent_limit=1, urgent_unit="工作时", closing_condition="垃圾清理干净", duty="环境卫生")
    return {"region": region, "unit": sanitation, "other": other, "category": cat, **people}


