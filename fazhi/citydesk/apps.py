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


def _home(user) -> str | None:
    """The 工作台 of the 数字化城管 roles is their issue list; the 监督员's is the phone page (a role that also
    works on cases stays on the common 工作台)."""
    from django.urls import reverse

    from fazhi.org.access import Kind, may

    if not user.is_authenticated or may(user, Kind.CASES):
        return None
    if may(user, Kind.ISSUES, Kind.UNIT_ISSUES):
        return reverse("citydesk")
    if may(user, Kind.OWN_ISSUES):
        return reverse("citydesk_patrol")
    return None


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
        from fazhi.citydesk.workflow import WORKFLOW
        from fazhi.core.workflow import HOMES, register

        register(WORKFLOW)
        HOMES.append(_home)
