from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    COUNCIL = "kf", _("municipal council (KF)")
    COUNCIL_PRESIDIUM = "kf_presidium", _("council presidium")
    EXECUTIVE_BOARD = "ks", _("executive board (KS)")
    WORKING_COMMITTEE = "ksau", _("executive board's working committee (KSAU)")
    COMMITTEE = "committee", _("committee (nämnd)")
    COMPANY_BOARD = "company_board", _("company board")
    OTHER = "other", _("other body")


# Bodies whose decisions are the committees' own (a nämnd or a company board).
COMMITTEE_KINDS = frozenset({BodyKind.COMMITTEE, BodyKind.COMPANY_BOARD})


class UnitKind(models.TextChoices):
    ADMINISTRATION = "administration", _("administration")
    COMPANY = "company", _("company")
    COORDINATING_ACTOR = "coordinating_actor", _("other coordinating actor")


class Role(models.TextChoices):
    OFFICIAL = "official", _("case officer")
    CONTACT_PERSON = "contact_person", _("international contact person")
    COORDINATOR = "coordinator", _("coordinator")
    KS = "ks", _("executive board (KS)")
    KF = "kf", _("municipal council (KF)")
    READER = "reader", _("read-only user")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles that act for a unit and so must name one.
UNIT_ROLES = frozenset({Role.OFFICIAL, Role.CONTACT_PERSON})


class PolicyKind(models.TextChoices):
    POLICY = "policy", _("policy")
    GUIDELINES = "guidelines", _("guidelines")
    STRATEGY = "strategy", _("strategy")


class GoalKind(models.TextChoices):
    GOAL = "goal", _("goal")
    SUB_GOAL = "sub_goal", _("sub-goal")
    FOCUS_AREA = "focus_area", _("focus area")
    PRIORITY = "priority", _("priority area")
    PURPOSE = "purpose", _("purpose")
    WAY_OF_WORKING = "way_of_working", _("way of working")


class GroupKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("steering group")
    COORDINATION_GROUP = "coordination_group", _("coordination group")
    INTERNATIONAL_GROUP = "international_group", _("international group")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
