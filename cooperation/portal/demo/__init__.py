"""A realistic, clearly fictional demo portfolio, built deterministically and in bulk.

Every demo row gets a primary key computed from the municipality and its running number, so building the
same portfolio twice adds nothing the second time, and a larger size adds only what the smaller one lacked.
Bulk inserts keep `--size large` (50,000 projects, 100,000 visits) within minutes; the main registers still
get one history row each ("Demodata"), their child rows do not.
"""

from django.db import models

from cooperation.cities.models import CityActivity, CityRelation
from cooperation.consultations.models import Consultation
from cooperation.networks.models import Membership, MembershipFee, Organisation
from cooperation.notices.models import Notice, NoticeEvent
from cooperation.organisation.models import Decision
from cooperation.projects.models import Project, ProjectFinance, ProjectPartner
from cooperation.steering.models import Evaluation, PositionPaper, PositionPaperVersion
from cooperation.visits.models import DelegationMember, Visit, VisitHost

from .base import DEMO_NOTE, DEMO_PASSWORD, SIZES, reset_sequences
from .cities import build_partner_cities
from .consultations import build_consultations
from .networks import build_memberships
from .notices import build_notices
from .organisation import DEMO_ACCOUNTS, build_context, build_decisions
from .projects import build_projects
from .steering import build_papers
from .visits import build_visits

__all__ = ["DEMO_ACCOUNTS", "DEMO_NOTE", "DEMO_PASSWORD", "SEEDED_MODELS", "SIZES", "build"]

SEEDED_MODELS: list[type[models.Model]] = [
    Decision,
    CityRelation,
    CityActivity,
    Organisation,
    Membership,
    MembershipFee,
    Evaluation,
    Project,
    ProjectPartner,
    ProjectFinance,
    Visit,
    VisitHost,
    DelegationMember,
    Consultation,
    Notice,
    NoticeEvent,
    PositionPaper,
    PositionPaperVersion,
]


def build(size: str) -> dict:
    """Build the demo portfolio for the installation's municipality; return how many rows each register now holds."""
    counts = SIZES[size]
    ctx = build_context()
    decisions = build_decisions(ctx)
    relations = build_partner_cities(ctx, decisions)
    memberships = build_memberships(ctx, decisions, counts["memberships"])
    projects = build_projects(ctx, decisions, relations, memberships, counts["projects"])
    build_visits(ctx, relations, projects, counts["visits"])
    build_consultations(ctx, counts["consultations"])
    build_notices(ctx, projects, counts["notices"])
    build_papers(ctx, decisions, relations)
    reset_sequences(SEEDED_MODELS)
    return {model._meta.verbose_name_plural: model.objects.count() for model in SEEDED_MODELS}
