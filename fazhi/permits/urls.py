"""Staff and public pages of 行政许可 (included from fazhi/urls.py)."""

urlpatterns: list = []
