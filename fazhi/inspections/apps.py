from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "涉企行政检查"

    def ready(self):
        from fazhi.core import registry

        registry.stream_owner("inspections.Inspection", "inspection:", "行政检查")
        registry.stream_owner("inspections.Draw", "draw:", "双随机抽取", versioned=False)
        from fazhi.core.workflow import register
        from fazhi.inspections.workflow import WORKFLOW

        register(WORKFLOW)
