"""Staff and public pages of 执法监督 (included from fazhi/urls.py)."""

urlpatterns: list = []
