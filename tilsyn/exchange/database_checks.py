"""The few checks of a file that need the database beyond the in-memory indexes, made in batches after the
first pass: system ids (which only lines that bring their own need), and whether a case referred to as
`duplicate_of` in the database is an incident notification."""
from collections.abc import Iterator

from tilsyn.cases.models import Case, JournalEntry
from tilsyn.exchange.chunks import batched
from tilsyn.notifications.models import IncidentNotification

BATCH = 2_000
Problem = tuple[int, str, str]  # line, field, message


def check_against_database(file_check, notification_refs) -> Iterator[Problem]:
    yield from case_system_ids(file_check)
    yield from journal_system_ids(file_check)
    yield from notification_targets(notification_refs)


def case_system_ids(file_check) -> Iterator[Problem]:
    """A system id is used by one case only, and a case keeps the one it has."""
    existing = file_check.cases.by_external_id
    for batch in batched(file_check.case_system_ids.items(), BATCH):
        holders = dict(Case.objects.filter(system_id__in=[sid for sid, _ in batch])
                       .values_list("system_id", "external_id"))
        holders = {str(sid): external_id for sid, external_id in holders.items()}
        for system_id, (line, external_id) in batch:
            holder = holders.get(system_id)
            if holder is not None and holder != external_id:
                yield line, "system_id", f"systemID {system_id} tilhører allerede saken «{holder}»"
        own = [(sid, line, ext) for sid, (line, ext) in batch if ext in existing]
        stored = dict(Case.objects.filter(external_id__in=[ext for _, _, ext in own])
                      .values_list("external_id", "system_id"))
        for system_id, line, external_id in own:
            if str(stored[external_id]) != system_id:
                yield line, "system_id", (f"saken har systemID {stored[external_id]}, og den kan ikke endres "
                                          f"til {system_id}")


def journal_system_ids(file_check) -> Iterator[Problem]:
    for batch in batched(file_check.journal_system_ids.items(), BATCH):
        holders = JournalEntry.objects.filter(system_id__in=[sid for sid, _ in batch])
        holders = {str(sid): ext for sid, ext in holders.values_list("system_id", "case__external_id")}
        for system_id, (line, external_id, field) in batch:
            holder = holders.get(system_id)
            if holder is not None and holder != external_id:
                yield line, field, f"systemID {system_id} tilhører allerede en journalpost i saken «{holder}»"


def notification_targets(refs: list[tuple[int, str, str]]) -> Iterator[Problem]:
    """`duplicate_of` naming a case in the database: it must be an incident notification."""
    for batch in batched(refs, BATCH):
        found = set(IncidentNotification.objects.filter(case__external_id__in=[target for _, _, target in batch])
                    .values_list("case__external_id", flat=True))
        for line, field, target in batch:
            if target not in found:
                yield line, field, f"«{target}» er ikke et varsel om alvorlig hendelse"
