"""WSGI entry point (gunicorn followup.web.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.web.settings")
application = get_wsgi_application()
