from django.contrib import admin

from fazhi.core.models import Event, HolidayYear, SpecialDay


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only actions write (cases) or nobody rewrites (the event log): look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    extra = 5


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ("year", "notice")
    inlines = [SpecialDayInline]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """The record is append-only (PEN-28)."""

    list_display = ("stream", "seq", "kind", "effective_on", "actor_name", "entered_at")
    list_filter = ("kind",)
    search_fields = ("stream",)
