from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "fazhi.registers"
    label = "registers"
    verbose_name = "违法建设和隐患整改台账"

    def ready(self):
        from fazhi.core import registry
        from fazhi.core.workflow import register
        from fazhi.registers.workflow import NOTICES, SITES

        register(SITES)
        register(NOTICES)
        registry.stream_owner("registers.Site", "site:", "违法建设")
        registry.stream_owner("registers.Notice", "notice:", "整改通知")
