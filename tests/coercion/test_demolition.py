"""强制拆除 by the bureau through the API (issue #20 part 2): the government's order (城乡规划法 Art 68), the 公告 with a
deadline (ENF-06), the 催告 (ENF-04), the lapse of the 复议/诉讼 periods (ENF-06), by day and not on a holiday (ENF-05),
continuous audio-video (REC-01), the 执行协议 (ENF-08)."""
from fazhi.coercion.models import Measure
from tests.coercion.helpers import EXECUTION, demanded, demolition, ok, refused, served_case, step


def _execute(api, m, start, end, **kw):
    return step(api, "hetang_officer1", m, "execute", on=end[:10], started_at=start, ended_at=end, **{**EXECUTION, **kw})


def test_ENF_06_demolition_one_day_before_and_on_the_day_the_periods_lapse(api):
    m = demanded(api)  # decision served Monday 2026-03-16: the 起诉期限's last day is Wednesday 2026-09-16
    refused(_execute(api, m, "2026-09-16T09:00:00+08:00", "2026-09-16T12:00:00+08:00"), "ENF-06")
    x = ok(_execute(api, m, "2026-09-17T09:00:00+08:00", "2026-09-17T12:00:00+08:00"))
    assert x["status"] == "executed" and x["demolished_area"] == "86.50"


def test_ENF_05_execution_at_22_00_and_on_a_holiday_refused_06_00_accepted(api):
    m = demanded(api)
    refused(_execute(api, m, "2026-09-17T22:00:00+08:00", "2026-09-17T23:00:00+08:00"), "ENF-05")
    refused(_execute(api, m, "2026-09-18T05:59:00+08:00", "2026-09-18T09:00:00+08:00"), "ENF-05")
    refused(_execute(api, m, "2026-10-02T09:00:00+08:00", "2026-10-02T12:00:00+08:00"), "ENF-05")   # 国庆节
    refused(_execute(api, m, "2026-09-18T06:00:00+08:00", "2026-09-18T09:00:00+08:00", video=""), "REC-01")
    ok(_execute(api, m, "2026-09-18T06:00:00+08:00", "2026-09-18T09:00:00+08:00"))


def test_ENF_05_an_emergency_allows_a_holiday(api):
    m = demanded(api)
    ok(_execute(api, m, "2026-10-02T09:00:00+08:00", "2026-10-02T12:00:00+08:00", emergency="彩钢板房在台风中随时坠落"))


def test_ENF_05_execution_begun_at_21_59_and_ended_at_22_00_accepted(api):
    m = demanded(api)
    ok(_execute(api, m, "2026-09-17T21:59:00+08:00", "2026-09-17T22:00:00+08:00"))


def test_ENF_06_ENF_04_notice_demand_and_order(api):
    m = demolition(api)
    refused(step(api, "hetang_officer1", m, "announce", on="2026-03-23", deadline="2026-03-23"), "ENF-06")
    ok(step(api, "hetang_officer1", m, "announce", on="2026-03-23", deadline="2026-04-10"))
    refused(step(api, "hetang_officer1", m, "demand", on="2026-04-13", deadline="2026-04-20"), "ENF-04")  # no rights
    ok(step(api, "hetang_officer1", m, "demand", on="2026-04-13", deadline="2026-04-20", statement_rights=True))
    refused(_execute(api, m, "2026-04-20T09:00:00+08:00", "2026-04-20T12:00:00+08:00"), "ENF-04")  # within the 催告
    refused(_execute(api, m, "2026-09-17T09:00:00+08:00", "2026-09-17T12:00:00+08:00", decided_by="hetang_officer2"),
            "CO-ROLE", status=403)


def test_ENF_06_no_demolition_before_service_nor_without_the_government_order(api):
    from tests.test_disclosure import decided

    case = decided(api)  # decided, not served
    refused((lambda r: r)(api("hetang_officer1").post("/coercion/demolitions", {
        "on": "2026-03-20", "case": str(case.uuid), "government_order": "荷政函〔2026〕12号", "structure": "彩钢板房",
        "place": "新华西路12号", "area": "10", "reason": "逾期未拆除"})), "ENF-06")


def test_ENF_08_agreement_staged_reduced_fee_only_after_remedy_and_its_breach(api):
    case = served_case(api)
    m = demanded(api, case)
    refused(step(api, "hetang_head", m, "agree", on="2026-04-21", reduction="50.00", no_harm=True), "ENF-08")
    ok(step(api, "hetang_head", m, "agree", on="2026-04-21", stages="4月30日前拆除二层，5月15日前拆除一层", no_harm=True))
    ok(step(api, "hetang_head", m, "resume", on="2026-05-18", reason="逾期未拆除一层"))
    ok(step(api, "hetang_head", m, "agree", on="2026-05-19", remedied=True, reduction="50.00", no_harm=True,
            stages="5月31日前拆除一层"))
    x = ok(step(api, "hetang_officer1", m, "record_performance", on="2026-05-29", area="86.50", reason="已拆除并清理"))
    assert x["status"] == "performed" and Measure.objects.get(uuid=m).outcome == "agreement"
