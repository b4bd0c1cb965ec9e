from django.contrib import admin
from django.urls import include, path

from fazhi.api import api
from fazhi.cases import views as case_views

admin.site.site_header = admin.site.site_title = "法治 · 城管综合执法平台 管理后台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("", case_views.queue, name="queue"),
    path("cases/new/", case_views.new_case, name="new_case"),
    path("field/", case_views.field_decision, name="field"),
    path("cases/<uuid:case_id>/", case_views.case_page, name="case"),
    path("cases/<uuid:case_id>/do/<str:action>/", case_views.case_action, name="case_action"),
    path("cases/<uuid:case_id>/evidence/", case_views.upload_evidence, name="upload_evidence"),
]
