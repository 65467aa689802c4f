"""Reference data by the codes integrations send (the API's bodies): terms of a vocabulary, provisions, offices
and municipalities. An unknown code is refused on its field with a Norwegian message (a ValidationError, which
the API answers 422); no code (None or "") is None, for optional fields."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tilsyn.reference.models import Municipality, Office, Provision, Term


def found(queryset, *, field: str, unknown: str):
    """The first row of `queryset`; when there is none, a refusal on `field` saying `unknown`."""
    row = queryset.first()
    if row is None:
        raise ValidationError({field: [unknown]})
    return row


def unknown_code(code: str) -> str:
    return _("Ukjent kode «%(code)s».") % {"code": code}


def terms_by_code(vocabulary: str, codes: list[str], *, field: str) -> list[Term]:
    """The active terms with these codes in `vocabulary`, in their order, from one query; every code must name one
    (an empty one does not)."""
    terms = {term.code: term for term in Term.objects.filter(vocabulary=vocabulary, code__in=set(codes), active=True)}
    for code in codes:
        if code not in terms:
            raise ValidationError({field: [unknown_code(code)]})
    return [terms[code] for code in codes]


def term_by_code(vocabulary: str, code: str | None, *, field: str) -> Term | None:
    return terms_by_code(vocabulary, [code], field=field)[0] if code else None


def provisions_by_code(codes: list[str], *, field: str) -> list[Provision]:
    """The provisions with these codes, each once; whether they fit the case is its kind's service's question."""
    provisions = {provision.code: provision for provision in Provision.objects.filter(code__in=set(codes))}
    for code in codes:
        if code not in provisions:
            raise ValidationError({field: [unknown_code(code)]})
    return list(provisions.values())


def office_by_code(code: str | None, *, field: str) -> Office | None:
    if not code:
        return None
    return found(Office.objects.filter(code=code), field=field,
                 unknown=_("Ukjent embete «%(code)s».") % {"code": code})


def municipality_by_number(number: str | None, *, field: str = "municipality") -> Municipality | None:
    if not number:
        return None
    return found(Municipality.objects.filter(number=number), field=field,
                 unknown=_("Ukjent kommunenummer «%(number)s».") % {"number": number})
