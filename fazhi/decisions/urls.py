"""Staff and public pages of 重大行政决策和合法性审查 (included from fazhi/urls.py)."""

urlpatterns: list = []
