from django.contrib import admin

from fazhi.cases.models import PenaltyCase
from fazhi.core.admin import ReadOnlyAdmin


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(ReadOnlyAdmin):
    """Every change goes through cases.actions (the staff UI or the API)."""

    list_display = ("case_no", "decision_no", "party_name", "cause", "procedure", "status", "bureau", "next_due")
    list_filter = ("procedure", "status", "bureau")
    search_fields = ("case_no", "decision_no", "party_name")
