"""Case data for analysts: pseudonymised, so that nobody in it can be named.

What goes: names, fødselsnumre, organisation numbers (a sole proprietorship's number names its owner),
addresses, the case number and the external id. Free text (the title, the summary) is kept only scrubbed:
every fødselsnummer-shaped number and every word of a party's name replaced. The case gets a pseudonym,
a keyed hash of its id: stable from one export to the next (analysts can join extracts) but not reversible
without the server's key.
"""
import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator

from django.conf import settings

NATIONAL_ID = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")
ORG_NUMBER = re.compile(r"(?<!\d)\d{3}\s?\d{3}\s?\d{3}(?!\d)")
NAME_PLACEHOLDER = "[navn]"
ID_PLACEHOLDER = "[fnr]"

FIELDS = ["pseudonym", "kind", "office", "sector", "status", "received", "deadline", "closed", "priority",
          "municipality", "parties", "outcomes", "title", "summary"]


def pseudonym(case_id: int) -> str:
    key = hashlib.sha256(f"tilsyn-pseudonym:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, str(case_id).encode(), hashlib.sha256).hexdigest()[:16]


def text_scrubbed(text: str, names: Iterable[str]) -> str:
    """The text without fødselsnumre, organisation numbers and the words of the given names."""
    text = NATIONAL_ID.sub(ID_PLACEHOLDER, text)
    text = ORG_NUMBER.sub(ID_PLACEHOLDER, text)
    words = sorted({w for name in names for w in re.split(r"[\s,.\-]+", name) if len(w) >= 2}, key=len, reverse=True)
    for word in words:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", NAME_PLACEHOLDER, text, flags=re.IGNORECASE)
    return text


def case_pseudonymised(case) -> dict:
    """One case as analysts may see it. `case` comes with its parties and assessments prefetched."""
    parties = list(case.parties.all())
    names = [p.name for p in parties]
    return {
        "pseudonym": pseudonym(case.pk),
        "kind": case.kind,
        "office": case.office.code,
        "sector": case.sector,
        "status": case.status,
        "received": case.received.isoformat(),
        "deadline": case.deadline.isoformat() if case.deadline else "",
        "closed": case.closed.isoformat() if case.closed else "",
        "priority": case.priority,
        "municipality": case.municipality.number if case.municipality_id else "",
        "parties": ";".join(sorted(p.role for p in parties)),
        "outcomes": ";".join(sorted(f"{a.provision.code}={a.outcome}" for a in case.assessments.all())),
        "title": text_scrubbed(case.title, names),
        "summary": text_scrubbed(case.summary, names),
    }


def cases_pseudonymised(cases) -> Iterator[dict]:
    cases = cases.select_related("office", "municipality").prefetch_related("parties", "assessments__provision")
    for case in cases.order_by("pk").iterator(chunk_size=2000):
        yield case_pseudonymised(case)
