"""The demo's 违法建设 and 整改通知 in the 荷塘 and 醴陵 bureaus, through the actions, dates relative to today: sites
demolished by their owners, one demolished by the bureau (linked to the 强制拆除 record coercion's demo executed), one
rectified under a decided case, one in a case, one just registered; shop-sign notices complied with, removed by the
bureau with the government's approval, escalated to a case, and running. Synthetic places and parties only. Nothing
here reads the holiday table, so the demo loads in the last days of a year whose successor has none."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from fazhi.law.basis import RuleViolation
from fazhi.registers import actions as A

PLACES = {"hetang": ["荷塘区红旗北路18号", "荷塘区新华西路12号楼顶", "荷塘区建设中路66号", "荷塘区茨菇塘街道金钩山路9号",
                     "荷塘区月塘街道桂花路3号", "荷塘区宋家桥路21号"],
          "liling": ["醴陵市陶瓷大道88号", "醴陵市南桥路12号", "醴陵市瓷城大道东侧", "醴陵市来龙门街道解放路5号",
                     "醴陵市仙岳山街道西正街16号", "醴陵市阳三石街道花园路7号"]}
PARTIES = ["张建华", "李秀英", "王志强", "刘桂兰", "陈国平", "杨丽"]
SHOPS = ["老味道餐馆", "鑫源五金店", "美佳超市", "福满楼酒家", "星光网吧", "顺发汽修店"]


def _try(fn):
    try:
        with transaction.atomic():
            return fn()
    except (RuleViolation, LookupError):
        return None


def _sites(b, key: str, today: date, officer, n: int) -> int:
    from fazhi.cases.models import PenaltyCase
    from fazhi.coercion.models import Measure

    made = 0
    places = PLACES[key]
    plan = [("self", 40, Decimal("126.00")), ("self", 25, Decimal("58.50")), ("forced", 0, None),
            ("rectified", 0, None), ("case", 12, None), ("new", 3, None)][:n]
    for k, (what, ago, area) in enumerate(plan):
        def one(what=what, ago=ago, area=area, k=k):
            common = {"structure": ["一层砖混结构加建房", "楼顶彩钢板房", "院内钢架雨棚", "临街违法搭建门面"][k % 4],
                      "vintage": "stock" if k % 2 else "new", "party_name": PARTIES[k % len(PARTIES)],
                      "party_address": places[k % len(places)], "address": places[k % len(places)],
                      "hazard": k % 3 == 0, "road": k % 3 == 1, "boundary": True, "farmland": k == 4}
            if what == "forced":
                m = (Measure.objects.filter(bureau=b.bureau, kind="demolish", status="executed")
                     .select_related("case").order_by("id").first())
                if m is None or not m.case.case_no:
                    return None
                found = m.case.discovered_on
                s = A.register_site(by=officer, on=found, area=m.area or Decimal("86.50"), **common)
                s = A.link_case(s, by=officer, on=found, case=m.case.case_no)
                return A.record_outcome(s, by=officer, on=m.closed_on, outcome="forced", measure=m.number,
                                        note="经县级人民政府责成，本机关依法强制拆除")
            if what == "rectified":
                c = (PenaltyCase.objects.filter(bureau=b.bureau).exclude(decision_no="").exclude(case_no="")
                     .exclude(decided_on=None).order_by("-decided_on").first())
                if c is None:
                    return None
                s = A.register_site(by=officer, on=c.discovered_on, area=Decimal("35.00"), **common)
                s = A.link_case(s, by=officer, on=c.discovered_on, case=c.case_no)
                return A.record_outcome(s, by=officer, on=c.decided_on, outcome="rectified",
                                        note="限期改正，补办规划许可手续")
            on = today - timedelta(days=ago + 10)
            s = A.register_site(by=officer, on=on, area=area or Decimal("64.00"), **common)
            if what == "self":
                return A.record_outcome(s, by=officer, on=today - timedelta(days=ago), outcome="self", area=area,
                                        note="责任人接到通知后自行拆除，经现场核查拆除到位")
            if what == "case":
                return A.open_case(s, by=officer, on=on)
            return s
        made += _try(one) is not None
    return made


def _notices(b, key: str, today: date, officer, other, head, plan) -> int:
    made = 0
    places = PLACES[key]
    for k, (what, ago) in enumerate(plan):
        def one(what=what, ago=ago, k=k):
            on = today - timedelta(days=ago)
            n = A.issue_notice(by=officer, on=on, subject="户外招牌", address=places[k % len(places)],
                               problem=["招牌钢架锈蚀、面板松动，有坠落危险", "招牌遮挡二楼窗户，妨碍安全疏散",
                                        "灯箱线路陈旧裸露，有漏电隐患"][k % 3],
                               requirement="加固或者拆除招牌，消除安全隐患", party_name=SHOPS[k % len(SHOPS)],
                               party_address=places[k % len(places)], area=Decimal("8.00") + k,
                               due=on + timedelta(days=7), officers=[other.username])
            after = on + timedelta(days=9)
            if what == "complied":
                return A.comply(n, by=officer, on=on + timedelta(days=5), note="业主已自行拆除招牌")
            if what == "removed":
                return A.remove(n, by=head, on=after, approval=f"{b.bureau.short_name}政府批复〔{on.year}〕{k + 1}号",
                                area=Decimal("8.00") + k, note="业主逾期未整改，本局组织拆除")
            if what == "escalated":
                return A.escalate(n, by=officer, on=after)
            return n
        made += _try(one) is not None
    return made


def build_registers(staff, rng, today: date) -> int:
    n = 0
    for key, sites, plan in (
            ("hetang", 6, [("complied", 40), ("complied", 30), ("removed", 25), ("escalated", 20), ("running", 2)]),
            ("liling", 3, [("complied", 60), ("complied", 45), ("complied", 35), ("removed", 30), ("removed", 22),
                           ("escalated", 15), ("running", 1)])):
        b = staff.get(key)
        if b is None or len(b.officers) < 2:
            continue
        officer, other = b.officers[0], b.officers[1]
        n += _sites(b, key, today, officer, sites)
        n += _notices(b, key, today, officer, other, b.head, plan)
    return n
