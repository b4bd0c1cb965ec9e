"""A permit application of the city bureau's window in every state of the table (for the generated workflow tests
and the 工作台 crawl), dated up to today."""
from datetime import timedelta

from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.law.periods import add_working_days
from fazhi.permits.models import Permit
from tests.permits.helpers import CLERK, HEAD, REVIEWER, apply, ok, step


def permits_in_every_state(api):
    today = timezone.localdate()
    cal = law_calendar()
    start = today - timedelta(days=28)
    while not cal.is_working_day(start):
        start -= timedelta(days=1)
    s = start.isoformat()
    on = lambda n: add_working_days(cal, start, n).isoformat()  # noqa: E731
    received = apply(api, on=today.isoformat())
    correcting = apply(api, on=today.isoformat(), materials=["挖掘城市道路申请书"])
    ok(step(api, CLERK, correcting, "request_correction", on=today.isoformat(), missing=[
        "城市规划部门批准签发的文件", "设计文件（施工图）", "施工方案及交通组织方案", "安全防护和路面恢复方案",
        "申请人身份证明（营业执照或身份证）"]))
    accepted = apply(api, on=s, item="XK-03", quantity=30, period_from=None, period_to=None)
    ok(step(api, CLERK, accepted, "accept", on=s))
    hearing = apply(api, on=s, item="XK-03", quantity=30, period_from=None, period_to=None)
    ok(step(api, CLERK, hearing, "accept", on=s))
    ok(step(api, REVIEWER, hearing, "schedule_hearing", on=on(3), told_on=on(1), requested_on=on(2),
            held_on=on(12), presider="王主持"))
    out = {"received": received, "correcting": correcting, "accepted": accepted, "hearing": hearing}
    for name in ("granted", "issued", "denied", "withdrawn", "revoked", "cancelled", "not_accepted"):
        u = apply(api, on=s, item="XK-04", quantity=None, period_from=s, period_to=(today + timedelta(days=200)).isoformat())
        out[name] = u
        if name == "not_accepted":
            ok(step(api, CLERK, u, "refuse", on=on(1), reason="申请事项依法不需要取得行政许可"))
            continue
        ok(step(api, CLERK, u, "accept", on=s))
        if name == "denied":
            ok(step(api, REVIEWER, u, "decide", on=on(3), outcome="deny", reasons="处置方案不符合要求"))
            continue
        ok(step(api, REVIEWER, u, "decide", on=on(3), outcome="grant"))
        if name == "granted":
            continue
        ok(step(api, CLERK, u, "issue_certificate", on=on(4)))
        ok(step(api, REVIEWER, u, "publish", on=on(5)))
        if name in ("withdrawn", "revoked", "cancelled"):
            ok(step(api, HEAD, u, "withdraw" if name != "revoked" else "revoke", on=on(6), reason="城市建设需要，依法撤回"))
        if name == "cancelled":
            ok(step(api, REVIEWER, u, "cancel", on=on(7), reason="许可依法被撤回，办理注销"))
    # a permit in force until the end of the year, its renewal applied for in time and not yet decided (LIC-06)
    early = add_working_days(cal, today.replace(month=7, day=1), 1)
    e = lambda n: add_working_days(cal, early, n).isoformat()  # noqa: E731
    renewing = apply(api, on=early.isoformat(), item="XK-04", quantity=None, period_from=e(5),
                     period_to=f"{today.year}-12-31")
    ok(step(api, CLERK, renewing, "accept", on=early.isoformat()))
    ok(step(api, REVIEWER, renewing, "decide", on=e(3), outcome="grant"))
    ok(step(api, CLERK, renewing, "issue_certificate", on=e(4)))
    ok(step(api, CLERK, renewing, "apply_renewal", on=e(20)))
    out["renewing"] = renewing
    # a road permit with its fee due
    fee = apply(api, on=s)
    ok(step(api, CLERK, fee, "accept", on=s))
    ok(step(api, REVIEWER, fee, "decide", on=on(3), outcome="grant"))
    out["fee"] = fee
    return list(Permit.objects.filter(uuid__in=out.values()))
