"""A year of penalty cases for the demo bureau, every one driven through cases.actions (so each is lawful,
has its event chain and its deadlines). Parties are synthetic. Fixed seed: the same demo every time."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fazhi.cases import actions as A
from fazhi.cases.models import PenaltyCase
from fazhi.core.calendar import law_calendar
from fazhi.law.periods import add_months_raw, add_working_days_estimated
from fazhi.org.demo import BureauStaff

CSJ = "《城市市容和环境卫生管理条例》"
CSDL = "《城市道路管理条例》"
# The demo bureaus' benchmark (catalog/demo.py): illustrative, built from the national provisions, area 株洲.
HUNAN = "zhuzhou-illustrative"


@dataclass(frozen=True)
class Cause:
    cause: str
    party_kind: str
    provision: str
    fines: tuple[int, ...]
    kinds: tuple[str, ...] = ("fine",)
    facts: str = ""
    violation: str = ""   # the benchmark entry the case is decided under (DIS-04), where the benchmark has one


GENERAL_CAUSES = [
    Cause("擅自在街道两侧堆放物料影响市容", "org", f"{CSJ}第三十六条第（二）项", (2000, 5000, 8000)),
    Cause("运输散装货物未密封造成遗撒", "org", f"{CSJ}第三十四条第（六）项", (5000, 10000, 20000, 30000)),
    Cause("擅自设置大型户外广告影响市容", "org", f"{CSJ}第三十六条第（一）项", (10000, 20000, 50000)),
    Cause("临街工地未设置护栏影响市容", "org", f"{CSJ}第三十四条第（七）项", (3000, 5000, 10000)),
    Cause("未取得建设工程规划许可证进行建设", "org", "《中华人民共和国城乡规划法》第六十四条", (25000, 60000, 120000)),
    Cause("擅自搭建构筑物影响市容", "citizen", f"{CSJ}第三十六条第（二）项", (500, 1000, 2000, 3000)),
    Cause("在临街阳台堆放吊挂有碍市容物品", "citizen", f"{CSJ}第三十四条第（三）项", (200, 500)),
    # First offence: the benchmark's 一般 tier, 2,000–5,000 yuan (a hearing may lower it by a fifth, still inside).
    Cause("擅自挖掘城市道路", "org", f"{CSDL}第二十七条第（一）项、第四十二条", (2500, 3000, 4000, 5000),
          violation=f"{HUNAN}:ZZ-SL-002"),
]
SIMPLE_CAUSES = [
    Cause("乱扔果皮纸屑烟头等废弃物", "citizen", f"{CSJ}第三十四条第（一）项", (20, 50)),
    Cause("未经批准张贴宣传品", "citizen", f"{CSJ}第三十四条第（二）项", (50, 100, 200)),
    Cause("不按规定时间地点倾倒垃圾", "org", f"{CSJ}第三十四条第（四）项", (500, 1000, 2000)),
    Cause("占用人行道堆放物品影响市容", "org", f"{CSJ}第三十六条第（二）项", (300, 800, 1500)),
    Cause("擅自占用城市道路", "org", f"{CSDL}第二十七条第（一）项、第四十二条", (2000, 2500, 3000),
          violation=f"{HUNAN}:ZZ-SL-001"),
]
# 醴陵's bureau decides under its own method benchmark (醴城〔2017〕22号, catalog/demo.py): each cause that 株洲's
# illustrative benchmark covers, or that the 醴陵 list has, is decided under the 醴陵 row instead, with an amount in
# that row's range (the same position in the list of amounts, so the demo's random stream is unchanged).
LILING = "liling-cg-2017"
LILING_CODE = "430281"
LILING_CAUSES = {
    "擅自挖掘城市道路": Cause("擅自占用城市道路从事经营活动", "org", f"{CSDL}第二十七条第（一）项、第四十二条",
                          (2500, 3000, 4000, 5000), violation=f"{LILING}:LL-05"),
    "擅自占用城市道路": Cause("擅自占用城市道路从事经营活动", "org", f"{CSDL}第二十七条第（一）项、第四十二条",
                          (2000, 2500, 3000), violation=f"{LILING}:LL-05"),
    "乱扔果皮纸屑烟头等废弃物": Cause("乱扔果皮纸屑烟头等废弃物", "citizen", f"{CSJ}第三十四条第（一）项", (50, 80),
                              violation=f"{LILING}:LL-01"),
    "不按规定时间地点倾倒垃圾": Cause("不按规定时间地点倾倒垃圾", "org", f"{CSJ}第三十四条第（四）项", (100, 150, 200),
                              violation=f"{LILING}:LL-04"),
}
LILING_STREETS = ["瓷城大道", "解放路", "渌江路", "南桥路", "西山路", "青云路", "黄泥坳路", "建设路"]


def _local(bs: BureauStaff, cause: Cause, fine: Decimal) -> tuple[Cause, Decimal]:
    """The cause and amount as the bureau's own benchmark has them (醴陵: LILING_CAUSES)."""
    if bs.bureau.code != LILING_CODE or cause.cause not in LILING_CAUSES:
        return cause, fine
    local = LILING_CAUSES[cause.cause]
    return local, Decimal(local.fines[min(cause.fines.index(int(fine)), len(local.fines) - 1)])


