"""Report figures: 行政许可 (issue #17; legal-rules §A.8, LIC-01..08), read from the applications (fazhi.permits):
受理 (accepted in the period, including those counted as accepted because no 补正 notice came within 5 WD), 办结
(decided: 准予 or 不予), 按期办结率 (decided within the 20 (+10 approved, 45+15 joint) working days, the hearing's
pause excluded), 平均办理时长 in working days, and the fees paid to the treasury in the period."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Sum

from fazhi.reports.base import Figure, Rate, Scope, _ratio, _yuan, missing


def _permits(s: Scope):
    from fazhi.permits.models import Permit

    return Permit.objects.filter(s.within("bureau"))


def accepted(s: Scope):
    return _permits(s).filter(accepted_on__range=(s.start, s.end))


def decided(s: Scope):
    return _permits(s).filter(decided_on__range=(s.start, s.end)).exclude(decision="")


def outcomes(s: Scope) -> dict[str, int]:
    qs = decided(s)
    out = {"准予许可": qs.filter(decision="grant").count(), "不予许可": qs.filter(decision="deny").count(),
           "不予受理": _permits(s).filter(status="not_accepted", ended_on__range=(s.start, s.end)).count()}
    return {k: v for k, v in out.items() if v}


def on_time(s: Scope) -> Rate:
    qs = decided(s)
    return _ratio(qs.filter(decision_late_days=0).count(), qs.count())


def average_days(s: Scope) -> Decimal:
    avg = decided(s).aggregate(a=Avg("work_days"))["a"]
    return Decimal(str(avg)).quantize(Decimal("0.1"), ROUND_HALF_UP) if avg is not None else Decimal(0)


def fees_paid(s: Scope):
    return _permits(s).filter(fee_status="paid", fee_paid_on__range=(s.start, s.end))


def fees(s: Scope) -> Decimal:
    return _yuan(fees_paid(s).aggregate(t=Sum("fee_amount"))["t"])


FIGURES: list[Figure] = [
    Figure("permits", "受理行政许可申请", "期间内受理的行政许可申请件数（含收到申请后五个工作日内未一次告知补正、自收到之日起即为受理的；"
           "行政许可法第三十二条）", lambda s: accepted(s).count(), accepted, "件", "受理的行政许可申请"),
    Figure("permits_done", "办结行政许可", "期间内作出准予或者不予行政许可决定的件数", lambda s: decided(s).count(), decided, "件",
           "办结的行政许可"),
    Figure("permit_outcomes", "行政许可决定", "期间内作出的准予、不予行政许可决定和不予受理决定，按结果分列", outcomes, decided, "件",
           "行政许可决定", "breakdown"),
    Figure("permits_on_time", "行政许可按期办结率", "期间内办结的行政许可中，在法定期限内（自受理之日起二十个工作日，经负责人批准延长"
           "十个工作日；联合办理四十五（+十五）个工作日；听证等时间不计入）作出决定的比例（行政许可法第四十二条、第四十五条）",
           on_time, decided, "", "办结的行政许可", "rate"),
    Figure("permits_avg_days", "行政许可平均办理时长", "期间内办结的行政许可自受理至作出决定的平均工作日数（听证等不计入期限的时间除外）",
           average_days, decided, "个工作日", "办结的行政许可"),
    Figure("permit_fees", "行政许可收费", "期间内按公布的标准收取并上缴国库的行政许可费用（减免的不计；行政许可法第五十九条）", fees,
           fees_paid, "", "行政许可收费", "money"),
    Figure("permit_enquiries", "许可咨询", "窗口接待的行政许可咨询件数", missing("窗口的许可咨询登记"), kind="missing"),
]
