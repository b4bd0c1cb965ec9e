from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "fazhi.permits"
    label = "permits"
    verbose_name = "行政许可"

    def ready(self):
        from fazhi.core import registry
        from fazhi.core.workflow import register
        from fazhi.permits.workflow import WORKFLOW

        register(WORKFLOW)
        registry.stream_owner("permits.Permit", "permit:", "行政许可申请")
