from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "fazhi.personnel"
    label = "personnel"
    verbose_name = "执法人员资格和培训"

    def ready(self):
        # The certificate's application and lifecycle on the workflow machinery (pages, API, 工作台), and the
        # 工作台 panel of certificates expiring within 60 days for whoever manages them.
        from fazhi.personnel.workflow import register_workflows

        register_workflows()
