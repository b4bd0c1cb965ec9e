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
    path("cases/<uuid:case_id>/", case_views.case_page, name="case"),
]
