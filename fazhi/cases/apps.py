from django.apps import AppConfig


def _settle(*, by, on) -> int:
    from fazhi.cases.actions import settle_deadlines

    return settle_deadlines(by=by, on=on)


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "行政处罚案件"

    def ready(self):
        from fazhi.cases import integrity
        from fazhi.cases.views import desk_panel
        from fazhi.cases.workflow import WORKFLOW
        from fazhi.core import registry
        from fazhi.core.workflow import PANELS, DeskPanel, register

        register(WORKFLOW)
        PANELS.append(DeskPanel("cases/_desk.html", desk_panel))

        registry.on_holiday_year(_settle, told="{n}件案件的期限已据此确定", always=True)
        registry.stream_owner("cases.PenaltyCase", "case:", "案件", head_on_row=True, columns=integrity.COLUMNS,
                              summarise=integrity.summarise, name=integrity.name, check=integrity.check)
        # Issued documents are named by the chain alone (actions.issue_documents), by no row.
        registry.blobs_in_events("issue_documents", lambda data: [d["sha256"] for d in data.get("documents", [])])
