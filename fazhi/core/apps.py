from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        from fazhi.core.calendar import connect_signals

        connect_signals()
        from fazhi.core import security  # noqa: F401 — registers the deploy check on the secret key
