"""The data the yearly report needs beside project finances: membership fees as paid, an evaluation's outcome, own
participants on outgoing visits, city activities as a dated log, the population per year, and the demo filling it."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F, Q, Sum
from django.urls import reverse

from cooperation.cities.models import CityActivity, CityRelation
from cooperation.networks.models import Membership, MembershipFee, Organisation
from cooperation.organisation.models import Population, population
from cooperation.projects.models import Project, ProjectFinance
from cooperation.steering.choices import EvaluationOutcome
from cooperation.steering.models import Evaluation
from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import Visit
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db
OWN = "Egna deltagare: ange hur många av kommunens egna som deltar när besöket är utgående."


@pytest.mark.parametrize("kind", [VisitKind.OUTGOING_TRIP, VisitKind.CONFERENCE, VisitKind.JOB_SHADOWING])
def test_an_outgoing_visit_says_how_many_of_the_municipalitys_own_take_part(org, kind):
    visit = Visit(kind=kind, direction=Direction.OUTGOING, title="Resa", start_date=datetime.date(2025, 5, 2))
    visit.country = "BE"
    assert_refused(visit, "own_participants", OWN)
    visit.own_participants = 3
    assert_valid(visit)


def test_an_incoming_visit_is_not_asked(org):
    assert_valid(Visit(kind=VisitKind.STUDY, title="Besök", start_date=datetime.date(2025, 5, 2), country="DE"))


@pytest.fixture
def member(org):
    network = Organisation.objects.create(name="Eurocities", country="BE")
    return Membership.objects.create(
        organisation=network,
        kind="common_interest",
        unit=org.central,
        decision=org.ks_decision,
        member_since=datetime.date(2015, 1, 1),
    )


def test_one_fee_per_membership_and_year_shown_on_its_page(client, reader, member):
    MembershipFee.objects.create(
        membership=member, year=2024, amount=Decimal(12_500), paid_on=datetime.date(2024, 3, 1)
    )
    assert_refused(
        MembershipFee(membership=member, year=2024, amount=Decimal(1)),
        "__all__",
        "Medlemskapet har redan en betald avgift för det här året.",
    )
    client.force_login(reader)
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Betalda medlemsavgifter" in page
    assert "12\xa0500 SEK" in page


def test_the_membership_page_posts_fees(client, coordinator, member):
    from tests.helpers import form_data

    client.force_login(coordinator)
    url = reverse("networks:membership_edit", args=[member.pk])
    data = form_data(client.get(url), **{"fees-0-year": "2025", "fees-0-amount": "9 800", "fees-0-currency": "EUR"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    assert member.fees.get().amount == Decimal(9_800)


def test_an_evaluations_outcome_reads_in_swedish(member):
    evaluation = Evaluation.objects.create(membership=member, date=datetime.date(2025, 2, 1), outcome="leave")
    assert evaluation.get_outcome_display() == "lämna"
    assert [str(label) for label in EvaluationOutcome.labels] == ["fortsätta", "förändra", "lämna"]


def test_a_city_activity_is_a_dated_log_entry_shown_on_the_relations_page(client, reader, org):
    relation = CityRelation.objects.create(city="Aarhus", country="DK", kind="contact")
    relation.units.set([org.unit_a])
    activity = CityActivity.objects.create(
        relation=relation,
        unit=org.unit_a,
        title="Skolutbyte",
        kind="exchange",
        start_date=datetime.date(2025, 4, 1),
        participants=14,
        cost=Decimal(23_000),
    )
    activity.participating_units.set([org.unit_b])
    client.force_login(reader)
    page = client.get(relation.get_absolute_url()).content.decode()
    assert "utbyte" in page
    assert org.unit_b.name in page
    assert "23\xa0000 SEK" in page


@pytest.mark.parametrize("slug", ["goteborg", "molndal", "vanersborg", "lidkoping", "jonkoping"])
def test_each_municipality_has_its_population_for_recent_years(reference_data, slug):
    call_command("loaddata", slug, verbosity=0)
    years = list(Population.objects.order_by("year").values_list("year", "source"))
    assert [year for year, _source in years] == list(range(2019, 2025))
    assert all(source.startswith(f"SCB, folkmängd 31 december {year}") for year, source in years)
    assert population(2024) > 30_000
    assert population(1990) is None


def test_the_demo_fills_the_report_data_within_the_rules():
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small")
    assert ProjectFinance.objects.filter(granted__isnull=False).exists()
    assert ProjectFinance.objects.values("project").distinct().count() > 50
    assert ProjectFinance.objects.values("project", "year").annotate(n=Sum(1)).filter(n__gt=1).exists()  # co-funding
    # Each project's rows add up to no more than its totals.
    for project in Project.objects.filter(finances__isnull=False).distinct()[:80]:
        assert project.finance_errors(project.finances.all()) == {}
    # A project without external funding is paid by the municipality alone: nothing applied for or granted.
    unfunded = ProjectFinance.objects.filter(source__kind="none")
    assert unfunded.filter(own_contribution_cash__gt=0).exists()
    assert not unfunded.filter(Q(granted__isnull=False) | Q(applied_for__isnull=False)).exists()
    assert not Project.objects.filter(funding_source__kind="none", external_funding__gt=0).exists()
    assert not Visit.objects.filter(direction="outgoing", own_participants__isnull=True).exists()
    assert MembershipFee.objects.filter(amount__gt=0).exists()
    assert Evaluation.objects.exclude(outcome="").exists()
    assert CityActivity.objects.filter(participating_units__isnull=False).exists()
    assert not CityActivity.objects.filter(end_date__lt=F("start_date")).exists()