def _city(bs: BureauStaff, text: str) -> str:
    """An address in the bureau's own city: 醴陵's streets for 醴陵's cases."""
    if bs.bureau.code != LILING_CODE:
        return text
    for i, street in enumerate(STREETS):
        text = text.replace(street, LILING_STREETS[i % len(LILING_STREETS)])
    return text.replace("株洲市", "醴陵市")


STREETS = ["建设中路", "新华西路", "红旗路", "长江北路", "黄河南路", "人民中路", "车站路", "泰山路", "珠江北路", "炎帝广场",
           "神农大道", "天台路", "芦淞路", "文化路", "瓷城大道"]
COMPANY_WORDS = ["恒达", "瑞丰", "鑫源", "宏图", "天成", "兴旺", "嘉禾", "盛世", "华泰", "金桥", "长隆", "启航"]
COMPANY_KINDS = ["商贸有限公司", "建筑工程有限公司", "广告传媒有限公司", "渣土运输有限公司", "餐饮管理有限公司"]


class Stop(Exception):
    """The next step would fall after today: the case stays where it is."""


class Clock:
    def __init__(self, start: date, today: date):
        self.d, self.today = start, today

    def step(self, days: int) -> date:
        d = self.d + timedelta(days=days)
        if d > self.today:
            raise Stop
        self.d = d
        return d


def _party(rng: random.Random, kind: str, person_name) -> dict:
    street = rng.choice(STREETS)
    if kind == "org":
        name = f"株洲市{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}"
        code = "91430200" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
        return {"party_kind": kind, "party_name": name, "party_id_number": code,
                "party_address": f"湖南省株洲市{street}{rng.randint(1, 300)}号", "party_representative": person_name()}
    return {"party_kind": kind, "party_name": person_name(),
            "party_id_number": f"430202{rng.randint(1960, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1000, 9999)}",
            "party_address": f"湖南省株洲市{street}{rng.randint(1, 300)}号{rng.randint(1, 30)}栋"}


def _phone(seed: str, mobile: bool = True) -> str:
    """A phone number for a synthetic party, from its name (not the demo's random stream)."""
    import zlib

    n = zlib.crc32(seed.encode())
    return f"139{n % 100000000:08d}" if mobile else f"0731-2{n % 10000000:07d}"


def _in_city(bs: BureauStaff, party: dict) -> dict:
    out = {k: _city(bs, v) if isinstance(v, str) and k in ("party_name", "party_address") else v
           for k, v in party.items()}
    out["party_phone"] = _phone(out["party_name"], mobile=out["party_kind"] == "citizen")
    return out


def _officers(bs: BureauStaff, rng: random.Random, on: date, today: date):
    # Certified from the first step to today, so no case is left to an officer whose certificate lapsed.
    pool = [s for s in bs.officers + bs.squad_leaders if s.is_certified_on(on) and s.is_certified_on(today)]
    return rng.sample(pool, 2)


