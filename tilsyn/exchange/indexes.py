"""What an import checks lines against, loaded once into dicts so that a line costs no query.

`ReferenceIndex`: offices, municipalities, provisions and vocabulary terms by code, with their ids.
`CaseIndex`: the cases already in the database, by external id and by case number.
Both stay small next to the file: a million existing cases take a few hundred megabytes at most.

Models are imported where they are used, so that worker processes can unpickle a `ReferenceIndex` before
Django is set up in them (`parallel.py`).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeEntry:
    id: int
    national: bool


@dataclass(frozen=True)
class ReferenceIndex:
    offices: dict[str, OfficeEntry]
    municipalities: dict[str, int]
    provisions: dict[str, tuple[int, str]]  # code → (id, catalogue)
    terms: dict[str, dict[str, int]]  # vocabulary → code → id

    @classmethod
    def load(cls) -> "ReferenceIndex":
        from tilsyn.reference.models import Municipality, Office, Provision, Term

        # Inactive entries count: old cases may still point at a provision or term that has been retired.
        terms: dict[str, dict[str, int]] = {}
        for vocabulary, code, pk in Term.objects.values_list("vocabulary", "code", "pk"):
            terms.setdefault(vocabulary, {})[code] = pk
        return cls(
            offices={
                code: OfficeEntry(pk, kind == Office.Kind.NATIONAL)
                for code, pk, kind in Office.objects.values_list("code", "pk", "kind")
            },
            municipalities=dict(Municipality.objects.values_list("number", "pk")),
            provisions={code: (pk, cat) for code, pk, cat in Provision.objects.values_list("code", "pk", "catalogue")},
            terms=terms,
        )

    def office_codes(self) -> dict[int, str]:
        return {entry.id: code for code, entry in self.offices.items()}

    def municipality_numbers(self) -> dict[int, str]:
        return {pk: number for number, pk in self.municipalities.items()}

    def provision_codes(self) -> dict[int, str]:
        return {pk: code for code, (pk, _) in self.provisions.items()}

    def term_codes(self) -> dict[int, str]:
        return {pk: code for codes in self.terms.values() for code, pk in codes.items()}


def case_number_key(office_id: int, year: int, sequence: int) -> int:
    """(office, year, sequence) packed into one int: a million of them fit in a few dozen megabytes."""
    return (office_id << 44) | (year << 30) | sequence


class CaseIndex:
    """The cases in the database: external id → (id, hash of the line last imported), and who holds which
    case number."""

    def __init__(self):
        self.by_external_id: dict[str, tuple[int, str]] = {}
        self.number_holders: dict[int, str] = {}  # case_number_key → external id

    @classmethod
    def load(cls) -> "CaseIndex":
        from tilsyn.cases.models import Case

        index = cls()
        rows = Case.objects.values_list("external_id", "pk", "exchange_hash", "office_id", "case_year",
                                        "case_sequence")
        for external_id, pk, exchange_hash, office_id, year, sequence in rows.iterator(chunk_size=20_000):
            index.by_external_id[external_id] = (pk, exchange_hash)
            index.number_holders[case_number_key(office_id, year, sequence)] = external_id
        return index
