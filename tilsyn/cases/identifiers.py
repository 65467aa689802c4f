"""Checksums of Norwegian identification numbers: fødselsnummer (and D-/H-numbers) and organisasjonsnummer.

Both use modulus 11 control digits. A number that passes here is well formed, not necessarily issued.
"""
import re
from operator import mul

ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
NINE_DIGITS = re.compile(r"[0-9]{9}")

FODSELSNUMMER_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
FODSELSNUMMER_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def mod11_control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The control digit for `digits`, or None when the remainder makes the number impossible."""
    remainder = sum(map(mul, map(int, digits), weights)) % 11
    control = (11 - remainder) % 11
    return None if control == 10 else control


def valid_fodselsnummer(s: str) -> bool:
    """An 11-digit fødselsnummer, D-number (day + 40), H-number (month + 40) or synthetic test number
    (month + 80, Skatteetaten's test data), with both control digits right."""
    if not isinstance(s, str) or not ELEVEN_DIGITS.fullmatch(s):
        return False
    day, month = int(s[0:2]), int(s[2:4])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    k1 = mod11_control_digit(s[:9], FODSELSNUMMER_WEIGHTS_1)
    k2 = mod11_control_digit(s[:10], FODSELSNUMMER_WEIGHTS_2)
    return k1 is not None and k2 is not None and s[9:] == f"{k1}{k2}"


def valid_org_number(s: str) -> bool:
    """A 9-digit organisasjonsnummer from Enhetsregisteret with the right control digit."""
    if not isinstance(s, str) or not NINE_DIGITS.fullmatch(s):
        return False
    control = mod11_control_digit(s[:8], ORG_NUMBER_WEIGHTS)
    return control is not None and int(s[8]) == control
