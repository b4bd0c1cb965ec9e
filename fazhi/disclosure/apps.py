from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "信息公开"

    def ready(self):
        from fazhi.cases.actions import decision_changed
        from fazhi.disclosure.actions import withdraw_changed

        decision_changed.connect(lambda sender, case, by, on, result, **kw: withdraw_changed(case, by=by, on=on,
                                                                                            result=result),
                                 weak=False, dispatch_uid="disclosure_withdraw_changed")
