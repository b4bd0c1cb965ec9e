"""Staff and public pages of 违法建设和隐患整改台账 (included from fazhi/urls.py)."""

urlpatterns: list = []
