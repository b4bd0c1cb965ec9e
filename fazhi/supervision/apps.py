from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self):
        from fazhi.core.workflow import register
        from fazhi.supervision import integrity

        integrity.register()
        from fazhi.core import registry
        from fazhi.supervision.queries import open_orders_on

        registry.provide("open_orders_on", open_orders_on)   # the "督办" row of the case and issue pages
        from fazhi.supervision.workflow import CAMPAIGNS, ORDERS, PROBLEMS, RECTIFICATIONS, SHEETS

        register(SHEETS)
        register(RECTIFICATIONS)
        register(ORDERS)
        register(CAMPAIGNS)
        register(PROBLEMS)
