"""Staff and public pages of 重大行政决策和合法性审查 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.decisions import views

urlpatterns = [
    path("decisions/", views.board, name="decisions"),
    path("decisions/catalogues/new", views.catalogue_create, name="decisions_catalogue_create"),
    path("decisions/catalogues/<uuid:uuid>/items", views.catalogue_item, name="decisions_catalogue_item"),
    path("decisions/catalogues/<uuid:uuid>/publish", views.catalogue_publish, name="decisions_catalogue_publish"),
    path("decisions/catalogue-items/<uuid:uuid>/withdraw", views.item_withdraw, name="decisions_item_withdraw"),
    path("decisions/new", views.launch, name="decisions_launch"),
    path("decisions/reviews/", views.queue, name="decisions_queue"),
    path("decisions/reviews/new", views.queue_register, name="decisions_queue_register"),
    path("decisions/reviews/<uuid:uuid>/", views.review, name="decisions_review"),
    path("decisions/reviews/<uuid:uuid>/actions/<str:action>", views.review_step, name="decisions_review_step"),
    path("decisions/reviews/<uuid:uuid>/attach", views.review_attach, name="decisions_review_attach"),
    path("decisions/reviews/<uuid:uuid>/files/<str:sha256>", views.review_file, name="decisions_review_file"),
    path("decisions/reviews/<uuid:uuid>/opinion.<str:fmt>", views.review_document, name="decisions_review_document"),
    path("decisions/<uuid:uuid>/", views.decision, name="decision"),
    path("decisions/<uuid:uuid>/actions/<str:action>", views.step, name="decision_step"),
    path("decisions/<uuid:uuid>/documents/<str:kind>.<str:fmt>", views.document, name="decision_document"),
    path("public/major-decisions/", views.public_index, name="public_major_decisions"),
]
