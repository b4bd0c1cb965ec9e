import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
application = get_wsgi_application()

# A production server does not start on the built-in or a weak SECRET_KEY (fazhi/core/security.py).
from fazhi.core.security import refuse_insecure_start  # noqa: E402 — needs the settings loaded above

refuse_insecure_start()
