from django.contrib import admin

from fazhi.cases.models import PenaltyCase


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(admin.ModelAdmin):
    """Read-only here: every change goes through cases.actions (the staff UI or the API)."""

    list_display = ("case_no", "decision_no", "party_name", "cause", "procedure", "status", "bureau", "next_due")
    list_filter = ("procedure", "status", "bureau")
    search_fields = ("case_no", "decision_no", "party_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
