from django.apps import AppConfig


class CitydeskConfig(AppConfig):
    name = "fazhi.citydesk"
    label = "citydesk"
    verbose_name = "数字化城管"
