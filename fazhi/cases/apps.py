from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "行政处罚案件"

    def ready(self):
        from fazhi.cases.workflow import WORKFLOW
        from fazhi.core.workflow import register

        register(WORKFLOW)
