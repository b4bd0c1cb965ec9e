"""Staff and public pages of 行政许可 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.permits import views

urlpatterns = [
    path("permits/", views.board, name="permits"),
    path("permits/new", views.receive, name="permit_receive"),
    path("permits/fees/", views.fees, name="permit_fees"),
    path("permits/items/", views.items, name="permit_items"),
    path("permits/<uuid:uuid>/", views.permit, name="permit"),
    path("permits/<uuid:uuid>/do/<str:action>", views.step, name="permit_step"),
    path("permits/<uuid:uuid>/documents/<str:kind>.<str:fmt>", views.document, name="permit_document"),
    path("public/permits/", views.register, name="public_permits"),
    path("public/permits/apply/", views.apply_online, name="public_permit_apply"),
    path("public/permits/track/<str:code>/", views.track, name="public_permit_track"),
    path("public/permits/verify/<str:code>/", views.verify, name="public_permit_verify"),
    path("public/feed/permits.json", views.feed_json, name="public_permit_feed_json"),
    path("public/feed/permits.csv", views.feed_csv, name="public_permit_feed_csv"),
]
