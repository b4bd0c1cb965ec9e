"""人事/证件 pages (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.personnel import views

urlpatterns = [
    path("staff/", views.index, name="staff_index"),
    path("staff/exams/", views.record_exam, name="staff_record_exam"),
    path("staff/apply/", views.apply, name="staff_apply"),
    path("staff/applications/<uuid:uuid>/do/<str:action>", views.application_step, name="staff_application_step"),
    path("staff/certificates/<uuid:uuid>/", views.certificate, name="staff_certificate"),
    path("staff/certificates/<uuid:uuid>/do/<str:action>", views.certificate_step, name="staff_certificate_step"),
    path("staff/people/<uuid:uuid>/", views.person, name="staff_person"),
    path("staff/training/", views.training, name="staff_training"),
]
