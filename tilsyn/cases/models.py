"""What every kind of case has in common: the case folder, its parties, its assessments and its journal.

A `Case` is one saksmappe at one office. Its kind says which detail row (in the kind's own package) belongs to
it, one to one, keyed on the case: `supervision.SupervisionCase`, `complaints.RightsComplaint` and so on.
Backlogs, deadlines, queues and the journal work on `Case` alone, whatever the kind.
"""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUPERVISION_CASE = "supervision_case", _("Tilsynssak")
    RIGHTS_COMPLAINT = "rights_complaint", _("Rettighetsklage")
    INCIDENT_NOTIFICATION = "incident_notification", _("Varsel om alvorlig hendelse")
    COERCION_CH9_EMERGENCY = "coercion_ch9_emergency", _("Beslutning om tvang i nødssituasjon (hol. kap. 9)")
    COERCION_CH9_VEDTAK = "coercion_ch9_vedtak", _("Vedtak om tvang til overprøving (hol. kap. 9)")
    COERCION_CH9_DISPENSATION = "coercion_ch9_dispensation", _("Søknad om dispensasjon fra utdanningskrav")
    COERCION_4A_VEDTAK = "coercion_4a_vedtak", _("Vedtak om helsehjelp uten samtykke (pbrl. kap. 4A)")
    CW_COERCION_PROTOCOL = "cw_coercion_protocol", _("Tvangsprotokoll fra barnevernsinstitusjon")
    PLANNED_INSPECTION = "planned_inspection", _("Planlagt tilsyn")
    AUTHORISATION_APPLICATION = "authorisation_application", _("Søknad om autorisasjon")
    ACCESS_REQUEST = "access_request", _("Innsynsbegjæring")


class Sector(models.TextChoices):
    CHILD_WELFARE = "child_welfare", _("Barnevern")
    SOCIAL = "social", _("Sosiale tjenester i Nav")
    HEALTH = "health", _("Helse- og omsorgstjenester")
    PUBLIC_HEALTH = "public_health", _("Folkehelse og miljørettet helsevern")
    EMA = "ema", _("Enslige mindreårige asylsøkere")


class Status(models.TextChoices):
    OPEN = "open", _("Under behandling")
    AWAITING_DOCUMENTATION = "awaiting_documentation", _("Venter på dokumentasjon")
    CLOSED = "closed", _("Avsluttet")


class Case(models.Model):
    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # No index of its own: the indexes below that start with the office serve every lookup by office, and each
    # index more costs every import (benchmarks/README.md).
    office = models.ForeignKey("reference.Office", on_delete=models.PROTECT, related_name="cases", db_index=False)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    # Noark 5 saksaar/sakssekvensnummer: the case number «2024/1234» within the office.
    case_year = models.PositiveSmallIntegerField()
    case_sequence = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.OPEN)
    priority = models.BooleanField(
        default=False, help_text=_("Fare for liv eller helse, eller overgrep: behandles alltid først.")
    )
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    # The case this one came from: the county governor's case behind a case at Helsetilsynet, the
    # notification behind a supervision case, the coercion protocol behind a child's complaint.
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="derived")

    received = models.DateField(help_text=_("Mottatt hos embetet: fra denne dagen måles saksbehandlingstiden."))
    deadline = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)
    # The handling clock, paused while the office waits for documentation from the service: since when it is
    # paused now, and the whole days it was paused before (each pause moves the deadline by its days).
    paused_since = models.DateField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0, db_default=0)
    # The deadline the last explicit extension set (moved by pauses since, like the deadline): when the deadline
    # is worked out again from the target (a new handling method), an extension later than that is kept.
    extended_deadline = models.DateField(null=True, blank=True)

    synthetic = models.BooleanField(default=False, help_text=_("Syntetiske demodata, ikke en ekte sak."))
    # Fingerprint of the exchange-format line the case was last imported from; cleared by every change
    # made in the application, so that re-importing an unchanged file is a no-op.
    exchange_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "case_year", "case_sequence"], name="case_number_unique"),
            models.CheckConstraint(condition=Q(closed__isnull=True) | Q(closed__gte=F("received")),
                                   name="case_closed_after_received"),
        ]
        indexes = [
            models.Index(fields=["office", "kind", "received"]),
            models.Index(fields=["office", "kind", "closed"]),
            models.Index(fields=["kind", "received"]),
            models.Index(fields=["kind", "closed"]),
            # The work queue: an office's open cases, most urgent first. Open cases are a few percent of all,
            # so the queue stays as fast after ten years as after one.
            models.Index(fields=["office", "-priority", "deadline", "received", "id"],
                         condition=Q(closed__isnull=True), name="case_open_queue"),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    @property
    def case_number(self) -> str:
        return f"{self.case_year}/{self.case_sequence}"

    @property
    def is_open(self) -> bool:
        return self.closed is None


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Klager")
    PATIENT = "patient", _("Pasient/bruker")
    CHILD = "child", _("Barn")
    PARENT = "parent", _("Forelder")
    NEXT_OF_KIN = "next_of_kin", _("Pårørende")
    REPRESENTATIVE = "representative", _("Fullmektig")
    SUPERVISED = "supervised", _("Tilsynsobjekt")
    SERVICE = "service", _("Tjenesten")
    NOTIFIER = "notifier", _("Varsler")
    PERSON = "person", _("Person tiltaket gjelder")
    APPLICANT = "applicant", _("Søker")
    REQUESTER = "requester", _("Den som ber om innsyn")


class Party(models.Model):
    """A person or organisation in a case. Supervised objects are parties with an object type."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    name = models.CharField(max_length=200)
    national_id = models.CharField(max_length=11, blank=True, help_text=_("Fødselsnummer"))
    org_number = models.CharField(max_length=9, blank=True)
    # The codes are read with their party (found by case), never searched across parties: no index on them,
    # which spares every import three index inserts a party.
    object_type = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", limit_choices_to={"vocabulary": "supervised_object_type"},
                                    db_index=False)
    profession = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", limit_choices_to={"vocabulary": "profession"}, db_index=False)
    service_level = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", limit_choices_to={"vocabulary": "service_level"},
                                      db_index=False)
    address = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=4, blank=True)
    postal_place = models.CharField(max_length=100, blank=True)
    municipality = models.ForeignKey("reference.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name_plural = "parties"
        indexes = [models.Index(fields=["national_id"]), models.Index(fields=["org_number"])]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"


class Outcome(models.TextChoices):
    BREACH = "breach", _("Lovbrudd")
    NO_BREACH = "no_breach", _("Ikke lovbrudd")
    UPHELD = "upheld", _("Stadfestet")
    CHANGED = "changed", _("Endret")
    QUASHED = "quashed", _("Opphevet")


SUPERVISION_OUTCOMES = {Outcome.BREACH, Outcome.NO_BREACH}
COMPLAINT_OUTCOMES = {Outcome.UPHELD, Outcome.CHANGED, Outcome.QUASHED}


class Assessment(models.Model):
    """One legal provision assessed in a case (against one supervised party, where there are several)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    provision = models.ForeignKey("reference.Provision", on_delete=models.PROTECT, related_name="assessments")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)

    def __str__(self):
        return f"{self.provision}: {self.get_outcome_display()}"


