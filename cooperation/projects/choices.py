from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingKind(models.TextChoices):
    EU = "eu", _("EU programme")
    NATIONAL = "national", _("national funder")
    NORDIC = "nordic", _("Nordic funder")
    MUNICIPAL = "municipal", _("the municipality's own central funds")
    OTHER = "other", _("other")
    NONE = "none", _("no external funding")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    APPLIED = "applied", _("application submitted")
    GRANTED = "granted", _("granted")
    REJECTED = "rejected", _("rejected")
    ONGOING = "ongoing", _("ongoing")
    CLOSED = "closed", _("closed")


class ProjectRole(models.TextChoices):
    LEAD = "lead", _("lead partner")
    PARTNER = "partner", _("partner")
    ASSOCIATED = "associated", _("associated partner")


class PartnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality or city")
    REGION = "region", _("region")
    UNIVERSITY = "university", _("university or research institute")
    COMPANY = "company", _("company")
    NGO = "ngo", _("civil-society organisation")
    AUTHORITY = "authority", _("public authority")
    OTHER = "other", _("other")


class IcldPhase(models.TextChoices):
    INCEPTION = "inception", _("inception phase")
    PROJECT = "project", _("project phase")


class TeamSide(models.TextChoices):
    MUNICIPALITY = "municipality", _("our municipality")
    PARTNER = "partner", _("the partner")


class TeamRole(models.TextChoices):
    MAJORITY = "majority", _("politician (majority)")
    OPPOSITION = "opposition", _("politician (opposition)")
    OFFICIAL = "official", _("official")
