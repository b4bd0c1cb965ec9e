from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策和合法性审查"

    def ready(self):
        from fazhi.core import registry
        from fazhi.core.workflow import register

        # A 法律审查's log shares the `review:` prefix with a 评查 task's (supervision): both registered, each row
        # is matched with its own stream (fazhi verify names a stream whose record is gone, a record whose stream is).
        registry.stream_owner("decisions.Review", "review:", "法律审查", versioned=False)
        from fazhi.decisions.workflow import REVIEWS, WORKFLOW

        register(WORKFLOW)
        register(REVIEWS)
