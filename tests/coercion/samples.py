"""行政强制 records of 荷塘 in every state of the table, dated back from today: requested, approved, seized (within
its limit, extended, past its limit, an emergency awaiting approval), refused, released, disposed; a demolition
ordered, announced, demanded, under an agreement, executed, performed."""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fazhi.coercion.models import Measure
from tests.coercion.helpers import EXECUTION, SITE, filed_case, ok, served_case, step, take


def measures_in_every_state(api) -> list[Measure]:
    today = timezone.localdate()

    def d(n):
        return (today - timedelta(days=n)).isoformat()

    def at(n, h="10:00"):
        return f"{d(n)}T{h}:00+08:00"

    case = filed_case(api, on=d(40))
    made = []

    def opened(n):
        u = ok(take(api, case, on=d(n)), 201)["uuid"]
        made.append(u)
        return u

    opened(3)  # requested
    approved = opened(3)
    ok(step(api, "hetang_head", approved, "approve", on=d(3), at=at(3, "08:30")))
    for n, extend in ((5, False), (6, True), (35, False)):   # within the limit, extended, past the limit
        m = opened(n)
        ok(step(api, "hetang_head", m, "approve", on=d(n), at=at(n, "08:30")))
        ok(step(api, "hetang_officer1", m, "seize", on=d(n), at=at(n), **SITE))
        if extend:
            ok(step(api, "hetang_head", m, "extend", on=d(n - 1), reason="情况复杂"))
    pending = ok(take(api, case, on=d(1), emergency="当事人正在转移货物", **SITE, at=at(1, "20:00")), 201)["uuid"]
    not_approved = opened(2)
    ok(step(api, "hetang_head", not_approved, "refuse", on=d(2), reason="不必要"))
    released = opened(4)
    ok(step(api, "hetang_head", released, "approve", on=d(4), at=at(4, "08:30")))
    ok(step(api, "hetang_officer1", released, "seize", on=d(4), at=at(4), **SITE))
    ok(step(api, "hetang_head", released, "release", on=d(1), ground="当事人没有违法行为"))
    made += [pending]
    served = served_case(api)   # served 2026-03-16: the 复议/诉讼 periods have lapsed by the autumn
    demo = []
    for _ in range(5):
        demo.append(ok(api("hetang_officer1").post("/coercion/demolitions", {
            "on": "2026-03-20", "case": str(served), "government_order": "荷政函〔2026〕12号",
            "structure": "楼顶彩钢板房", "place": "新华西路12号", "area": "40", "reason": "逾期未拆除"}), 201)["uuid"])
    agreed, executed = demo[3], demo[4]
    for m in demo[1:]:
        ok(step(api, "hetang_officer1", m, "announce", on="2026-03-23", deadline="2026-04-10"))
    for m in demo[2:]:
        ok(step(api, "hetang_officer1", m, "demand", on="2026-04-13", deadline="2026-04-20", statement_rights=True))
    ok(step(api, "hetang_head", agreed, "agree", on="2026-04-21", stages="分两期拆除", no_harm=True))
    ok(step(api, "hetang_officer1", executed, "execute", on="2026-09-17", started_at="2026-09-17T09:00:00+08:00",
            ended_at="2026-09-17T12:00:00+08:00", **EXECUTION))
    return list(Measure.objects.filter(uuid__in=made + demo))
