"""Login: the one seam between Tilsyn and whatever proves who the user is.

Today a user proves it in two steps: a password (Django's validators, django-axes lockout), then a TOTP code
from an authenticator app (django-otp). The rest of the application asks only `is_fully_authenticated`, and
a login ends in `session_start`. When the government's OpenID Connect services (ID-porten, Ansattporten)
replace the two steps, their callback view calls `session_start` with the level the provider vouched for,
and nothing else changes: pages, API, audit and access rules stay as they are.
"""
import base64

from django.conf import settings
from django.contrib.auth import login as django_login
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN_AT_SESSION_KEY = "tilsyn_login_at"
EXTERNAL_LEVEL_SESSION_KEY = "tilsyn_external_level"  # set by an OpenID Connect login at level "high"


def is_fully_authenticated(request) -> bool:
    """Logged in with both factors (or by an external service at a level that counts as two)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return user.is_verified() or request.session.get(EXTERNAL_LEVEL_SESSION_KEY) == "high"


def session_too_old(request) -> bool:
    """A login lasts at most SESSION_MAX_HOURS, however active the user is."""
    started = request.session.get(LOGIN_AT_SESSION_KEY)
    if started is None:
        return False
    age = timezone.now().timestamp() - started
    return age > settings.SESSION_MAX_HOURS * 3600


def password_step_done(request, user) -> None:
    """The first factor is proven: a session exists, but it opens nothing but the second step."""
    django_login(request, user)
    request.session[LOGIN_AT_SESSION_KEY] = timezone.now().timestamp()


def session_start(request, *, device: TOTPDevice) -> None:
    """The second factor is proven: the session now opens the application."""
    otp_login(request, device)
    request.session.cycle_key()  # a new session id at the new privilege level


def totp_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in by hand (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_device_pending(user) -> TOTPDevice:
    """The authenticator being enrolled: made once, kept until the user confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)


def totp_check(device: TOTPDevice, code: str) -> str:
    """'ok', 'wrong' or 'throttled' (django-otp slows down guessing: each failure doubles the wait)."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return "throttled"
    if device.verify_token(code):
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        return "ok"
    return "wrong"
