from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "fazhi.permits"
    label = "permits"
    verbose_name = "行政许可"
