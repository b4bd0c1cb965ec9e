"""Staff pages of 违法建设和隐患整改台账 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.registers import views

urlpatterns = [
    path("registers/", views.board, name="registers"),
    path("registers/sites/new", views.new_site, name="register_site_new"),
    path("registers/sites/<uuid:uuid>/", views.site, name="register_site"),
    path("registers/sites/<uuid:uuid>/do/<str:action>", views.site_step, name="register_site_step"),
    path("registers/notices/new", views.new_notice, name="register_notice_new"),
    path("registers/notices/<uuid:uuid>/", views.notice, name="register_notice"),
    path("registers/notices/<uuid:uuid>/do/<str:action>", views.notice_step, name="register_notice_step"),
    path("registers/notices/<uuid:uuid>/notice.<str:fmt>", views.notice_document, name="register_notice_document"),
]