def general_case(bs: BureauStaff, rng: random.Random, start: date, today: date, person_name) -> PenaltyCase:
    cause = rng.choice(GENERAL_CAUSES)
    clock = Clock(start, today)
    officers = _officers(bs, rng, start, today)
    by = officers[0]
    place = _city(bs, f"株洲市{rng.choice(STREETS)}{rng.randint(1, 300)}号附近")
    fine = Decimal(rng.choice(cause.fines))
    cause, fine = _local(bs, cause, fine)
    case = A.register(by=by, on=start, cause=cause.cause, place=place, act_on=start - timedelta(days=rng.randint(0, 20)),
                      discovered_on=start, source=rng.choice(["patrol", "patrol", "complaint", "hotline", "citydesk"]),
                      penalty_provision=cause.provision, violated_provision=cause.provision,
                      facts=f"当事人于{place}{cause.cause}。",
                      **_in_city(bs, _party(rng, cause.party_kind, person_name)))
    try:
        leader = rng.choice([bs.head, bs.deputy])
        if rng.random() < 0.04:
            return A.reject_clue(case, by=leader, on=clock.step(2), reason="经核查，举报情况不属实")
        case = A.file_case(case, by=leader, on=clock.step(rng.randint(1, 3)), officers=officers)
        for kind, title in [("inspection", "现场检查笔录"), ("audiovisual", "执法记录仪视频"), ("party_statement", "询问笔录")]:
            on = clock.step(rng.randint(0, 3))
            extra = {"qa": _inquiry(case, cause), **_record(case, "inquiry", officers, on)} \
                if kind == "party_statement" else \
                {"description": f"执法人员在{place}查见当事人{cause.cause}，现场拍照、录像。",
                 **_record(case, "site", officers, on)} if kind == "inspection" else {}
            case = A.add_evidence(case, by=by, on=on, kind=kind, title=title, place=place, **extra)
        roll = rng.random()
        if roll < 0.05:
            case = A.conclude_investigation(case, by=by, on=clock.step(rng.randint(3, 10)), outcome="transfer",
                                            facts="经调查，当事人行为涉嫌构成犯罪。")
            return A.decide_transfer(case, by=bs.head, on=clock.step(rng.randint(1, 3)), approve=True,
                                     reason="涉嫌犯罪，依法移送", police="株洲市公安局")
        if roll < 0.15:
            case = A.conclude_investigation(case, by=by, on=clock.step(rng.randint(3, 10)), outcome="no_penalty_minor",
                                            facts="当事人初次违法，危害后果轻微，已当场改正。",
                                            no_penalty_ground="first_offence",
                                            no_penalty_conditions=["初次违法", "危害后果轻微", "及时改正"])
            case = _review_if_needed(case, bs, clock)
            case = A.decide(case, by=bs.head, on=clock.step(2),
                            education="当场向当事人讲解市容环境卫生管理规定，当事人表示今后自觉遵守。")
            case = A.serve(case, by=by, on=clock.step(1), method="direct", recipient=case.party_name)
            return A.close(case, by=bs.deputy, on=clock.step(2), close_type="no_penalty")
        complex_ = rng.random() < 0.1
        case = A.conclude_investigation(case, by=by, on=clock.step(rng.randint(5, 20)), outcome="penalty",
                                        facts=case.facts + "有现场检查笔录、视频资料、询问笔录为证。", kinds=["fine"],
                                        fine=fine, flags={"complex": complex_}, **_benchmark(cause))
        case = _review_if_needed(case, bs, clock)
        case = A.notify(case, by=by, on=clock.step(rng.randint(1, 3)))
        # PEN-11: a hearing is notified at least 7 working days ahead; one that would fall in a year whose holiday
        # table is not yet entered cannot be scheduled (DAY-07), so near the year's end the party makes a statement.
        hearing_on, unknown = add_working_days_estimated(law_calendar(), clock.d + timedelta(days=3), 8)
        if case.hearing_right and rng.random() < 0.35 and not unknown:
            case = A.request_hearing(case, by=by, on=clock.step(2))
            presider = bs.reviewer if not case.officers.filter(staff=bs.reviewer).exists() else bs.deputy
            notice_on = clock.step(1)
            case = A.schedule_hearing(case, by=bs.deputy, on=notice_on, presider=presider,
                                      hearing_on=hearing_on, place=f"{bs.bureau.short_name}听证室")
            clock.step((hearing_on - clock.d).days)
            lowered = (fine * Decimal("0.8")).quantize(Decimal("1"))
            case = A.hold_hearing(case, by=presider, on=hearing_on, party_attended=True,
                                  record="当事人对事实无异议，请求从轻处罚。", kinds=["fine"], fine=lowered)
            case = _review_if_needed(case, bs, clock)
        elif rng.random() < 0.5:
            case = A.record_statement(case, by=by, on=clock.step(rng.randint(1, 3)), summary="当事人称系初次违法，请求从轻。",
                                      adopted=False, review="经复核，当事人陈述不影响违法事实认定，维持拟处罚意见。")
            if case.hearing_right:
                clock.step(14)  # the 5-working-day hearing-request period runs out (PEN-11)
        else:
            clock.step(14)  # statement and hearing-request periods run out (even across a 7-day holiday)
        case = _deliberate_if_needed(case, bs, clock)
        case = A.decide(case, by=bs.head, on=clock.step(rng.randint(1, 3)), correction_order="责令当事人立即改正违法行为。")
        served_on = clock.step(rng.randint(0, 4))
        method = rng.choice(["direct", "direct", "left", "post"])
        case = A.serve(case, by=by, on=served_on, method=method, recipient=case.party_name,
                       **(_left_service(case) if method == "left" else {}))
        if rng.random() < 0.8:
            paid_on = clock.step(rng.randint(3, 20))
            fee = A.late_fee_due(case, paid_on)
            case = A.record_payment(case, by=by, on=paid_on, fine_paid=case.fine, late_fee_paid=fee)
            case = A.close(case, by=bs.deputy, on=clock.step(rng.randint(1, 5)), close_type="performed")
            if rng.random() < 0.7:
                case = A.archive(case, by=rng.choice(bs.squad_leaders) if bs.squad_leaders else bs.deputy,
                                 on=clock.step(rng.randint(3, 15)), location="档案室")
            return case
        clock.step(max(16, (case.payment_due - clock.d).days + 3) if case.payment_due else 20)
        case = A.serve_demand(case, by=by, on=clock.d, deadline=clock.d + timedelta(days=10))
        open_on = add_months_raw(case.served_on, 6) + timedelta(days=10)  # past the 起诉期限 (REV-08)
        clock.step(max(1, (open_on - clock.d).days))
        case = A.apply_court(case, by=bs.head, on=clock.d, court=bs.bureau.court,
                             package={"application": True, "decision": True, "party_opinion": True, "property": True})
        return case
    except Stop:
        return case


