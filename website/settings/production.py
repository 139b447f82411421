"""Production: refuses to start without the secrets it needs.

Everything comes from the environment (see the README's configuration table).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, env_int

INSECURE_KEY_MARKERS = ("insecure", "dev-only", "test-only", "change-me", "changeme")


def check_secret_key(key: str) -> None:
    """Refuse an absent, short or well-known development key."""
    if not key:
        raise ImproperlyConfigured("SECRET_KEY is not set: production refuses to start without it.")
    if len(key) < 50 or any(marker in key.lower() for marker in INSECURE_KEY_MARKERS):
        raise ImproperlyConfigured(
            "SECRET_KEY is too short or is a development key: use at least 50 random characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )


check_secret_key(SECRET_KEY)

if not os.environ.get("ALLOWED_HOSTS", "").strip():
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the site's host names, separated by commas.")

DEBUG = False

# A pack whose codes would carry 127.0.0.1 or a private address is refused (printed codes live for years).
LOA_REFUSE_PRIVATE_PUBLIC_URL = True

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
