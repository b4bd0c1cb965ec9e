from django.apps import AppConfig


def _settle(*, by, on) -> int:
    from fazhi.disclosure.actions import settle_publications

    return settle_publications(by=by, on=on)


def _withdrawn(bodies: list[dict]) -> dict:
    return {"withdrawn": any(b.get("kind") == "withdraw" for b in bodies)}


def _check(a, name: str, row: dict, last) -> None:
    if bool(row["withdrawn_on"]) != last.fields.get("withdrawn"):
        a.add(name, "撤回状态与全过程记录不一致：记录被绕过全过程记录修改")


def _preview(case, also_text: str = ""):
    from fazhi.disclosure.preview import publish_preview

    return publish_preview(case, also_text)


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "信息公开"

    def ready(self):
        from fazhi.cases.actions import decision_changed
        from fazhi.core import registry
        from fazhi.disclosure.actions import withdraw_changed

        decision_changed.connect(lambda sender, case, by, on, result, **kw: withdraw_changed(case, by=by, on=on,
                                                                                            result=result),
                                 weak=False, dispatch_uid="disclosure_withdraw_changed")
        registry.on_holiday_year(_settle, told="{n}件处罚决定的公开期限已确定")
        registry.stream_owner("disclosure.Publication", "publication:", "公开信息", versioned=False,
                              columns=("withdrawn_on",), summarise=_withdrawn, check=_check)
        # The case page's 公开 form shows exactly what publishing will put on the portal.
        registry.provide("case_publish_preview", _preview)