WITNESSES = ["周红", "黄建华", "谭丽", "易国强", "刘芳", "陈卫东"]


def _left_service(case) -> dict:
    """留置送达 as 民事诉讼法 Art 89 has it: the refusal and who refused, a witness from the 社区 who signs, and the
    process filmed (chosen from the case, not the demo's random stream, so the rest of the demo stays as it was)."""
    import zlib

    n = zlib.crc32(case.party_name.encode())
    street = next((s for s in STREETS + LILING_STREETS if s in case.party_address), "")
    return {"refusal_reason": "称对处罚决定有异议，拒绝签收", "recorded": True,
            "refused_by": (f"{case.party_representative}（法定代表人）" if case.party_kind == "org" else case.party_name),
            "witnesses": [f"{WITNESSES[n % len(WITNESSES)]}（{street or '所在'}社区居民委员会）"]}


def _loaded(cause: Cause) -> bool:
    from fazhi.catalog.models import ViolationType

    code, _, vcode = cause.violation.partition(":")
    return bool(cause.violation) and ViolationType.objects.filter(benchmark__code=code, code=vcode).exists()


def _benchmark(cause: Cause) -> dict:
    """The benchmark entry and the facts its tiers read (a first offence), for a cause that has one and when the
    demo catalogue is loaded (cases alone, without the catalogue, cite the provision only)."""
    if not _loaded(cause):
        return {}
    return {"benchmark_violation": cause.violation, "discretion_facts": {"prior_penalties": 0}}


def _inquiry(case, cause: Cause) -> list[list[str]]:
    """The 问/答 of a demo 询问笔录, from the case's facts (no random draw: the demo stays the same)."""
    who = "你单位" if case.party_kind == "org" else "你"
    return [[f"{who}是否于{case.act_on.month}月{case.act_on.day}日起在{case.place}{cause.cause}？", "是的。"],
            ["是否取得有关部门的批准？", "没有。"],
            ["执法人员已向你出示现场检查笔录和照片，你对其记载的情况有无异议？", "没有异议。"],
            ["你还有什么需要补充的？", "没有了，我们会尽快改正。"]]


def _record(case, record_type: str, officers, day: date) -> dict:
    """A demo 笔录's own fields (PEN-04): the two case officers, the person questioned or present, and its times on
    the day (in the morning, or just before now when the day is today)."""
    from datetime import datetime, time

    from django.utils import timezone

    end = min(timezone.make_aware(datetime.combine(day, time(10, 10))), timezone.now() - timedelta(minutes=1))
    start = max(end - timedelta(minutes=40), timezone.make_aware(datetime.combine(day, time(0, 0))))
    person = case.party_representative if case.party_kind == "org" and case.party_representative else case.party_name
    role = "法定代表人（负责人）" if case.party_kind == "org" else "当事人"
    ids = {}
    if case.party_kind == "org" and person == case.party_representative:  # the representative's own ID and phone
        import zlib

        n = zlib.crc32(person.encode())
        ids = {"record_person_id_number": f"430202{1960 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}{n % 9000 + 1000}",
               "record_person_phone": _phone(person)}
    return {**ids, "record_type": record_type, "record_officers": list(officers[:2]), "record_person": person,
            "record_person_role": role if record_type == "inquiry" else f"在场人（{role}）",
            "started_at": start, "ended_at": end}


