"""Staff pages of 行政强制 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.coercion import views

urlpatterns = [
    path("coercion/", views.board, name="measures"),
    path("coercion/new/<uuid:case_id>/<str:action>", views.open_measure, name="measure_open"),
    path("coercion/<uuid:uuid>/", views.measure, name="measure"),
    path("coercion/<uuid:uuid>/do/<str:action>", views.step, name="measure_step"),
    path("coercion/<uuid:uuid>/documents/<str:kind>.<str:fmt>", views.document, name="measure_document"),
]
