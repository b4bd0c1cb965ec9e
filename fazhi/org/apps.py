from django.apps import AppConfig


def _may_enter_holidays(user) -> bool:
    from fazhi.org.models import LEADERS, Role

    return user.has_role(*LEADERS, Role.ADMIN)


def _token_user(key: str):
    from fazhi.org.models import ApiToken

    return ApiToken.authenticate(key)


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "机构与人员"

    def ready(self):
        from fazhi.core import registry

        # The core asks the org kernel who may enter the year's holiday table, and whose an API token is.
        registry.provide("may_enter_holidays", _may_enter_holidays)
        registry.provide("api_token_user", _token_user)
        # Pending role grants (三员分立, SEC-02) on the workflow machinery: the 工作台 of those who approve them.
        from fazhi.org.workflow import register_workflow

        register_workflow()
