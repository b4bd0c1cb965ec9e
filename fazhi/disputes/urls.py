"""Staff pages of 行政复议和行政应诉 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.disputes import views

urlpatterns = [
    path("disputes/", views.board, name="disputes"),
    path("disputes/new", views.receive, name="dispute_receive"),
    path("disputes/suggestions/", views.suggestions, name="dispute_suggestions"),
    path("disputes/suggestions/new", views.suggestion_receive, name="dispute_suggestion_receive"),
    path("disputes/suggestions/<uuid:uuid>/reply", views.suggestion_reply, name="dispute_suggestion_reply"),
    path("disputes/<uuid:uuid>/", views.dispute, name="dispute"),
    path("disputes/<uuid:uuid>/do/<str:action>", views.step, name="dispute_step"),
    path("disputes/<uuid:uuid>/documents/<str:kind>.<str:fmt>", views.document, name="dispute_document"),
]
