from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from fazhi.org.models import Bureau, Certificate, RoleGrant, Staff


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "doc_prefix", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")


class RoleInline(admin.TabularInline):
    """Shown, never edited here: roles are granted by the 安全管理员 in 系统管理, and a leader's, 法制审核's,
    法律顾问's or administrator's role only on a second person's approval (三员分立, SEC-01/SEC-02)."""

    model = RoleGrant
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    list_display = ("username", "full_name", "bureau", "is_active")
    list_filter = ("bureau", "is_active")
    search_fields = ("username", "full_name")
    fieldsets = UserAdmin.fieldsets + (("执法信息", {"fields": ("bureau", "full_name", "phone",
                                                                "legal_qualification", "reviewed_before")}),)
    inlines = [RoleInline, CertificateInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "staff", "valid_from", "valid_until", "revoked_on")
    search_fields = ("number", "staff__full_name")
