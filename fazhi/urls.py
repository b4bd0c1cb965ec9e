from django.contrib import admin
from django.urls import include, path

from fazhi.api import api
from fazhi.cases import views as case_views
from fazhi.catalog import views as catalog_views
from fazhi.citydesk import views as citydesk_views
from fazhi.core import views as core_views
from fazhi.disclosure import views as public
from fazhi.inspections import views as inspection_views
from fazhi.open311 import views as open311
from fazhi.org import manage as org_manage
from fazhi.org import views as org_views
from fazhi.org.throttle import AdminLoginForm
from fazhi.reports import views as report_views

admin.site.site_header = admin.site.site_title = "法治 · 城管综合执法平台 管理后台"
admin.site.login_form = AdminLoginForm  # the admin's login is throttled and says why it refuses, too

handler400 = "fazhi.core.params.bad_request"  # bad input: a 400 page with its reason in Chinese
handler403 = "fazhi.core.params.forbidden"  # a PermissionDenied with its reason in Chinese

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", org_views.Login.as_view(), name="login"),
    path("accounts/tokens/", org_views.tokens, name="tokens"),
    path("accounts/tokens/new/", org_views.token_new, name="token_new"),
    path("accounts/tokens/<str:token_id>/revoke/", org_views.token_revoke, name="token_revoke"),
    path("accounts/lockouts/", org_views.lockouts, name="lockouts"),
    path("accounts/lockouts/<uuid:lockout_id>/unlock/", org_views.unlock, name="unlock"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("", include("fazhi.permits.urls")),
    path("", include("fazhi.disputes.urls")),
    path("", include("fazhi.coercion.urls")),
    path("", include("fazhi.decisions.urls")),
    path("", include("fazhi.supervision.urls")),
    path("", include("fazhi.registers.urls")),
    path("", include("fazhi.personnel.urls")),
    path("", core_views.desk, name="queue"),
    path("calendar/holidays/", core_views.holidays, name="holidays"),
    path("cases/", case_views.case_search, name="case_search"),
    path("cases/export.xlsx", case_views.case_search_export, name="case_search_export"),
    path("access-log/", org_views.read_log, name="read_log"),
    path("manage/", org_manage.index, name="manage"),
    path("manage/grants/", org_manage.grants, name="manage_grants"),
    path("manage/grants/<uuid:uuid>/do/<str:action>", org_manage.grant_step, name="manage_grant_step"),
    path("audit/", org_manage.audit_log, name="audit_log"),
    path("manage/staff/<uuid:staff_id>/", org_manage.staff_page, name="manage_staff"),
    path("manage/staff/<uuid:staff_id>/<str:step>/", org_manage.staff_step, name="manage_staff_step"),
    path("manage/bureaus/<str:code>/settings/", org_manage.settings_page, name="manage_settings"),
    path("catalog/", catalog_views.index, name="catalog"),
    path("inspections/", inspection_views.board, name="inspections"),
    path("inspections/plan/", inspection_views.plan, name="inspection_plan"),
    path("inspections/search/", inspection_views.inspection_search, name="inspection_search"),
    path("inspections/export.xlsx", inspection_views.inspection_search_export, name="inspection_search_export"),
    path("inspections/<uuid:inspection_id>/", inspection_views.inspection, name="inspection"),
    path("inspections/<uuid:inspection_id>/<str:action>/", inspection_views.step, name="inspection_step"),
    path("draws/commit/", inspection_views.commit, name="draw_commit"),
    path("draws/<uuid:draw_id>/run/", inspection_views.run, name="draw_run"),
    path("cases/<uuid:case_id>/publish/", public.publish_case, name="publish_case"),
    path("publications/<uuid:publication_id>/withdraw/", public.withdraw_publication, name="withdraw_publication"),
    path("reports/annual/", report_views.annual_current, name="annual_report_current"),
    path("reports/dashboard/", report_views.dashboard, name="dashboard"),
    path("reports/annual/<str:code>/<int:year>/", report_views.annual, name="annual_report"),
    path("reports/annual/<str:code>/<int:year>.<str:fmt>", report_views.annual_file, name="annual_report_file"),
    path("reports/annual/<str:code>/<int:year>/months.png", report_views.month_chart_png, name="month_chart"),
    path("citydesk/", citydesk_views.board, name="citydesk"),
    path("citydesk/intake/", citydesk_views.intake, name="citydesk_intake"),
    path("citydesk/patrol/", citydesk_views.patrol, name="citydesk_patrol"),
    path("citydesk/map/", citydesk_views.map_page, name="citydesk_map"),
    path("citydesk/search/", citydesk_views.issue_search, name="issue_search"),
    path("citydesk/export.xlsx", citydesk_views.issue_search_export, name="issue_search_export"),
    path("citydesk/map.json", citydesk_views.map_data, name="citydesk_map_data"),
    path("citydesk/appraisal/", citydesk_views.appraisal, name="citydesk_appraisal"),
    path("citydesk/i/<uuid:issue_id>/", citydesk_views.issue_page, name="citydesk_issue"),
    path("citydesk/requests/<int:request_id>/review/", citydesk_views.review_request, name="citydesk_review"),
    path("citydesk/photos/<str:sha256>/", citydesk_views.photo, name="citydesk_photo"),
    path("citydesk/<uuid:issue_id>/<str:action>/", citydesk_views.step, name="citydesk_step"),
    path("open311/discovery.<str:fmt>", open311.discovery, name="open311_discovery"),
    path("open311/v2/services.<str:fmt>", open311.services, name="open311_services"),
    path("open311/v2/services/<str:service_code>.<str:fmt>", open311.service_definition),
    path("open311/v2/requests.<str:fmt>", open311.requests, name="open311_requests"),
    path("open311/v2/request/<str:request_id>.<str:fmt>", open311.request_one, name="open311_request"),
    path("open311/v2/tokens/<str:token_id>.<str:fmt>", open311.tokens),
    path("open311/v2/challenge.<str:fmt>", open311.challenge_question, name="open311_challenge"),
    path("open311/v2/servicerequestupdates.<str:fmt>", open311.request_updates, name="open311_updates"),
    path("public/", public.index, name="public"),
    path("public/report/", public.report_issue, name="public_report"),
    path("public/track/<str:code>/", public.track, name="public_track"),
    path("public/decisions/", public.decisions, name="public_decisions"),
    path("public/decisions/<uuid:publication_id>/", public.decision, name="public_decision"),
    path("public/inspections/", public.inspections, name="public_inspections"),
    path("public/lists/", public.lists, name="public_lists"),
    path("public/lists.xlsx", public.lists_xlsx, name="public_lists_xlsx"),
    path("public/feed/penalties.json", public.feed_json, name="public_feed_json"),
    path("public/feed/penalties.csv", public.feed_csv, name="public_feed_csv"),
    path("check/<str:code>/", inspection_views.check_in, name="check_in"),
    path("check/<str:code>/qr.svg", inspection_views.check_in_qr, name="check_in_qr"),
    path("draws/<uuid:draw_id>.json", inspection_views.draw_publication, name="draw_publication"),
    path("catalog/four-lists.xlsx", catalog_views.four_lists_xlsx, name="catalog_four_lists"),
    path("catalog/benchmarks/<str:code>/", catalog_views.benchmark, name="catalog_benchmark"),
    path("catalog/benchmarks/<str:code>.xlsx", catalog_views.benchmark_xlsx, name="catalog_benchmark_xlsx"),
    path("catalog/powers/<str:code>/", catalog_views.power_list, name="catalog_power_list"),
    path("cases/new/", case_views.new_case, name="new_case"),
    path("field/", case_views.field_decision, name="field"),
    path("cases/<uuid:case_id>/", case_views.case_page, name="case"),
    path("cases/<uuid:case_id>/do/<str:action>/", case_views.case_action, name="case_action"),
    path("cases/<uuid:case_id>/evidence/", case_views.upload_evidence, name="upload_evidence"),
]
