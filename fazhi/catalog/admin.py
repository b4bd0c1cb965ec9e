from django.contrib import admin

from fazhi.catalog.models import Benchmark, DiscretionRule, ViolationType


class RuleInline(admin.TabularInline):
    model = DiscretionRule
    fields = ("group_no", "statutory_text", "rule_no", "tier", "condition_text", "standard_text")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    """Imported, not typed in: only the effective period and 停用 are edited here (never deleted)."""

    list_display = ("title", "document_no", "effective_from", "effective_until", "disabled")
    readonly_fields = ("code", "title", "document_no", "issuing_authority", "issued_on", "source", "notes",
                       "content_sha256")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ViolationType)
class ViolationTypeAdmin(admin.ModelAdmin):
    list_display = ("seq", "name", "law_title", "benchmark")
    list_filter = ("benchmark", "law_title")
    search_fields = ("name", "basis_text")
    readonly_fields = ("benchmark", "code", "seq", "law_title", "name", "basis_text", "provisions", "ranges")
    inlines = [RuleInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
