"""Staff and public pages of 重大行政决策和合法性审查 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.decisions import views

urlpatterns = [
    path("decisions/", views.board, name="decisions"),
    path("decisions/reviews/", views.queue, name="decisions_queue"),
    path("decisions/reviews/new", views.queue_register, name="decisions_queue_register"),
    path("decisions/reviews/<uuid:uuid>/<str:step>", views.queue_step, name="decisions_queue_step"),
    path("decisions/<uuid:uuid>/", views.decision, name="decision"),
    path("decisions/<uuid:uuid>/actions/<str:action>", views.step, name="decision_step"),
    path("decisions/<uuid:uuid>/documents/<str:kind>.<str:fmt>", views.document, name="decision_document"),
    path("public/major-decisions/", views.public_index, name="public_major_decisions"),
]
