"""Writes on users."""
import secrets

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import F
from django_otp.plugins.otp_totp.models import TOTPDevice

from tilsyn.accounts.models import Role, User
from tilsyn.reference.models import Office


def user_create(*, username: str, role: str, office: Office | None, password: str, full_name: str = "") -> User:
    first, _, last = full_name.partition(" ")
    user = User(username=username, role=role, office=office, first_name=first, last_name=last,
                is_staff=role == Role.ADMINISTRATOR)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


# Demo accounts: one caseworker and one manager at every office, Helsetilsynet's national role,
# an analyst and an administrator.
DEMO_ROLE_WORDS = {Role.CASEWORKER: "saksbehandler", Role.MANAGER: "leder"}


def demo_accounts() -> list[tuple[str, str, str | None]]:
    """(username, role, office code) of every demo account."""
    accounts = []
    for office in Office.objects.order_by("report_order"):
        for role, word in DEMO_ROLE_WORDS.items():
            accounts.append((f"{word}.{office.code.lower()}", role, office.code))
    accounts += [
        ("nasjonal.htil", Role.NATIONAL, "HTIL"),
        ("analytiker.htil", Role.ANALYST, "HTIL"),
        ("admin", Role.ADMINISTRATOR, None),
    ]
    return accounts


@transaction.atomic
def demo_users_ensure(known: dict[str, dict]) -> dict[str, dict]:
    """Create the missing demo accounts, each with a confirmed authenticator; returns every account's
    password and TOTP key (hex), so that a person can log in with any authenticator app.

    Accounts whose password or key is not in `known` get new random ones."""
    offices = {office.code: office for office in Office.objects.all()}
    accounts = {}
    for username, role, office_code in demo_accounts():
        entry = known.get(username) or {}
        password = entry.get("password") or secrets.token_urlsafe(12)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, role=role, office=offices.get(office_code), password=password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        device = user_totp_device_ensure(user=user, key=entry.get("totp_key"))
        accounts[username] = {"password": password, "totp_key": device.key}
    return accounts


def user_totp_device_ensure(*, user: User, key: str | None = None) -> TOTPDevice:
    """The user's confirmed authenticator, made with `key` (hex) if they have none or another key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and (key is None or device.key == key):
        return device
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=True,
                                     **({"key": key} if key else {}))


def user_language_set(*, user: User, language: str) -> None:
    if language not in {"nb", "nn"}:
        raise ValueError(f"unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])


def user_sessions_end(*, user: User) -> None:
    """Log out everywhere: every session of the user, on every device, stops working at once."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
