"""Synthetic people, addresses and enterprises: pools built once per run, then sampled.

Faker is slow per call, so names and street names are drawn into pools once (Faker("no_NO"), seeded) and
sampled from with the run's random generator. Fødselsnummer are Skatteetaten's *synthetic* test numbers
(month + 80, both control digits right): valid for every checksum, and never a real person's number.
Organisation numbers are nine digits with a right modulus-11 control digit, kept per enterprise so that the
same enterprise has the same number in every case.
"""
import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from tilsyn.cases.identifiers import (
    FODSELSNUMMER_WEIGHTS_1, FODSELSNUMMER_WEIGHTS_2, ORG_NUMBER_WEIGHTS, mod11_control_digit,
)
from tilsyn.demodata import reference

# Rough populations (thousands) of the larger municipalities, so that cases land where people live; every
# other municipality weighs 5.
POPULATION = {
    "Oslo": 717, "Bergen": 291, "Trondheim": 214, "Stavanger": 149, "Bærum": 130, "Kristiansand": 116,
    "Drammen": 103, "Asker": 98, "Lillestrøm": 91, "Fredrikstad": 85, "Sandnes": 83, "Tromsø": 78,
    "Sandefjord": 65, "Nordre Follo": 62, "Sarpsborg": 59, "Ålesund": 58, "Tønsberg": 58, "Skien": 56,
    "Bodø": 53, "Moss": 51, "Larvik": 48, "Lørenskog": 48, "Arendal": 46, "Indre Østfold": 46, "Karmøy": 43,
    "Ullensaker": 41, "Øygarden": 39, "Haugesund": 38, "Porsgrunn": 37, "Ringsaker": 35, "Hamar": 32,
    "Molde": 32, "Halden": 32, "Gjøvik": 31, "Ringerike": 31, "Askøy": 30, "Lillehammer": 29, "Kongsberg": 28,
    "Lier": 28, "Sola": 28, "Eidsvoll": 27, "Horten": 27, "Færder": 27, "Rana": 26, "Holmestrand": 26,
    "Bjørnafjorden": 26, "Harstad": 25, "Stjørdal": 25, "Nittedal": 25, "Kristiansund": 24, "Steinkjer": 24,
    "Grimstad": 24, "Sunnfjord": 22, "Alta": 21, "Narvik": 21, "Elverum": 21, "Ås": 21, "Levanger": 20,
    "Nesodden": 20, "Time": 19, "Vestby": 19, "Rælingen": 19, "Kongsvinger": 18, "Frogn": 16, "Namsos": 15,
    "Senja": 15, "Vennesla": 15, "Hammerfest": 11,
}

# Postal code ranges by county (2024 county numbers), close enough to look right.
POSTAL_RANGES = {
    "03": [(150, 1295)], "31": [(1500, 1899)], "32": [(1300, 1499), (1900, 2199)], "33": [(3000, 3599)],
    "34": [(2200, 2999)], "39": [(3100, 3299)], "40": [(3600, 3999)], "42": [(4400, 4999)],
    "11": [(4000, 4399), (5500, 5599)], "46": [(5000, 5499), (5600, 5999), (6700, 6999)],
    "15": [(6000, 6699)], "50": [(7000, 7999)], "18": [(8000, 8999)], "55": [(9000, 9499)], "56": [(9500, 9999)],
}

