"""Settings, read from the environment.

Only `DATABASE_URL`, `TILSYN_ENV` and `SECRET_KEY` matter for running; everything else has a sound default.
Without `DATABASE_URL` an SQLite file in the working directory is used.
"""
import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


TILSYN_ENV = os.environ.get("TILSYN_ENV", "development")
PRODUCTION = TILSYN_ENV == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
# Development gets a fixed key so that sessions survive restarts; production must bring its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else "dev-only-not-secret-" + "x" * 40)
if PRODUCTION and (DEBUG or len(SECRET_KEY) < 50):
    # Fail fast: a production server with debug pages or a guessable key must not start at all.
    raise ImproperlyConfigured("TILSYN_ENV=production krever DEBUG av og en egen SECRET_KEY (minst 50 tegn).")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "tilsyn.reference",
    "tilsyn.accounts",
    "tilsyn.cases",
    "tilsyn.supervision",
    "tilsyn.complaints",
    "tilsyn.notifications",
    "tilsyn.coercion",
    "tilsyn.inspections",
    "tilsyn.applications",
    "tilsyn.exchange",
    "tilsyn.demodata",
    "tilsyn.statistics",
    "tilsyn.steering",
    "tilsyn.web",
    "tilsyn.audit",
    "tilsyn.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tilsyn.security.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tilsyn.accounts.middleware.StrongAuthenticationMiddleware",
    "tilsyn.web.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "tilsyn.security.rls.RowLevelSecurityMiddleware",
    "tilsyn.audit.middleware.AuditOriginMiddleware",
]

ROOT_URLCONF = "tilsyn.urls"
WSGI_APPLICATION = "tilsyn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tilsyn.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{Path.cwd() / 'tilsyn.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "var" / "static"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login (tilsyn/accounts/authentication.py is the one seam): password, then a TOTP code for every user.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Tilsyn"
# Lockout: five wrong passwords for one username lock it for 15 minutes (TOTP codes are throttled by
# django-otp itself). Locking by username rather than address: users share a few NAT addresses.
AXES_FAILURE_LIMIT = int(os.environ.get("TILSYN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the address is not a lockout key. Deliberate: every office sits behind one NAT address, so
# locking addresses would lock whole offices out; guessing passwords across many accounts gains nothing
# without each account's TOTP code (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Idle timeout: the session ends after this many minutes without a request (each request renews it);
# whatever happens, a login lasts at most SESSION_MAX_HOURS.
SESSION_COOKIE_AGE = int(os.environ.get("TILSYN_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_MAX_HOURS = 12
# PostgreSQL: the role every web request runs as (row-level security; tilsyn/security/rls.py). Empty: the
# connection's own role, which must then be that non-owner role itself.
TILSYN_DB_APP_ROLE = os.environ.get("TILSYN_DB_APP_ROLE", "tilsyn_app")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-sessionid" if PRODUCTION else "sessionid"  # __Host-: HTTPS, this host, path /
CSRF_COOKIE_NAME = "__Host-csrftoken" if PRODUCTION else "csrftoken"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# HTTPS only in production: redirect, and tell browsers never to try plain HTTP (a year, preload list).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if env_bool("TILSYN_BEHIND_TLS_PROXY", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
