"""Issue 5 acceptance: the §C.1 KPI figures for a month equal a hand-computed expectation.

Eight issues in 荷塘 in March 2026, moved through the loop by the real actions at fixed times. Working hours are
the default 08:00–12:00 and 14:30–17:30 (420 minutes a day, so 0.5 工作日 = 210 minutes); 暴露垃圾 has 2 工作时.
Every expected number below is worked out by hand in the comments, not by the code under test."""
from datetime import datetime
from decimal import Decimal as D

import pytest

from fazhi.citydesk import actions as C
from fazhi.citydesk import figures
from fazhi.citydesk.models import IssueStatus
from fazhi.org.models import Role
from tests.citydesk.desk import HETANG_WGS84, TZ, person


def t(day, hm):
    h, m = hm.split(":")
    return datetime(2026, 3, day, int(h), int(m), tzinfo=TZ)


@pytest.fixture
def month(desk):
    b = desk["region"].bureau
    P1, O1, L1, D1, W = (desk[k] for k in ("desk_patroller", "desk_operator", "desk_leader", "desk_dispatcher",
                                          "sanitation_worker"))
    P2, O2, L2 = person(b, "p2", Role.PATROLLER), person(b, "o2", Role.OPERATOR), person(b, "l2", Role.SHIFT_LEADER)
    D2, CMD = person(b, "d2", Role.DISPATCHER), person(b, "cmd", Role.COMMANDER)
    cat, lng, lat = desk["category"], *HETANG_WGS84

    def new(channel, by, at, **kw):
        return C.report(channel=channel, category=cat, description="垃圾", lng=lng, lat=lat, by=by, at=at, **kw)

    # I1 patrol P1, Mon 9 Mar: every step on time.
    i = new("patrol", P1, t(9, "09:00"))
    i = C.accept(i, by=O1, at=t(9, "09:10"))
    i = C.register(i, by=L1, condition_met=True, at=t(9, "09:30"))
    i = C.dispatch(i, by=D1, at=t(9, "10:00"))                       # due 12:00
    i = C.handle(i, by=W, feedback="清运", at=t(9, "11:00"))
    i = C.verify(i, by=P1, ok=True, at=t(9, "11:30"))
    C.close(i, by=L1, at=t(9, "11:40"))
    # I2 hotline: accepted late (09:00 + 210 min → 15:00), dispatched late (15:20 + 60 → 16:20), handled late
    # (17:00 + 2 h → 17:30 + 90 min next day = 09:30 on the 10th), verified late (10:00 + 120 → 12:00).
    i = new("hotline", O1, t(9, "09:00"))
    i = C.accept(i, by=O1, at=t(9, "15:10"))
    i = C.register(i, by=L1, condition_met=True, at=t(9, "15:20"))
    i = C.dispatch(i, by=D1, at=t(9, "17:00"))
    assert i.due_at == t(10, "09:30")
    i = C.handle(i, by=W, feedback="清运", at=t(10, "10:00"))
    i = C.verify(i, by=P2, ok=True, at=t(10, "14:40"))
    C.close(i, by=L2, at=t(10, "14:50"))
    # I3 patrol P1: accepted, then voided (not a valid report).
    i = new("patrol", P1, t(10, "09:00"))
    C.void(C.accept(i, by=O2, at=t(10, "09:05")), by=O2, reason="非城市管理问题", at=t(10, "09:06"))
    # I4 web: registered by L2, then 撤销立案 by L2.
    i = new("web", None, t(10, "09:00"))
    i = C.register(C.accept(i, by=O2, at=t(10, "09:30")), by=L2, condition_met=True, at=t(10, "09:40"))
    C.void(i, by=L2, reason="重复立案", at=t(10, "09:50"))
    # I5 patrol P2: D2 dispatches, the unit returns it (回退), L1 rules and sends it back; one 返工.
    i = new("patrol", P2, t(11, "09:00"))
    i = C.register(C.accept(i, by=O1, at=t(11, "09:05")), by=L2, condition_met=True, at=t(11, "09:10"))
    i = C.give_back(C.dispatch(i, by=D2, at=t(11, "09:20")), by=W, reason="非本单位职责", at=t(11, "09:30"))
    i = C.dispatch(i, by=L1, unit=desk["unit"], ruling="属地管理", at=t(11, "10:00"))  # due 12:00
    i = C.handle(i, by=W, feedback="清运", at=t(11, "11:00"))
    i = C.verify(i, by=P2, ok=False, note="有残留", at=t(11, "11:20"))
    i = C.handle(i, by=W, feedback="再清运", at=t(11, "11:40"))
    i = C.verify(i, by=P2, ok=True, at=t(11, "11:50"))
    C.close(i, by=L1, at=t(11, "12:00"))
    # I6 open311: handled late (due 11:30, handled 14:40); 超时申诉 approved twice → exempt.
    i = new("open311", None, t(11, "09:00"))
    i = C.register(C.accept(i, by=O1, at=t(11, "09:10")), by=L1, condition_met=True, at=t(11, "09:20"))
    i = C.dispatch(i, by=D1, at=t(11, "09:30"))
    i = C.handle(i, by=W, feedback="清运", at=t(11, "14:40"))
    i = C.close(C.verify(i, by=P1, ok=True, at=t(11, "15:00")), by=L2, at=t(11, "15:10"))
    req = C.apply(i, by=W, kind="appeal", reason="车辆故障", at=t(11, "15:20"))
    C.review(C.review(req, by=L2, approve=True, at=t(11, "15:30")), by=CMD, approve=True, at=t(11, "15:40"))
    # I7 hotline: 挂账 (approved by the 指挥长).
    i = new("hotline", O2, t(12, "09:00"))
    i = C.register(C.accept(i, by=O2, at=t(12, "09:10")), by=L2, condition_met=True, at=t(12, "09:20"))
    i = C.dispatch(i, by=D2, at=t(12, "09:30"))
    C.review(C.apply(i, by=W, kind="shelve", reason="需改造", at=t(12, "09:40")), by=CMD, approve=True,
             at=t(12, "09:50"))
    # I8 自处理 by P2.
    new("self", P2, t(12, "10:00"), fixed="已当场清理")
    # One issue in April must not count.
    new("patrol", P1, datetime(2026, 4, 1, 9, 0, tzinfo=TZ))
    return {"P1": P1, "P2": P2, "O1": O1, "O2": O2, "L1": L1, "L2": L2, "D1": D1, "D2": D2}


