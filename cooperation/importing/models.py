"""An import of a spreadsheet into a register: the file kept, how its columns were read, the dry run's findings
row by row, and the items it made, so that it can be undone as a whole."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImportState(models.TextChoices):
    MAPPING = "mapping", _("Columns to match")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    UNDONE = "undone", _("Undone")
    FAILED = "failed", _("Failed")


# A worker is busy with these: the page refreshes itself until they end.
BUSY_STATES = (ImportState.CHECKING, ImportState.IMPORTING)


class ImportBatch(models.Model):
    """One uploaded file and what became of it."""

    register = models.CharField(_("register"), max_length=60)  # an importer's key, e.g. "projekt"
    file = models.FileField(_("file"), upload_to="imports/%Y/", max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=5, default="sv")
    state = models.CharField(_("state"), max_length=10, choices=ImportState.choices, default=ImportState.MAPPING)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)  # a workbook's sheet read; "" for a CSV
    header_row = models.PositiveIntegerField(_("header row"), default=1)
    # [{"index": 0, "header": "Titel", "key": "title", "year": null}, …] for every column of the file
    mapping = models.JSONField(_("columns"), default=list, blank=True)
    # {"rows": [{"line": 3, "name": "…", "errors": [{"column": "Startdatum", "message": "…"}]}], "errors": 1}
    report = models.JSONField(_("findings"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    started_at = models.DateTimeField(_("queued at"), null=True, blank=True)  # for giving up on a dead worker
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    step = models.CharField(_("step"), max_length=200, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    history = HistoricalRecords(excluded_fields=["progress", "step"])  # progress ticks are not changes worth keeping

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("importing:batch", args=[self.pk])

    @property
    def is_busy(self) -> bool:
        return self.state in BUSY_STATES

    @property
    def may_commit(self) -> bool:
        return self.state == ImportState.CHECKED and self.rows > 0 and self.error_count == 0


class ImportedItem(models.Model):
    """An item an import made, with the history row its import wrote: while that is still its latest, no one has
    changed it since, and the import can be undone."""

    batch = models.ForeignKey(ImportBatch, models.CASCADE, related_name="items", verbose_name=_("import"))
    line = models.PositiveIntegerField(_("row in the file"))
    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    history_id = models.PositiveBigIntegerField(_("history row written by the import"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["batch", "line"]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        indexes = [models.Index(fields=["content_type", "object_id"], name="imported_item")]

    def __str__(self):
        return f"{self.batch}: {self.line}"


class RememberedColumn(models.Model):
    """A header someone matched to a field, offered again the next time a file with that header is imported."""

    register = models.CharField(_("register"), max_length=60)
    header = models.CharField(_("header"), max_length=200)  # normalised
    key = models.CharField(_("field"), max_length=60)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["register", "header"]
        verbose_name = _("remembered column")
        verbose_name_plural = _("remembered columns")
        constraints = [models.UniqueConstraint(fields=["register", "header"], name="one_field_per_header")]

    def __str__(self):
        return f"{self.header} → {self.key}"
