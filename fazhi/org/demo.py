"""The demo bureau tree: 株洲市城市管理和综合执法局 with five district bureaus and 醴陵市, about 60 staff.

Names are synthetic (drawn from common surnames and given-name characters with a fixed seed)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.contrib.auth.hashers import make_password

from fazhi.org.models import Bureau, BureauKind, Certificate, Role, RoleGrant, Staff

DEMO_PASSWORD = "fazhi2026"


@cache
def demo_password_hash() -> str:
    """One hash for every demo account: hashing is deliberately slow (~0.5 s), and the demo has ~90 accounts
    with the same published password, so hashing it once saves most of a minute of `make demo`."""
    return make_password(DEMO_PASSWORD)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌辉鹏俊峰云飞玲婷宇浩凯雪琳晨欣怡子涵若梓铭轩博思雨佳"

# code, name, short name, prefix, kind, government, court
BUREAUS = [
    ("430200", "株洲市城市管理和综合执法局", "株洲市局", "株城管", BureauKind.CITY, "株洲市人民政府", "株洲市天元区人民法院", "city"),
    ("430202", "株洲市荷塘区城市管理和综合执法局", "荷塘区局", "荷城管", BureauKind.DISTRICT, "株洲市荷塘区人民政府", "株洲市荷塘区人民法院", "hetang"),
    ("430203", "株洲市芦淞区城市管理和综合执法局", "芦淞区局", "芦城管", BureauKind.DISTRICT, "株洲市芦淞区人民政府", "株洲市芦淞区人民法院", "lusong"),
    ("430204", "株洲市石峰区城市管理和综合执法局", "石峰区局", "石城管", BureauKind.DISTRICT, "株洲市石峰区人民政府", "株洲市石峰区人民法院", "shifeng"),
    ("430211", "株洲市天元区城市管理和综合执法局", "天元区局", "天城管", BureauKind.DISTRICT, "株洲市天元区人民政府", "株洲市天元区人民法院", "tianyuan"),
    ("430212", "株洲市渌口区城市管理和综合执法局", "渌口区局", "渌城管", BureauKind.DISTRICT, "株洲市渌口区人民政府", "株洲市渌口区人民法院", "lukou"),
    ("430281", "醴陵市城市管理和综合执法局", "醴陵市局", "醴城管", BureauKind.COUNTY, "醴陵市人民政府", "醴陵市人民法院", "liling"),
]
# The city bureau's cases go to another district's court: a designation (集中管辖) the bureau records with its source.
CITY_COURT_SOURCE = "示例：行政案件集中管辖，由高级人民法院确定的管辖法院（本局核实决定名称和文号后填写）"


@dataclass
class BureauStaff:
    bureau: Bureau
    slug: str
    head: Staff
    deputy: Staff
    reviewer: Staff
    squad_leaders: list[Staff] = field(default_factory=list)
    officers: list[Staff] = field(default_factory=list)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if n not in used:
            used.add(n)
            return n


def build_org(rng: random.Random, today: date) -> dict[str, BureauStaff]:
    used: set[str] = set()
    cert_seq = [0]
    out: dict[str, BureauStaff] = {}
    city = None

    def person(bureau, username, roles, *, certified=True, qualification=""):
        s = Staff(username=username, full_name=_name(rng, used), bureau=bureau,
                  phone=f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}",
                  legal_qualification=qualification, reviewed_before=bool(qualification))
        s.password = demo_password_hash()
        s.save()
        RoleGrant.objects.bulk_create([RoleGrant(staff=s, role=r) for r in roles])
        if certified:
            cert_seq[0] += 1
            Certificate.objects.create(
                staff=s, number=f"43020026{cert_seq[0]:05d}", issuer="湖南省人民政府",
                valid_from=date(today.year - 3, 1, 1), valid_until=date(today.year + 2, 12, 31))
        return s

    for code, name, short, prefix, kind, gov, court, slug in BUREAUS:
        b = Bureau.objects.create(code=code, name=name, short_name=short, doc_prefix=prefix, kind=kind,
                                  parent=city, government=gov, court=court,
                                  court_source=CITY_COURT_SOURCE if kind == BureauKind.CITY else "",
                                  address=f"湖南省{name[:name.index('城市管理')]}",
                                  **_demo_payment(code, name))
        if kind == BureauKind.CITY:
            city = b
        squads = []
        for i, cn in enumerate(("一", "二"), start=1):
            squads.append(Bureau.objects.create(
                code=f"{code}-{i:02d}", name=f"{short[:-1]}城管执法{cn}中队", short_name=f"{cn}中队",
                kind=BureauKind.SQUAD, parent=b))
        bs = BureauStaff(
            bureau=b, slug=slug,
            head=person(b, f"{slug}_head", [Role.HEAD]),
            deputy=person(b, f"{slug}_deputy", [Role.DEPUTY_HEAD]),
            reviewer=person(b, f"{slug}_reviewer", [Role.LEGAL_REVIEWER], certified=True,
                            qualification=f"A2019{rng.randint(1000000, 9999999)}"),
        )
        if kind == BureauKind.CITY:
            person(b, "city_supervisor", [Role.SUPERVISOR])
            person(b, "city_admin", [Role.ADMIN], certified=False)
            # 三员分立 (SEC-01..03): the security administrator grants roles, the auditor reads the record.
            person(b, "city_security", [Role.SECURITY_ADMIN], certified=False)
            person(b, "city_auditor", [Role.AUDITOR], certified=False)
            person(b, "city_window1", [Role.WINDOW_CLERK], certified=False)
            person(b, "city_permit1", [Role.PERMIT_REVIEWER], certified=False)
            person(b, "city_adviser", [Role.LEGAL_ADVISER], certified=False)
            bs.officers = [person(squads[0], f"{slug}_officer{i}", [Role.OFFICER]) for i in (1, 2)]
        else:
            for i, sq in enumerate(squads, start=1):
                bs.squad_leaders.append(person(sq, f"{slug}_squad{i}", [Role.SQUAD_LEADER, Role.OFFICER]))
                bs.officers += [person(sq, f"{slug}_officer{2 * i - 1}", [Role.OFFICER]),
                                person(sq, f"{slug}_officer{2 * i}", [Role.OFFICER])]
        out[slug] = bs
    # One certificate revoked (an officer transferred out): that officer can no longer act (PEN-04).
    gone = out["hetang"].officers[-1]
    Certificate.objects.filter(staff=gone).update(revoked_on=date(today.year, 6, 30), revoked_reason="调离执法岗位",
                                               status="cancelled", cancel_kind="注销")
    return out


def _demo_payment(code: str, name: str) -> dict:
    """Synthetic payment settings for a demo bureau (the account numbers are not real)."""
    return {"payment_bank": f"中国工商银行{name[:name.index('城市管理')]}支行", "payment_account_name": name,
            "payment_account": f"19030{code}{'0' * (14 - len(code))}", "payment_online": "湖南省非税收入电子缴款平台",
            "payment_code": f"{code}0001"}


def build_grants(today: date) -> None:
    """三员分立 in the demo (SEC-01, SEC-02): the 安全管理员 has asked for a 法制审核员 role for a 荷塘 officer, which
    waits for 荷塘's 局长 (or the city's) to approve; and the 系统管理员 once tried to make itself 局长, refused and
    recorded for the 审计员."""
    from fazhi.core.errors import NotPermitted
    from fazhi.org import actions

    security = Staff.objects.get(username="city_security")
    officer = Staff.objects.get(username="hetang_officer2")
    actions.set_roles(officer, by=security, roles=[*officer.roles, Role.LEGAL_REVIEWER], on=today,
                      reason="拟调任法制审核岗位（示例）")
    admin = Staff.objects.get(username="city_admin")
    try:
        actions.set_roles(admin, by=admin, roles=[Role.ADMIN, Role.HEAD])
    except NotPermitted:
        pass