def _review_if_needed(case, bs, clock):
    if A._review_required(case) and case.review_passed_rev != case.proposal_rev:
        case = A.legal_review(case, by=bs.reviewer, on=clock.step(1), passed=True,
                              opinion="主体合法，事实清楚，证据确凿，定性准确，适用依据正确，裁量适当，程序合法，同意。")
    return case


def _deliberate_if_needed(case, bs, clock):
    if A._deliberation_required(case) and case.deliberated_rev != case.proposal_rev:
        case = _review_if_needed(case, bs, clock)
        case = A.deliberate(case, by=bs.head, on=clock.step(1), attendees=[bs.head, bs.deputy, bs.reviewer],
                            conclusion="同意按拟处罚意见作出行政处罚决定。",
                            observers=[f"{o.staff}（承办人员）" for o in case.officers.select_related("staff")],
                            recorder=f"{bs.squad_leaders[0] if bs.squad_leaders else bs.deputy}")
    return case


def simple_case(bs: BureauStaff, rng: random.Random, on: date, today: date, person_name) -> PenaltyCase:
    cause = rng.choice(SIMPLE_CAUSES)
    officers = _officers(bs, rng, on, today)
    fine = Decimal(rng.choice(cause.fines))
    cause, local_fine = _local(bs, cause, fine)
    limit = 200 if cause.party_kind == "citizen" else 3000
    fine = min(fine, Decimal(limit))
    collect_drawn = fine <= 100 and rng.random() < 0.5
    fine = min(local_fine, Decimal(limit))
    collect = collect_drawn and fine <= 100
    place = _city(bs, f"株洲市{rng.choice(STREETS)}{rng.randint(1, 300)}号")
    receipt_no = f"湘财罚{rng.randint(10000000, 99999999)}" if collect_drawn else ""
    party = _in_city(bs, _party(rng, cause.party_kind, person_name))
    case = A.decide_on_site(
        by=officers[0], on=on, officers=officers[1:], kinds=["fine"], fine=fine, cause=cause.cause, place=place,
        act_on=on, discovered_on=on, source="patrol", penalty_provision=cause.provision,
        violated_provision=cause.provision, facts=f"当事人在{place}{cause.cause}，执法人员当场发现。",
        statement="当事人对违法事实无异议。", correction_order="责令当事人当场改正。",
        collect_on_spot=collect, receipt_no=receipt_no if collect else "",
        benchmark_violation=cause.violation if _loaded(cause) else "",
        **_receipt(party["party_name"]), **party)
    try:
        clock = Clock(on, today)
        if collect:
            case = A.hand_over_fine(case, by=officers[0], on=clock.step(1), amount=case.fine)
        else:
            case = A.record_payment(case, by=officers[0], on=clock.step(rng.randint(1, 10)), fine_paid=case.fine)
        leader = bs.squad_leaders[0] if bs.squad_leaders else bs.deputy
        case = A.file_record(case, by=leader, on=clock.step(1))
        case = A.close(case, by=bs.deputy, on=clock.step(rng.randint(1, 5)), close_type="performed")
    except Stop:
        pass
    return case


def _receipt(name: str) -> dict:
    """The party signs on the officer's phone (a drawn signature, stored with the decision), or now and then refuses
    before a witness (行政处罚法 Art 52) — chosen from the name, not the demo's random stream."""
    import io
    import zlib

    from fazhi.cases.signatures import drawn
    from fazhi.core import blobs

    n = zlib.crc32(name.encode())
    if n % 8 == 0:
        return {"signature_refused": True, "witness": f"{WITNESSES[n % len(WITNESSES)]}（社区网格员）"}
    return {"signature": blobs.keep(io.BytesIO(drawn(n)))}


def build_cases(staff: dict[str, BureauStaff], rng: random.Random, today: date, person_name,
                general_per_bureau: int = 24, simple_per_bureau: int = 30, progress=None) -> int:
    """The year's cases of every district bureau; `progress(bureau, done, total)` after each bureau."""
    n = 0
    districts = [(slug, bs) for slug, bs in staff.items() if slug != "city"]
    for done, (_slug, bs) in enumerate(districts, start=1):
        for _ in range(general_per_bureau):
            general_case(bs, rng, today - timedelta(days=rng.randint(0, 360)), today, person_name)
            n += 1
        for _ in range(simple_per_bureau):
            simple_case(bs, rng, today - timedelta(days=rng.randint(0, 360)), today, person_name)
            n += 1
        if progress:
            progress(bs.bureau, done, len(districts))
    return n