# Health trusts and their hospitals, by the county governor whose area they serve.
HEALTH_TRUSTS = {
    "SFOBOA": [("Oslo universitetssykehus HF", ["Ullevål", "Rikshospitalet", "Aker", "Radiumhospitalet"]),
               ("Akershus universitetssykehus HF", ["Nordbyhagen", "Kongsvinger"]),
               ("Sykehuset Østfold HF", ["Kalnes", "Moss"]),
               ("Vestre Viken HF", ["Drammen sykehus", "Bærum sykehus", "Ringerike sykehus", "Kongsberg sykehus"]),
               ("Lovisenberg Diakonale Sykehus", ["Lovisenberg"]), ("Diakonhjemmet Sykehus", ["Vinderen"])],
    "SFINN": [("Sykehuset Innlandet HF", ["Hamar", "Lillehammer", "Gjøvik", "Elverum", "Tynset", "Sanderud"])],
    "SFVT": [("Sykehuset i Vestfold HF", ["Tønsberg", "Larvik"]),
             ("Sykehuset Telemark HF", ["Skien", "Notodden", "Porsgrunn"])],
    "SFAGD": [("Sørlandet sykehus HF", ["Kristiansand", "Arendal", "Flekkefjord"])],
    "SFROG": [("Helse Stavanger HF", ["Stavanger universitetssjukehus", "Egersund"]),
              ("Helse Fonna HF", ["Haugesund sjukehus"])],
    "SFVL": [("Helse Bergen HF", ["Haukeland", "Voss sjukehus", "Kysthospitalet i Hagevik"]),
             ("Helse Fonna HF", ["Stord sjukehus", "Odda sjukehus"]),
             ("Helse Førde HF", ["Førde sentralsjukehus", "Lærdal sjukehus", "Nordfjord sjukehus"]),
             ("Haraldsplass Diakonale Sykehus", ["Haraldsplass"])],
    "SFMR": [("Helse Møre og Romsdal HF", ["Ålesund sjukehus", "Molde sjukehus", "Kristiansund sykehus",
                                           "Volda sjukehus"])],
    "SFTRL": [("St. Olavs hospital HF", ["Øya", "Orkdal sykehus", "Røros sykehus"]),
              ("Helse Nord-Trøndelag HF", ["Sykehuset Levanger", "Sykehuset Namsos"])],
    "SFNO": [("Nordlandssykehuset HF", ["Bodø", "Lofoten", "Vesterålen"]),
             ("Helgelandssykehuset HF", ["Mo i Rana", "Mosjøen", "Sandnessjøen"])],
    "SFTF": [("Universitetssykehuset Nord-Norge HF", ["Tromsø", "Harstad", "Narvik"]),
             ("Finnmarkssykehuset HF", ["Hammerfest", "Kirkenes"])],
}
HOSPITAL_UNITS = [
    "akuttmottaket", "medisinsk klinikk", "kirurgisk klinikk", "ortopedisk avdeling", "fødeavdelingen",
    "barne- og ungdomsklinikken", "psykisk helsevern, akuttpost", "distriktspsykiatrisk senter",
    "avdeling for rus og avhengighet", "ambulansetjenesten", "nevrologisk avdeling", "kreftavdelingen",
    "hjerteavdelingen", "geriatrisk avdeling", "intensivavdelingen", "radiologisk avdeling",
]
MUNICIPAL_HEALTH_SERVICES = [
    "hjemmetjenesten", "hjemmesykepleien", "legevakten", "sykehjemmet", "helsestasjonen",
    "psykisk helse og rus", "tildelingskontoret", "korttidsavdelingen", "bo- og omsorgssenteret",
    "helsetjenesten for utviklingshemmede", "fengselshelsetjenesten", "fastlegekontoret",
]
BUFETAT_REGIONS = {
    "SFOBOA": "øst", "SFINN": "øst", "SFVT": "sør", "SFAGD": "sør", "SFROG": "vest", "SFVL": "vest",
    "SFMR": "Midt-Norge", "SFTRL": "Midt-Norge", "SFNO": "nord", "SFTF": "nord",
}
# Hospital sites not named after their municipality.
SITE_MUNICIPALITY = {
    "Ullevål": "Oslo", "Rikshospitalet": "Oslo", "Aker": "Oslo", "Radiumhospitalet": "Oslo", "Lovisenberg": "Oslo",
    "Vinderen": "Oslo", "Nordbyhagen": "Lillestrøm", "Kalnes": "Sarpsborg", "Sanderud": "Hamar",
    "Haukeland": "Bergen", "Kysthospitalet i Hagevik": "Bjørnafjorden", "Haraldsplass": "Bergen",
    "Odda sjukehus": "Ullensvang", "Førde sentralsjukehus": "Sunnfjord", "Nordfjord sjukehus": "Stad",
    "Egersund": "Eigersund", "Øya": "Trondheim", "Orkdal sykehus": "Orkland", "Røros sykehus": "Rosse",
    "Lofoten": "Vestvågøy", "Vesterålen": "Hadsel", "Mosjøen": "Vefsn", "Sandnessjøen": "Alstahaug",
    "Kirkenes": "Sør-Varanger",
}
INSTITUTION_SUFFIXES = ["ungdomshjem", "barnevernsinstitusjon", "omsorgssenter for ungdom", "bo- og behandlingssenter",
                        "akuttinstitusjon", "ungdomssenter"]
PROFESSION_WEIGHTS = {
    "doctor": 52, "nurse": 18, "psychologist": 6, "dentist": 5, "health_worker": 4, "auxiliary_nurse": 3,
    "physiotherapist": 3, "midwife": 2, "social_educator": 2, "chiropractor": 1, "pharmacist": 1,
    "ambulance_worker": 1, "paramedic": 1, "occupational_therapist": 1,
}


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str
    county: str
    office: str


