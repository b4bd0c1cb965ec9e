from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策和合法性审查"

    def ready(self):
        from fazhi.core.workflow import register
        from fazhi.decisions.workflow import REVIEWS, WORKFLOW

        register(WORKFLOW)
        register(REVIEWS)
