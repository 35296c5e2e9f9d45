from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipKind(models.TextChoices):
    COMMON_INTEREST = "common_interest", _("membership of common interest")
    SECTOR_SPECIFIC = "sector_specific", _("sector-specific membership")


class DeclarationStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
