from django.apps import AppConfig
from django.core import checks


@checks.register()
def appraisal_weights(app_configs, **kwargs):
    """FAZHI_APPRAISAL_WEIGHTS must sum to 100% per role: refuse to start rather than rate people on a bad scale."""
    from fazhi.citydesk.figures import weights
    from fazhi.law.appraisal import check_weights

    try:
        check_weights(weights())
    except ValueError as e:
        return [checks.Error(str(e), hint="修改 FAZHI_APPRAISAL_WEIGHTS，使每类考核对象的权重合计为100", id="fazhi.E001")]
    return []


def _settle(*, by, on) -> int:
    from fazhi.citydesk.actions import settle_due

    return settle_due(by=by)


class CitydeskConfig(AppConfig):
    name = "fazhi.citydesk"
    label = "citydesk"
    verbose_name = "数字化城管"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from fazhi.cases.actions import case_closed
        from fazhi.citydesk.actions import REGIONS, case_outcome
        from fazhi.citydesk.models import Region
        from fazhi.core import registry

        post_save.connect(REGIONS.forget, sender=Region, weak=False)
        post_delete.connect(REGIONS.forget, sender=Region, weak=False)
        case_closed.connect(lambda sender, case, **kw: case_outcome(case), weak=False,
                            dispatch_uid="citydesk_case_outcome")
        registry.on_holiday_year(_settle, told="{n}件城市管理问题的处置时限已确定")
        registry.stream_owner("citydesk.Issue", "issue:", "城市管理问题")
