"""Demo cases as they are built, and their exchange-format lines (canonical key order, defaults left out)."""
from dataclasses import dataclass, field
from datetime import date, timedelta

import orjson

from tilsyn.exchange import format as fmt
from tilsyn.demodata.people import Enterprise, Person

SCREENING_BASIS = "Offl. § 13 jf. fvl. § 13"
HIDDEN = "*****"


@dataclass
class Entry:
    """A journal entry: `title` may hold «{name}», which the public title screens."""
    type: str
    title: str
    day: date
    correspondent: str = ""
    name: str = ""
    public: bool = False


@dataclass
class DemoCase:
    external_id: str
    kind: str
    office: str
    sector: str
    title: str
    received: date
    closed: date | None
    block: dict
    summary: str = ""
    awaiting: bool = False
    priority: bool = False
    municipality: str = ""
    origin: str = ""
    deadline: date | None = None
    parties: list[dict] = field(default_factory=list)
    assessments: list[dict] = field(default_factory=list)
    journal: list[Entry] = field(default_factory=list)
    case_number: str = ""
    links: dict = field(default_factory=dict)  # for the generator only, never written

    @property
    def status(self) -> str:
        if self.closed:
            return "closed"
        return "awaiting_documentation" if self.awaiting else "open"

    def line(self) -> str:
        return self.encoded().decode()

    def encoded(self) -> bytes:
        """The line as UTF-8, compact and unescaped: what json.dumps(…, ensure_ascii=False, separators=(",", ":"))
        gives, five times faster (tests/test_demodata.py compares the two)."""
        return orjson.dumps(self.as_dict())

    def as_dict(self) -> dict:
        d = {"external_id": self.external_id, "kind": self.kind, "office": self.office, "sector": self.sector}
        if self.case_number:
            d["case_number"] = self.case_number
        d["title"] = self.title[:300]
        if self.summary:
            d["summary"] = self.summary
        d["status"] = self.status
        if self.priority:
            d["priority"] = True
        if self.municipality:
            d["municipality"] = self.municipality
        if self.origin:
            d["origin"] = self.origin
        d["received"] = self.received.isoformat()
        if self.deadline:
            d["deadline"] = self.deadline.isoformat()
        if self.closed:
            d["closed"] = self.closed.isoformat()
        d["synthetic"] = True
        if self.parties:
            d["parties"] = self.parties
        if self.assessments:
            d["assessments"] = self.assessments
        if self.journal:
            d["journal"] = journal_lines(self.journal)
        d[self.kind] = block(self.kind, self.block)
        return d


def journal_lines(entries: list[Entry]) -> list[dict]:
    result = []
    for number, e in enumerate(sorted(entries, key=lambda e: e.day), start=1):
        title = e.title.replace("{name}", e.name) if e.name else e.title
        entry = {"number": number, "type": e.type, "title": title[:300]}
        if e.name:
            entry["public_title"] = e.title.replace("{name}", HIDDEN)[:300]
        if e.correspondent:
            entry["correspondent"] = e.correspondent[:200]
        # An incoming letter is dated a day or three before it is registered.
        written = e.day - timedelta(days=len(e.title) % 4) if e.type == "I" else e.day
        entry["document_date"] = written.isoformat()
        entry["registered"] = e.day.isoformat()
        if e.public:
            entry["screened"] = False
        else:
            entry["screening_basis"] = SCREENING_BASIS
        result.append(entry)
    return result


# Per kind: (name, keeps False, default, is a decimal) in the format's order; and the names, for checking.
_FIELDS = {kind: [(f.name, f.type == fmt.NULL_BOOL, f.default, f.type == fmt.DECIMAL) for f in b.fields]
           for kind, b in fmt.BLOCKS.items()}
_NAMES = {kind: frozenset(f.name for f in b.fields) for kind, b in fmt.BLOCKS.items()}


def block(kind: str, values: dict) -> dict:
    """The kind block in the format's field order, defaults left out."""
    if not values.keys() <= _NAMES[kind]:
        raise KeyError(f"{kind}: unknown fields {sorted(values.keys() - _NAMES[kind])}")
    result = {}
    for name, keeps_false, default, decimal in _FIELDS[kind]:
        value = values.get(name)
        if value is None or value == "" or value == [] or (value is False and not keeps_false):
            continue
        if (default is not None and value == default) or (decimal and not value):
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif name == "reactions":
            value = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items() if v not in (None, [], "")}
                     for r in value]
        result[name] = value
    return result


def person_party(ref: str, role: str, person: Person, *, address: bool = True, **extra) -> dict:
    d = {"ref": ref, "role": role, "name": person.name, "national_id": person.national_id}
    d.update({k: v for k, v in extra.items() if v})
    if address:
        d["address"] = person.address
        d["postal_code"] = person.postal_code
        d["postal_place"] = person.postal_place
    d["municipality"] = person.municipality.number
    return ordered_party(d)


def enterprise_party(ref: str, role: str, enterprise: Enterprise, *, object_type: str = "",
                     service_level: str = "") -> dict:
    d = {"ref": ref, "role": role, "name": enterprise.name, "org_number": enterprise.org_number}
    if object_type:
        d["object_type"] = object_type
    if service_level:
        d["service_level"] = service_level
    d["municipality"] = enterprise.municipality.number
    return ordered_party(d)


def named_party(ref: str, role: str, name: str) -> dict:
    return {"ref": ref, "role": role, "name": name}


def ordered_party(d: dict) -> dict:
    return {k: d[k] for k in fmt.PARTY_FIELDS if k in d}
