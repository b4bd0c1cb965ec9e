"""The bureau edits its permit items (materials, 示范文本, promised limits, fees with their basis, quantity limits)
here; nothing is deleted (停用 instead)."""
from django.contrib import admin

from fazhi.permits.models import PermitItem


@admin.register(PermitItem)
class PermitItemAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "bureau", "legal_days", "promised_days", "fee_name", "fee_rate", "disabled")
    list_filter = ("bureau", "disabled")
    search_fields = ("code", "name")

    def has_delete_permission(self, request, obj=None):
        return False
