"""WSGI entry point (gunicorn intl_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
application = get_wsgi_application()
