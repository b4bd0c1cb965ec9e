from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "fazhi.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from fazhi.citydesk.models import Category
        from fazhi.open311.services import SERVICES

        post_save.connect(SERVICES.forget, sender=Category, weak=False, dispatch_uid="open311_services_save")
        post_delete.connect(SERVICES.forget, sender=Category, weak=False, dispatch_uid="open311_services_delete")
