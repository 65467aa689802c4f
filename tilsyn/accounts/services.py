"""Writes on users."""
import secrets

from django.db import transaction

from tilsyn.accounts.models import Role, User
from tilsyn.reference.models import Office


def user_create(*, username: str, role: str, office: Office | None, password: str, full_name: str = "") -> User:
    first, _, last = full_name.partition(" ")
    user = User(username=username, role=role, office=office, first_name=first, last_name=last,
                is_staff=role == Role.ADMINISTRATOR)
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
def demo_users_ensure(known_passwords: dict[str, str]) -> dict[str, str]:
    """Create the missing demo accounts; returns every demo account's password.

    Accounts whose password is not in `known_passwords` get a new random one."""
    offices = {office.code: office for office in Office.objects.all()}
    passwords = {}
    for username, role, office_code in demo_accounts():
        password = known_passwords.get(username) or secrets.token_urlsafe(12)
        office = offices.get(office_code)
        user = User.objects.filter(username=username).first()
        if user is None:
            user_create(username=username, role=role, office=office, password=password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        passwords[username] = password
    return passwords


def user_language_set(*, user: User, language: str) -> None:
    if language not in {"nb", "nn"}:
        raise ValueError(f"unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])
