"""Monitoring and advocacy: consultations from the European Commission, the Government Offices or own initiative."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before
from cooperation.organisation.models import municipality_errors

from .choices import ConsultationStatus, Origin


class Consultation(models.Model):
    """A consultation (remiss, samråd) the municipality received or took up."""

    title = models.CharField(_("title"), max_length=300)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    eu_initiative = models.CharField(
        _("EU initiative"),
        max_length=300,
        blank=True,
        help_text=_("The EU initiative it concerns, if any; the central office must then be informed."),
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True, help_text=_("E.g. COM(2025) 123."))
    unit = models.ForeignKey(
        "organisation.Unit", models.PROTECT, related_name="consultations", verbose_name=_("received by")
    )
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    brussels_office_involved = models.BooleanField(_("Brussels office involved"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("decision on the answer"),
    )
    link = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            not_before(
                "received_on",
                "deadline",
                "consultation_deadline_not_before_received",
                _("Deadline: the deadline cannot be before the date it was received."),
            ),
            not_before(
                "received_on",
                "answered_on",
                "consultation_answer_not_before_received",
                _("Answered on: the answer cannot be dated before the consultation was received."),
            ),
            FieldCheckConstraint(
                condition=~models.Q(status=ConsultationStatus.ANSWERED) | models.Q(answered_on__isnull=False),
                name="answered_consultation_has_date",
                field="answered_on",
                violation_error_message=_("Answered on: an answered consultation needs the date of the answer."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:consultation_detail", args=[self.pk])

    def clean(self):
        errors = municipality_errors(self, "decision", "unit")
        if errors:
            raise ValidationError(errors)

    @property
    def concerns_eu_initiative(self) -> bool:
        return bool(self.eu_initiative.strip())
