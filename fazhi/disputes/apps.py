from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "行政复议和行政应诉"

    def ready(self):
        from fazhi.core.workflow import register
        from fazhi.disputes.workflow import WORKFLOW

        register(WORKFLOW)