def _board(boards, role):
    return {name: (values, composite) for name, values, composite in next(b for b in boards if b.role == role).table}


def test_kpi_figures_for_a_month_equal_the_hand_computed_ones(month, desk):
    from datetime import date

    boards = figures.appraisal(date(2026, 3, 1), date(2026, 3, 31))
    n = {k: v.full_name for k, v in month.items()}
    # 监督员: P1 reported I1 (valid) and I3 (voided) → 50%; verified I1 and I6 on time → 100%; 50×.6 + 100×.4 = 70.
    # P2 reported I5 and I8 (自处理 counts) → 100%; verified I2 late, I5 on time → 50%; 60 + 20 = 80.
    assert _board(boards, "supervisor") == {n["P2"]: ([D("100.00"), D("50.00")], D("80.00")),
                                            n["P1"]: ([D("50.00"), D("100.00")], D("70.00"))}
    # 受理员: O1 accepted I1, I2 (late), I5, I6 → 75%; O2 I3, I4, I7 → 100%. Volume score: 4/4 and 3/4.
    # O1: 100×.25 + 75×.75 = 81.25; O2: 75×.25 + 100×.75 = 93.75.
    assert _board(boards, "operator") == {n["O2"]: ([D("75.00"), D("100.00")], D("93.75")),
                                          n["O1"]: ([D("100.00"), D("75.00")], D("81.25"))}
    # 值班长: L1 registered I1, I2, I6, all on time, none voided; of the closed, I1 and I6 (exempt) in time, I2 not
    # → 66.67; 25 + 40 + 66.67×.35 = 88.3345 → 88.33. L2 registered I4 (then voided), I5, I7: 准确 2/3 = 66.67;
    # closed only I5, in time; 25 + 66.67×.4 + 35 = 86.668 → 86.67.
    assert _board(boards, "shift_leader") == {
        n["L1"]: ([D("100.00"), D("100.00"), D("66.67")], D("88.33")),
        n["L2"]: ([D("100.00"), D("66.67"), D("100.00")], D("86.67"))}
    # 派遣员: D1 dispatched I1, I2 (late), I6 → 按时 66.67, none returned → 准确 100, volume 3/3;
    # 20 + 26.668 + 40 = 86.668 → 86.67. D2 dispatched I5 (returned) and I7 (on time): volume 2/3 = 66.67,
    # 按时 100, 准确 1/2 = 50; 13.334 + 40 + 20 = 73.334 → 73.33. L1's re-dispatch after the return is counted
    # but not timed: no 按时派遣率, so no composite.
    assert _board(boards, "dispatcher") == {
        n["D1"]: ([D("100.00"), D("66.67"), D("100.00")], D("86.67")),
        n["D2"]: ([D("66.67"), D("100.00"), D("50.00")], D("73.33")),
        n["L1"]: ([D("33.33"), None, D("100.00")], None)}
    # 处置单位: due I1, I2, I5, I6 (I7 shelved) → all handled; in time I1, I5, I6 (exempt) → 75; 返工 I5 → 25;
    # 30 + 37.5 + 75×.2 = 82.50.
    assert _board(boards, "unit") == {"荷塘区环境卫生管理所": ([D("100.00"), D("75.00"), D("25.00")], D("82.50"))}
    # 区域: registered and not voided I1, I2, I5, I6, I7 → 5, public I2, I6, I7 → 60; due to close 4, closed 4,
    # in time 3 → 75; 40 + 30 + 40×.2 = 78.
    assert _board(boards, "region") == {"荷塘区": ([D("100.00"), D("75.00"), D("60.00")], D("78.00"))}
    s = figures.summary(date(2026, 3, 1), date(2026, 3, 31))
    assert s == {"received": 8, "registered": 5, "closed": 4, "closed_in_time": 3, "self_fixed": 1, "public": 4,
                 "to_case": 0}


def test_the_appeal_leaves_the_raw_time_out_visible(month):
    from fazhi.citydesk.models import Issue

    i6 = Issue.objects.get(channel="open311")
    assert i6.exempt and i6.timed_out and i6.status == IssueStatus.CLOSED
