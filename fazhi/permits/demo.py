"""A demo year of the city bureau's permit window at 株洲's scale (2024 report: 1,011 permit and enquiry items taken at
the window, 760.6万元 in fees; shared/seeds/000). Each application is walked through the procedure's clocks with
the law's functions (fazhi.law.permits) and written in bulk with its event stream, as citydesk's scale demo does:
about 1,000 applications take a few seconds. The mix of items and outcomes is illustrative."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core.calendar import law_calendar
from fazhi.core.events import next_event
from fazhi.core.models import Event, StreamHead
from fazhi.law import permits as L
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.periods import add_working_days, add_working_days_estimated
from fazhi.permits import clock as C
from fazhi.permits.items import ensure_items
from fazhi.permits.models import Channel, Gate, Permit
from fazhi.permits.models import PermitStatus as S

# item code → (applications in a year, mean quantity, quantity spread)
MIX = {"XK-01": (285, 58.0, 30.0), "XK-02": (205, 45.0, 25.0), "XK-03": (215, 24.0, 12.0), "XK-04": (160, 0, 0),
       "XK-05": (60, 8.0, 5.0), "XK-06": (40, 120.0, 60.0), "XK-07": (35, 0, 0)}
APPLICANTS = ["株洲市政工程有限公司", "国网株洲供电公司", "株洲新奥燃气有限公司", "中国移动株洲分公司", "株洲市自来水有限公司",
              "湖南某建设集团有限公司", "株洲某广告传媒有限公司", "株洲某置业有限公司", "株洲某渣土运输有限公司", "株洲某商贸有限公司"]
PLACES = ["芦淞区建设中路", "天元区长江北路", "荷塘区新华西路", "石峰区响石路", "芦淞区解放街", "天元区泰山路", "荷塘区红旗北路"]
# the status after each kind of step (a decision's comes from its outcome; fees and publication leave it)
AFTER = {"apply": S.RECEIVED, "refuse": S.NOT_ACCEPTED, "request_correction": S.CORRECTING, "accept": S.ACCEPTED,
         "schedule_hearing": S.HEARING, "record_hearing": S.ACCEPTED, "issue_certificate": S.ISSUED}
CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        c = "".join(rng.choice(CODE_CHARS) for _ in range(10))
        if c not in used:
            used.add(c)
            return c


def build_permits(staff, rng: random.Random, today: date) -> int:
    from fazhi.org.models import Staff

    bureau = staff["city"].bureau
    items = {i.code: i for i in ensure_items(bureau)}
    clerk = Staff.objects.get(username="city_window1")
    reviewer = Staff.objects.get(username="city_permit1")
    head = staff["city"].head
    cal = law_calendar()
    prefix = bureau.doc_prefix or bureau.short_name
    start = date(today.year, 1, 5)
    span = (today - start).days
    permits: list[Permit] = []
    events: list[Event] = []
    heads: list[StreamHead] = []
    used: set[str] = set()
    seq = {"n": 0, "dec": 0, "deny": 0, "cert": 0, "ref": 0}
    plan = [code for code, (n, _, _) in MIX.items() for _ in range(n)]
    received_days = sorted(start + timedelta(days=rng.randint(0, span - 1)) for _ in plan)
    rng.shuffle(plan)
    for code, received in zip(plan, received_days, strict=True):
        item = items[code]
        while not cal.is_working_day(received):
            received += timedelta(days=1)
        if received > today:
            continue
        permit, steps = _walk(item, received, rng, today, cal, seq, prefix, used)
        permits.append(permit)
        head_ = (0, "")
        status = S.RECEIVED
        for kind, on, who, data in steps:
            actor = {"clerk": clerk, "reviewer": reviewer, "head": head}.get(who, who)
            permit.version += 1
            data.pop("_status")
            status = AFTER.get(kind, status) if kind != "decide" else (S.GRANTED if data["outcome"] == "grant"
                                                                        else S.DENIED)
            ev = next_event(permit.stream, kind, actor=actor, on=on, head=head_,
                            data={"status": status, "version": permit.version, **data})
            head_ = (ev.seq, ev.hash)
            events.append(ev)
        heads.append(StreamHead(stream=permit.stream, seq=head_[0], hash=head_[1]))
    Permit.objects.bulk_create(permits, batch_size=500)
    Event.objects.bulk_create(events, batch_size=1000)
    StreamHead.objects.bulk_create(heads, batch_size=1000)
    return len(permits)


def _walk(item, received: date, rng: random.Random, today: date, cal, seq: dict, prefix: str, used: set[str]):
    """One application through the clocks up to today: (permit, [(event kind, day, actor, data)])."""
    def wd(start: date, n: int) -> date | None:
        try:
            d = add_working_days(cal, start, n)
        except CalendarUnknown:
            return None
        return d if d <= today else None

    mean, spread = MIX[item.code][1], MIX[item.code][2]
    quantity = round(max(1.0, rng.gauss(mean, spread)), 1) if mean else None
    if item.quantity_limit and quantity:
        quantity = min(quantity, item.quantity_limit)
    days = rng.randint(10, min(item.max_days or 60, 60))
    period_from = received + timedelta(days=rng.randint(10, 25))
    seq["n"] += 1
    p = Permit(bureau=item.bureau, item=item, status=S.RECEIVED, applicant=rng.choice(APPLICANTS), applicant_kind="org",
               channel=Channel.ONLINE if rng.random() < 0.35 else Channel.WINDOW,
               id_number=f"91430200MA4L{rng.randint(100000, 999999)}", subject=f"{item.name}：{rng.choice(PLACES)}段",
               location=f"{rng.choice(PLACES)}{rng.randint(1, 300)}号", quantity=quantity, period_from=period_from,
               period_to=period_from + timedelta(days=days - 1), materials_given=list(item.materials),
               received_on=received, number=f"许{received.year}-{seq['n']:05d}", tracking_code=_code(rng, used))
    if item.gate == Gate.TREES:
        p.felling, p.replanting = True, "按1:2补植同类乔木"
    steps: list[tuple] = [("apply", received, "clerk", {"_status": S.RECEIVED, "item": item.code,
                                                          "channel": p.channel, "applicant": p.applicant})]
    r = rng.random()

    def done():
        C.refresh(p)
        return p, steps

    if r < 0.03:  # 不予受理
        on = wd(received, 1)
        if on is None:
            return done()
        seq["ref"] += 1
        p.status, p.refused_reason, p.ended_on = S.NOT_ACCEPTED, "申请事项不属于本机关职权范围", on
        p.decision_no = f"{prefix}许不受字〔{on.year}〕{seq['ref']}号"
        steps.append(("refuse", on, "clerk", {"_status": S.NOT_ACCEPTED, "reason": p.refused_reason,
                                             "refer_to": "属地区城市管理和综合执法局"}))
        return done()
    if r < 0.12:  # 补正, then accepted when complete
        on = wd(received, rng.randint(1, 4))
        if on is None:
            return done()
        missing = [item.materials[1]]
        p.status, p.correction_on, p.correction_items = S.CORRECTING, on, missing
        p.materials_given = [m for m in item.materials if m not in missing]
        steps.append(("request_correction", on, "clerk", {"_status": S.CORRECTING, "missing": missing}))
        acc = wd(on, rng.randint(2, 10))
        if acc is None:
            return done()
        p.materials_given = list(item.materials)
    else:
        acc = wd(received, rng.randint(0, 1))
        if acc is None:
            return done()
    p.status, p.accepted_on = S.ACCEPTED, acc
    steps.append(("accept", acc, "clerk", {"_status": S.ACCEPTED, "accepted_on": acc.isoformat(), "deemed": False}))
    if item.hearing_may_apply and rng.random() < 0.03:
        req = wd(acc, 3)
        held = req and wd(req, 12)
        if req is None:
            return done()
        p.status, p.hearing_requested_on, p.hearing_held_on = S.HEARING, req, add_working_days_estimated(cal, req, 12)[0]
        p.paused_days = 12
        steps.append(("schedule_hearing", wd(acc, 4) or req, "reviewer", {
            "_status": S.HEARING, "requested_on": req.isoformat(), "held_on": p.hearing_held_on.isoformat(),
            "presider": "市城管局法制科负责人", "paused_days": 12}))
        if held is None:
            return done()
        p.status = S.ACCEPTED
        steps.append(("record_hearing", held, "reviewer", {"_status": S.ACCEPTED, "held_on": held.isoformat(),
                                                            "paused_days": 12}))
    clock = C.clock_of(p)
    r = rng.random()
    late_reason = ""
    if r < 0.03:
        ext = wd(acc, rng.randint(12, 19) + p.paused_days)
        if ext is None:
            return done()
        p.extended_on, p.extension_reasons = ext, "需征求公安交通管理部门意见"
        steps.append(("extend", ext, "head", {"_status": S.ACCEPTED, "reasons": p.extension_reasons}))
        clock = C.clock_of(p)
        n = rng.randint(21, 29)
    elif r < 0.05:
        n, late_reason = rng.randint(21, 23), "等待规划部门出具意见，未及时报请延长"
    else:
        n = rng.randint(1, item.promised_days)
    dec = wd(acc, n + p.paused_days)
    if dec is None:
        return done()
    deny = rng.random() < 0.04
    late = L.check_decision_in_time(cal, clock, dec, late_reason)
    p.decided_on, p.decision_late_days, p.late_reason = dec, late, late_reason if late else ""
    p.work_days = clock.elapsed(cal, dec)
    if deny:
        seq["deny"] += 1
        p.status, p.decision, p.ended_on = S.DENIED, "deny", dec
        p.reasons = "申请不符合法定条件：施工方案未满足道路交通安全要求"
        p.decision_no = f"{prefix}许不准字〔{dec.year}〕{seq['deny']}号"
        steps.append(("decide", dec, "reviewer", {"_status": S.DENIED, "outcome": "deny", "reasons": p.reasons,
                                                   "decision_no": p.decision_no, "late_days": late}))
        return done()
    seq["dec"] += 1
    p.status, p.decision = S.GRANTED, "grant"
    p.decision_no = f"{prefix}许准字〔{dec.year}〕{seq['dec']}号"
    p.valid_from, p.valid_until = p.period_from, p.period_to
    amount = L.fee(float(item.fee_rate) if item.charges else None, quantity, days, item.fee_per_day)
    p.fee_amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    p.fee_status = "due" if p.fee_amount > 0 else ""
    p.certificate_due = C.end_of(L.CERTIFICATE, dec)
    p.publish_due = C.end_of(L.PUBLICATION, dec)
    steps.append(("decide", dec, "reviewer", {"_status": S.GRANTED, "outcome": "grant", "decision_no": p.decision_no,
                                               "valid_from": C.iso(p.valid_from), "valid_until": C.iso(p.valid_until),
                                               "late_days": late, "fee_amount": str(p.fee_amount)}))
    if p.fee_status == "due":
        paid = wd(dec, rng.randint(0, 4))
        if paid is not None:
            waived = rng.random() < 0.02
            p.fee_status, p.fee_paid_on = ("waived" if waived else "paid"), paid
            if waived:
                p.fee_waiver_basis = "抢险救灾工程，按省财政、价格主管部门规定免收"
            else:
                p.fee_receipt = f"湘非税{rng.randint(10 ** 9, 10 ** 10 - 1)}"
            steps.append(("record_fee", paid, "clerk", {"_status": S.GRANTED, "waived": waived,
                                                         "receipt": p.fee_receipt, "amount": str(p.fee_amount)}))
    cert = wd(dec, rng.randint(11, 12) if rng.random() < 0.01 else rng.randint(0, 3))
    if cert is not None:
        seq["cert"] += 1
        p.status, p.certified_on = S.ISSUED, cert
        p.certificate_late_days = C.late_days(p.certificate_due, cert)
        p.certificate_no = f"{prefix}许证字〔{cert.year}〕{seq['cert']}号"
        p.verify_code = _code(rng, used)
        steps.append(("issue_certificate", cert, "clerk", {"_status": S.ISSUED, "certificate_no": p.certificate_no,
                                                            "late_days": p.certificate_late_days}))
    pub = wd(dec, rng.randint(8, 9) if rng.random() < 0.02 else rng.randint(1, 5))
    if pub is not None:
        p.published_on = pub
        p.publish_late_days = C.late_days(p.publish_due, pub)
        steps.append(("publish", pub, "reviewer", {"_status": p.status, "late_days": p.publish_late_days}))
    steps.sort(key=lambda s: s[1])  # stable: steps of one day keep the procedure's order
    return done()
