from django.apps import AppConfig


class CoercionConfig(AppConfig):
    name = "fazhi.coercion"
    label = "coercion"
    verbose_name = "行政强制"

    def ready(self):
        from fazhi.coercion.workflow import WORKFLOW
        from fazhi.core import registry
        from fazhi.core.workflow import register

        register(WORKFLOW)
        registry.stream_owner("coercion.Measure", "measure:", "行政强制")
        registry.on_holiday_year(_settle, told="行政强制期限")
        registry.provide("case_measures", _case_measures)


def _case_measures(case, user, today):
    from fazhi.coercion.queries import case_panel

    return case_panel(case, user, today)


def _settle(*, by, on) -> int:
    from fazhi.coercion.actions import settle_due

    return settle_due(by=by, on=on)
