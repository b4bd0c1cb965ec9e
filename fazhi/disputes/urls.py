"""Staff and public pages of 行政复议和行政应诉 (included from fazhi/urls.py)."""

urlpatterns: list = []
