from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self):
        from fazhi.core.workflow import register
        from fazhi.supervision.workflow import ORDERS, RECTIFICATIONS, SHEETS

        register(SHEETS)
        register(RECTIFICATIONS)
        register(ORDERS)