@dataclass(frozen=True)
class Enterprise:
    name: str
    org_number: str
    municipality: Municipality
    service_level: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    national_id: str
    birth_date: date
    address: str
    postal_code: str
    postal_place: str
    municipality: Municipality


class Pools:
    """Everything a case needs to look real, drawn once per run."""

    def __init__(self, seed: int):
        self.seed = seed
        faker = Faker("no_NO")
        faker.seed_instance(seed)
        self.first_names = sorted({faker.first_name() for _ in range(1500)})
        self.last_names = sorted({faker.last_name() for _ in range(1500)})
        self.streets = sorted({faker.street_name() for _ in range(1500)})
        self.companies = sorted({faker.last_name() for _ in range(400)})
        self.municipalities = [Municipality(m["number"], m["name"].split(" – ")[0], m["county_number"], m["office"])
                               for m in reference.municipalities()]
        self.municipality_by_number = {m.number: m for m in self.municipalities}
        self.by_office: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            self.by_office.setdefault(m.office, []).append(m)
        self.weights = {office: [POPULATION.get(m.name, 5) for m in ms] for office, ms in self.by_office.items()}
        self.cumulative = {office: list(itertools.accumulate(w)) for office, w in self.weights.items()}
        self.used_national_ids: set[str] = set()
        self.used_org_numbers: set[str] = set()
        self.enterprises: dict[tuple, Enterprise] = {}
        self._largest: dict[str, Municipality] = {}

    # -- places -----------------------------------------------------------------------------------------
    def municipality(self, rng: random.Random, office: str) -> Municipality:
        cumulative = self.cumulative[office]
        return self.by_office[office][bisect.bisect(cumulative, rng.random() * cumulative[-1])]

    def largest(self, office: str) -> Municipality:
        found = self._largest.get(office)
        if found is None:
            found = max(self.by_office[office], key=lambda m: (POPULATION.get(m.name, 5), m.number))
            self._largest[office] = found
        return found

    def site_municipality(self, office: str, site: str) -> Municipality:
        """The municipality a hospital site lies in, else the office's largest."""
        wanted = SITE_MUNICIPALITY.get(site)
        words = set(site.replace(",", " ").split())
        for m in self.by_office[office]:
            if m.name == wanted or (wanted is None and m.name in words):
                return m
        return self.largest(office)

    def address(self, rng: random.Random, municipality: Municipality) -> tuple[str, str, str]:
        r = rng.random
        letter = "" if r() < 0.8 else "AB"[int(r() * 2)]
        street = f"{self.streets[int(r() * len(self.streets))]} {1 + int(r() * 120)}{letter}"
        ranges = POSTAL_RANGES.get(municipality.county, [(1000, 9999)])
        low, high = ranges[int(r() * len(ranges))]
        return street, f"{low + int(r() * (high - low + 1)):04d}", municipality.name

    # -- people -----------------------------------------------------------------------------------------
    def name(self, rng: random.Random) -> str:
        r = rng.random
        first, last = self.first_names, self.last_names
        return f"{first[int(r() * len(first))]} {last[int(r() * len(last))]}"

    def national_id(self, rng: random.Random, birth: date) -> str:
        """A synthetic fødselsnummer for the birth date: month + 80, individual number by century."""
        base = 0 if birth.year < 2000 else 500
        month, year = birth.month + 80, birth.year % 100
        head = [birth.day // 10, birth.day % 10, month // 10, month % 10, year // 10, year % 10]
        w1, w2 = FODSELSNUMMER_WEIGHTS_1, FODSELSNUMMER_WEIGHTS_2
        partial1 = sum(d * w for d, w in zip(head, w1))
        partial2 = sum(d * w for d, w in zip(head, w2))
        while True:
            individual = base + int(rng.random() * 500)
            i = [individual // 100, individual // 10 % 10, individual % 10]
            k1 = (11 - (partial1 + i[0] * w1[6] + i[1] * w1[7] + i[2] * w1[8]) % 11) % 11
            if k1 == 10:
                continue
            k2 = (11 - (partial2 + i[0] * w2[6] + i[1] * w2[7] + i[2] * w2[8] + k1 * w2[9]) % 11) % 11
            if k2 == 10:
                continue
            number = f"{birth.day:02d}{month:02d}{year:02d}{individual:03d}{k1}{k2}"
            if number not in self.used_national_ids:
                self.used_national_ids.add(number)
                return number

    def person(self, rng: random.Random, office: str, *, age: tuple[int, int] = (18, 90),
               on: date = date(2024, 6, 30), municipality: Municipality | None = None) -> Person:
        municipality = municipality or self.municipality(rng, office)
        low, high = age[0] * 365 + 1, age[1] * 365 + 300
        birth = on - timedelta(days=low + int(rng.random() * (high - low + 1)))
        street, postal_code, place = self.address(rng, municipality)
        return Person(self.name(rng), self.national_id(rng, birth), birth, street, postal_code, place, municipality)

    # -- organisations ----------------------------------------------------------------------------------
    def org_number(self, rng: random.Random) -> str:
        while True:
            digits = f"{rng.choice('89')}{rng.randint(0, 9999999):07d}"
            control = mod11_control_digit(digits, ORG_NUMBER_WEIGHTS)
            if control is not None and digits + str(control) not in self.used_org_numbers:
                self.used_org_numbers.add(digits + str(control))
                return digits + str(control)

    def enterprise(self, key: tuple, name: str, municipality: Municipality, service_level: str = "") -> Enterprise:
        """The enterprise known by key, made on first use; its org number comes from the key, so that it does
        not depend on which case asked first."""
        found = self.enterprises.get(key)
        if found is None:
            number = self.org_number(random.Random(f"{self.seed}:org:{key}"))
            found = Enterprise(name, number, municipality, service_level)
            self.enterprises[key] = found
        return found

    def hospital(self, rng: random.Random, office: str) -> Enterprise:
        trust, sites = rng.choice(HEALTH_TRUSTS[office])
        site = rng.choice(sites)
        unit = rng.choice(HOSPITAL_UNITS)
        municipality = self.site_municipality(office, site)
        return self.enterprise(("hospital", trust, site, unit), f"{trust}, {site}, {unit}", municipality,
                               "specialist")

    def municipal_health_service(self, rng: random.Random, office: str) -> Enterprise:
        m = self.municipality(rng, office)
        if rng.random() < 0.18:
            name = f"{rng.choice(self.companies)} legesenter, {m.name}"
            return self.enterprise(("gp", name), name, m, "municipal")
        service = rng.choice(MUNICIPAL_HEALTH_SERVICES)
        return self.enterprise(("mh", m.number, service), f"{m.name} kommune, {service}", m, "municipal")

    def outside_service(self, rng: random.Random, office: str) -> Enterprise:
        m = self.municipality(rng, office)
        kind = rng.choice(["klinikk for estetisk behandling", "private helsetjenester AS", "tannklinikk AS",
                           "alternativbehandling"])
        name = f"{rng.choice(self.companies)} {kind}"
        return self.enterprise(("outside", name, m.number), name, m, "outside")

    def health_enterprise(self, rng: random.Random, office: str, service_level: str) -> Enterprise:
        if service_level == "specialist":
            return self.hospital(rng, office)
        if service_level == "municipal":
            return self.municipal_health_service(rng, office)
        return self.outside_service(rng, office)

    def patient_travel_office(self, rng: random.Random, office: str) -> Enterprise:
        trust, _ = HEALTH_TRUSTS[office][0]
        return self.enterprise(("travel", trust), f"{trust}, Pasientreiser", self.largest(office), "specialist")

    def child_welfare_service(self, rng: random.Random, office: str) -> Enterprise:
        m = self.municipality(rng, office)
        return self.enterprise(("cws", m.number), f"{m.name} kommune, barneverntjenesten", m)

    def institution(self, rng: random.Random, office: str, index: int) -> Enterprise:
        m = self.municipality(rng, office)
        name = f"{self.companies[(index * 7 + len(office)) % len(self.companies)]}tunet " \
               f"{INSTITUTION_SUFFIXES[index % len(INSTITUTION_SUFFIXES)]}"
        return self.enterprise(("cwi", office, index), name, m)

    def care_centre(self, rng: random.Random, office: str, index: int) -> Enterprise:
        m = self.municipality(rng, office)
        return self.enterprise(("care", office, index),
                               f"Bufetat, omsorgssenter for enslige mindreårige, {m.name}", m)

    def bufetat(self, rng: random.Random, office: str) -> Enterprise:
        region = BUFETAT_REGIONS[office]
        return self.enterprise(("bufetat", region), f"Bufetat, region {region}", self.municipality(rng, office))

    def nav_office(self, rng: random.Random, office: str) -> Enterprise:
        m = self.municipality(rng, office)
        return self.enterprise(("nav", m.number), f"Nav {m.name}", m)

    def profession(self, rng: random.Random) -> str:
        return rng.choices(list(PROFESSION_WEIGHTS), list(PROFESSION_WEIGHTS.values()))[0]
