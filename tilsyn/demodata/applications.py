"""Helsetilsynet's applications for authorisation, and requests for access to records (innsynsbegjæringer).

Authorisation (text of chapter 3.4, 2024): 124 applications decided, 68 % within 3 months, 27 under way at the
year's end; nurses 51 and doctors 46 of them. Decisions: 16 new authorisations without limitation, 28
limitations lifted and 4 prescribing rights given back are «granted» (48), 18 limited authorisations «partly
granted», and 58 refused; the text's 66 granted and 63 refused add up to 129 because an application for both a
new and a limited authorisation is counted twice: we count each application once. 2023: 108 decided.
Access requests (tabell 15): requests decided by Helsetilsynet per year 2018–2024, and its decisions on
appeals against its own refusals and against the county governors'. The county governors' own requests are
not published and not generated.
"""
import random
from datetime import date, timedelta

from tilsyn.demodata import timeline
from tilsyn.demodata.lines import DemoCase, Entry, named_party, person_party
from tilsyn.demodata.run import Run

MEDIA = ["NRK", "VG", "Aftenposten", "Dagbladet", "Bergens Tidende", "Adresseavisen", "Dagens Medisin", "TV 2",
         "Stavanger Aftenblad", "Fædrelandsvennen", "Nordlys", "Sykepleien", "Tidsskrift for Den norske legeforening"]
DECISIONS = {"granted": 70, "partly_granted": 22, "refused": 8}
AUTH_MODEL = timeline.Model(median=70, sigma=0.6, low=10, high=360)


def generate(run: Run) -> None:
    authorisations(run)
    access_requests(run)


def authorisations(run: Run) -> None:
    cal = run.cal["applications"]["authorisation_2024"]
    rng = run.rng("applications", "authorisation")
    backlog = run.n(cal["backlog"])
    for year in run.years:
        n = run.n(cal["decided"] if year >= 2024 else cal["decided_2023"])
        factor = n / max(1, run.n(cal["decided"]))
        granted_new = round((cal["new_without_limitation"] + cal["prescribing_rights"]) * factor)
        decisions = ([("new_authorisation", "granted")] * granted_new
                     + [("lift_limitation", "granted")] * round(cal["limitation_lifted"] * factor)
                     + [("limited_authorisation", "partly_granted")] * round(cal["limited"] * factor))
        decisions += [(rng.choice(["new_authorisation", "limited_authorisation"]), "refused")
                      for _ in range(n - len(decisions))]
        rng.shuffle(decisions)
        within = round(n * cal["within_three_months_share"] / 100)
        items = timeline.durations(rng, n, AUTH_MODEL, within=within, limit=timeline.THREE_MONTHS)
        timings = timeline.place(rng, year, items, round(backlog * factor))
        professions = ["nurse"] * round(cal["nurses"] * factor) + ["doctor"] * round(cal["doctors"] * factor)
        professions += [rng.choice(["psychologist", "dentist", "health_worker", "physiotherapist", "social_educator",
                                    "pharmacist", "midwife"]) for _ in range(n - len(professions))]
        rng.shuffle(professions)
        for timing, (kind, decision), profession in zip(timings, decisions, professions):
            _application(run, rng, timing, kind, decision, profession)
    for timing in timeline.open_at_end(rng, run.last, backlog, 60):
        _application(run, rng, timing, rng.choice(["new_authorisation", "limited_authorisation", "lift_limitation"]),
                     "", rng.choice(["nurse", "doctor", "psychologist"]))


def _application(run: Run, rng: random.Random, timing, kind: str, decision: str, profession: str) -> None:
    office = rng.choice(run.offices)
    person = run.pools.person(rng, office, age=(28, 66), on=timing.received)
    what = {"new_authorisation": "ny autorisasjon", "limited_authorisation": "begrenset autorisasjon",
            "lift_limitation": "oppheving av begrensning"}[kind]
    entries = [Entry("I", f"Søknad om {what} – {{name}}", timing.received, person.name, person.name)]
    if timing.closed:
        entries.append(Entry("U", "Vedtak i søknad om autorisasjon – {name}", timing.closed, person.name,
                             person.name))
    run.add(DemoCase(
        external_id=run.new_id("HTIL", "AU", timing.received), kind="authorisation_application", office="HTIL",
        sector="health", title=f"Søknad om {what} – {person.name}", received=timing.received, closed=timing.closed,
        deadline=timing.received + timedelta(days=91),
        parties=[person_party("s1", "applicant", person, profession=profession)], journal=entries,
        block={"application_type": kind, "decision": decision},
    ))


def access_requests(run: Run) -> None:
    cal = run.cal["applications"]["access_requests"]
    rng = run.rng("applications", "access")
    for year in run.years:
        y = run.published_year(year, cal)
        figures = {k: run.n(v) for k, v in cal[y].items()}
        for _ in range(figures["requests"]):
            _request(run, rng, year, appeal_of=None)
        for _ in range(figures["appeals_own"]):
            _request(run, rng, year, appeal_of="HTIL")
        for office in rng.choices(run.offices, k=figures["appeals_county_governors"]):
            _request(run, rng, year, appeal_of=office)


def _request(run: Run, rng: random.Random, year: int, appeal_of: str | None) -> None:
    r = rng.random
    received = date(year, 1, 1) + timedelta(days=int(r() * 365))
    if received.weekday() >= 5:  # to the Monday after, unless that is next year
        monday = received + timedelta(days=7 - received.weekday())
        received = monday if monday.year == year else received - timedelta(days=received.weekday() - 4)
    closed = min(received + timedelta(days=int(r() * 4) if not appeal_of else 5 + int(r() * 25)), date(year, 12, 31))
    if r() < 0.55:
        name = f"{rng.choice(MEDIA)} v/ {run.pools.name(rng)}"
        requester = named_party("r1", "requester", name)
    else:
        name = run.pools.name(rng)
        requester = named_party("r1", "requester", name)
    number = f"{year - (1 if r() < 0.3 else 0)}/{int(r() * 9000) + 1}"
    if appeal_of:
        reference = f"Klage på avslag på innsyn i sak {number} ({appeal_of})"
        decision = "refused" if r() < 0.7 else rng.choice(["granted", "partly_granted"])
        title = "Klage på avslag på innsyn"
    else:
        reference = f"Sak {number}, {rng.choice(['tilsynsrapport', 'vedtak', 'korrespondanse', 'journalpost'])}"
        decision = rng.choices(list(DECISIONS), list(DECISIONS.values()))[0]
        title = "Innsynsbegjæring"
    run.add(DemoCase(
        external_id=run.new_id("HTIL", "IN", received), kind="access_request", office="HTIL", sector="health",
        title=f"{title} – {name}", received=received, closed=closed, parties=[requester],
        block={"requested_reference": reference, "is_appeal": bool(appeal_of), "appealed_office": appeal_of,
               "decision": decision},
    ))
