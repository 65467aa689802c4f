"""The audit log: who read, created, changed or exported which case or person, when and from where.

Append-only: rows are inserted and never changed or deleted (database triggers refuse it; on PostgreSQL the
application's role lacks the privileges too). No foreign keys: an entry outlives the user and the case it
names, and a cascade must never reach it.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Lest")
    LIST = "list", _("Listet")
    CREATE = "create", _("Opprettet")
    CHANGE = "change", _("Endret")
    EXPORT = "export", _("Eksportert")


class ObjectType(models.TextChoices):
    CASE = "case", _("Sak")
    PERSON = "person", _("Person")
    CASES = "cases", _("Utvalg av saker")


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150)
    user_office = models.CharField(max_length=16, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=10, choices=ObjectType.choices)
    case_id = models.BigIntegerField(null=True, db_index=True)
    case_office_id = models.BigIntegerField(null=True)
    party_id = models.BigIntegerField(null=True)
    channel = models.CharField(max_length=10, help_text=_("side, api, kommando"))
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    ip = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("loggføring")
        verbose_name_plural = _("tilgangslogg")
