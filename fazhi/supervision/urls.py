"""Staff pages of 执法监督 (included from fazhi/urls.py)."""
from django.urls import path

from fazhi.supervision import views

urlpatterns = [
    path("supervision/", views.index, name="supervision"),
    path("supervision/new", views.create, name="review_task_create"),
    path("supervision/rectifications/", views.rectifications, name="rectifications"),
    path("supervision/rectifications/<uuid:uuid>/do/<str:action>", views.rectification_step,
         name="rectification_step"),
    path("supervision/rectifications/<uuid:uuid>/file", views.rectification_file, name="rectification_file"),
    path("supervision/orders/", views.orders, name="supervision_orders"),
    path("supervision/orders/new", views.order_create, name="supervision_order_create"),
    path("supervision/orders/<uuid:uuid>/", views.order, name="supervision_order"),
    path("supervision/orders/<uuid:uuid>/do/<str:action>", views.order_step, name="supervision_order_step"),
    path("supervision/orders/<uuid:uuid>/file", views.order_file, name="supervision_order_file"),
    path("supervision/campaigns/", views.campaigns, name="campaigns"),
    path("supervision/campaigns/new", views.campaign_create, name="campaign_create"),
    path("supervision/campaigns/<uuid:uuid>/", views.campaign, name="campaign"),
    path("supervision/campaigns/<uuid:uuid>/do/<str:action>", views.campaign_step, name="campaign_step"),
    path("supervision/problems/<uuid:uuid>/", views.campaign_problem, name="campaign_problem"),
    path("supervision/problems/<uuid:uuid>/do/<str:action>", views.campaign_problem_step,
         name="campaign_problem_step"),
    path("supervision/problems/<uuid:uuid>/file", views.campaign_problem_file, name="campaign_problem_file"),
    path("supervision/sheets/<uuid:uuid>/", views.sheet, name="review_sheet"),
    path("supervision/sheets/<uuid:uuid>/do/<str:action>", views.sheet_step, name="review_sheet_step"),
    path("supervision/<uuid:uuid>/", views.task, name="review_task"),
    path("supervision/<uuid:uuid>/notice.<str:fmt>", views.notice, name="review_notice"),
]
