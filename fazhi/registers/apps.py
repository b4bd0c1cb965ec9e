from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "fazhi.registers"
    label = "registers"
    verbose_name = "违法建设和隐患整改台账"