class JournalEntry(models.Model):
    """A registered document (journalpost), shaped after Noark 5 so that an archival extract can be made."""

    class Type(models.TextChoices):
        INCOMING = "I", _("Inngående dokument")
        OUTGOING = "U", _("Utgående dokument")
        INTERNAL_FOLLOW_UP = "N", _("Organinternt dokument for oppfølging")
        INTERNAL = "X", _("Organinternt dokument uten oppfølging")
        CASE_PRESENTATION = "S", _("Saksframlegg")

    system_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Indexed by journal_number_unique (case, number), which serves lookups by case as well.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal", db_index=False)
    number = models.PositiveIntegerField(help_text=_("Journalpostnummer i saken"))
    type = models.CharField(max_length=1, choices=Type.choices)
    title = models.CharField(max_length=300)
    public_title = models.CharField(max_length=300, blank=True, help_text=_("Offentlig tittel, skjermet"))
    correspondent = models.CharField(max_length=200, blank=True, help_text=_("Avsender eller mottaker"))
    document_date = models.DateField(help_text=_("Dokumentets dato"))
    registered = models.DateField(help_text=_("Journaldato"))
    screened = models.BooleanField(default=True, help_text=_("Unntatt offentlighet"))
    screening_basis = models.CharField(max_length=120, blank=True, help_text=_("Skjermingshjemmel"))

    class Meta:
        verbose_name_plural = "journal entries"
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="journal_number_unique")]
        indexes = [models.Index(fields=["registered"])]

    def __str__(self):
        return f"{self.number} {self.title}"


class CaseEvent(models.Model):
    """The case's timeline: every change of state and of a date, who made it and why. Append-only."""

    class Type(models.TextChoices):
        REGISTERED = "registered", _("Registrert")
        STATUS_CHANGED = "status_changed", _("Status endret")
        DATE_CHANGED = "date_changed", _("Dato endret")
        ASSIGNED = "assigned", _("Tildelt saksbehandler")
        CLOCK_PAUSED = "clock_paused", _("Fristen stanset i påvente av dokumentasjon")
        CLOCK_RESUMED = "clock_resumed", _("Fristen løper igjen")
        DEADLINE_EXTENDED = "deadline_extended", _("Fristen forlenget")
        ASSESSMENT_ADDED = "assessment_added", _("Bestemmelse lagt til vurdering")
        ASSESSMENT_REMOVED = "assessment_removed", _("Bestemmelse fjernet fra vurdering")
        OUTCOME_RECORDED = "outcome_recorded", _("Utfall registrert")
        DETAILS_CHANGED = "details_changed", _("Opplysninger endret")
        FORWARDED = "forwarded", _("Oversendt")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    type = models.CharField(max_length=24, choices=Type.choices)
    field = models.CharField(max_length=40, blank=True)
    # What the change concerns within the case, when not the case itself: an assessment's provision.
    subject = models.CharField(max_length=300, blank=True)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
