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


class CitydeskConfig(AppConfig):
    name = "fazhi.citydesk"
    label = "citydesk"
    verbose_name = "数字化城管"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from fazhi.cases.actions import case_closed
        from fazhi.citydesk.actions import REGIONS, case_outcome
        from fazhi.citydesk.models import Category, Region
        from fazhi.open311.views import SERVICES

        for model, snapshot in ((Region, REGIONS), (Category, SERVICES)):
            post_save.connect(snapshot.forget, sender=model, weak=False)
            post_delete.connect(snapshot.forget, sender=model, weak=False)
        case_closed.connect(lambda sender, case, **kw: case_outcome(case), weak=False,
                            dispatch_uid="citydesk_case_outcome")
