from django.apps import AppConfig


def _settle(*, by, on) -> int:
    from fazhi.inspections.actions import settle_publication_due

    return settle_publication_due(by=by, on=on)


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "涉企行政检查"

    def ready(self):
        from fazhi.core import registry

        registry.on_holiday_year(_settle, told="{n}项行政检查的结果公示期限已确定")
        registry.stream_owner("inspections.Inspection", "inspection:", "行政检查")
        registry.stream_owner("inspections.Draw", "draw:", "双随机抽取", versioned=False)
        from fazhi.core.workflow import register
        from fazhi.inspections.workflow import WORKFLOW

        register(WORKFLOW)
