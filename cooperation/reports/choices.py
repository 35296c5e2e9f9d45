from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpState(models.TextChoices):
    OPEN = "open", _("open for the units' accounts")
    COMPILED = "compiled", _("compiled")
    RECEIVED = "received", _("received by KS")


class Verdict(models.TextChoices):
    FULFILLED = "fulfilled", _("fulfilled")
    PARTLY = "partly", _("partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("not fulfilled")


class BuildState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being built")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    # Queued or running past REPORT_BUILD_TIMEOUT_MINUTES: the worker most likely stopped, so it is given up.
    TIMED_OUT = "timed_out", _("failed: took too long")


# A build in one of these states holds its report: the same report is never built twice at once.
ACTIVE_BUILD_STATES = (BuildState.QUEUED, BuildState.RUNNING)


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"
    DOCX = "docx", "Word"
