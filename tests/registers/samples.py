"""Register records of 荷塘 in every state of their tables, dated back from today: sites registered, in a case and
closed; notices running, overdue, complied with, escalated and removed."""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fazhi.registers.models import Notice, Site
from tests.registers.helpers import notice, notice_step, ok, site, site_step


def sites_in_every_state(api) -> list[Site]:
    d = lambda n: (timezone.localdate() - timedelta(days=n)).isoformat()  # noqa: E731
    made = [ok(site(api, on=d(5)), 201)["uuid"] for _ in range(3)]
    ok(site_step(api, "hetang_officer1", made[1], "open_case", on=d(4)))
    ok(site_step(api, "hetang_officer1", made[2], "record_outcome", on=d(3), outcome="self", area="10"))
    return list(Site.objects.filter(uuid__in=made))


def notices_in_every_state(api) -> list[Notice]:
    d = lambda n: (timezone.localdate() - timedelta(days=n)).isoformat()  # noqa: E731
    running = ok(notice(api, on=d(3), due=d(-5)), 201)["uuid"]
    overdue = ok(notice(api, on=d(20), due=d(5)), 201)["uuid"]
    rest = [ok(notice(api, on=d(20), due=d(5)), 201)["uuid"] for _ in range(3)]
    ok(notice_step(api, "hetang_officer1", rest[0], "comply", on=d(6)))
    ok(notice_step(api, "hetang_officer1", rest[1], "escalate", on=d(2)))
    ok(notice_step(api, "hetang_head", rest[2], "remove", on=d(2), approval="荷政函〔2026〕30号", area="12"))
    return list(Notice.objects.filter(uuid__in=[running, overdue, *rest]))
