"""A portfolio with items that may be published beside items that may not, and personal data that must stay in."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from cooperation.cities.models import CityRelation
from cooperation.networks.models import Membership, Organisation, Representative
from cooperation.organisation.choices import Role
from cooperation.projects.models import FundingSource, Programme, Project, ProjectPartner, ProjectTeamMember
from tests.conftest import make_user


@pytest.fixture
def public_pages(settings):
    settings.PUBLIC_PAGES = True
    settings.SITE_URL = "https://internationellt.teststad.example"
    return settings


def relation(city, **extra):
    return CityRelation.objects.create(
        city=city, **{"country": "DK", "kind": "twin_town", "status": "active", "since_year": 1946, **extra}
    )


def membership(org, name, **extra):
    organisation = Organisation.objects.create(name=name, acronym=name[:4].upper(), country="BE")
    return Membership.objects.create(
        organisation=organisation,
        unit=org.central,
        **{"kind": "common_interest", "member_since": datetime.date(2010, 1, 1), "decision": org.ks_decision, **extra},
    )


def project(org, title, **extra):
    item = Project.objects.create(
        title=title,
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code=extra.pop("source", "eu")),
        **{
            "status": "ongoing",
            "published": True,
            "currency_id": "EUR",
            "exchange_rate": Decimal("11.5"),
            "start_date": datetime.date(2024, 3, 1),
            "end_date": datetime.date(2027, 2, 28),
            "total_budget": Decimal("2000000"),
            "external_funding": Decimal("1600000"),
            **extra,
        },
    )
    ProjectPartner.objects.create(project=item, name=f"{title} Lead Partner", country="NO", kind="region", is_lead=True)
    ProjectPartner.objects.create(project=item, name="=HYPERLINK(1)", city="Åbo", country="FI", kind="university")
    return item


@pytest.fixture
def portfolio(org):
    """What is published (`shown`) and what is not (`hidden`: unmarked, drafts, ended, and personal data)."""
    contact = make_user("kontakt", Role.OFFICIAL, org.unit_a, last_name="Kontaktperson")
    contact.first_name, contact.email = "Kajsa", "kajsa.kontaktperson@teststad.example"
    contact.save()
    eurocities = membership(org, "Eurocities")
    Representative.objects.create(membership=eurocities, name="Rita Representant", position="styrelseledamot")
    programme = Programme.objects.get(name="Interreg Europe")
    synlig = project(
        org,
        "Synliga hamnar",
        acronym="SYNHAMN",
        programme=programme,
        contact=contact,
        description="INTERN BESKRIVNING",
        benefit_risk_analysis="INTERN ANALYS",
        case_number="MN-2024-0042",
        public_summary_sv="Hamnar utan fossila bränslen.",
        public_summary_en="Ports without fossil fuels.",
    )
    ProjectTeamMember.objects.create(project=synlig, role="official", name="Tea Teammedlem")
    icld = project(org, "Demokrati i Fokus", source="icld", status="closed", external_funding=None)
    shown = {
        "relations": [
            relation("Aarhus").pk,
            relation("Shanghai", country="CN", kind="partner_city", status="dormant").pk,
        ],
        "memberships": [eurocities.pk],
        "projects": [synlig.pk, icld.pk],
        "eu_projects": [synlig.pk],
    }
    relation("Graz", country="AT", status="ended", ended_on=datetime.date(2001, 1, 1))
    relation("Kontaktstaden", kind="contact")
    relation("Sakfrågestaden", kind="issue_specific")
    membership(org, "Sektornätverket", kind="sector_specific", decision=org.committee_a_decision)
    membership(org, "Gamla nätverket", member_until=datetime.date(2015, 12, 31))
    membership(org, "Framtida nätverket", member_since=datetime.date(2999, 1, 1))
    project(org, "Omarkerat projekt", published=False)
    project(org, "Ansökt projekt", status="applied")
    project(org, "Idéprojekt", status="idea")
    project(org, "Avslaget projekt", status="rejected")
    hidden = [
        "Graz",
        "Kontaktstaden",
        "Sakfrågestaden",
        "Sektornätverket",
        "Gamla nätverket",
        "Framtida nätverket",
        "Omarkerat projekt",
        "Ansökt projekt",
        "Idéprojekt",
        "Avslaget projekt",
        # personal data and internal text
        "Kajsa",
        "Kontaktperson",
        "kajsa.kontaktperson",
        "Rita Representant",
        "Tea Teammedlem",
        "INTERN BESKRIVNING",
        "INTERN ANALYS",
        "MN-2024-0042",
    ]
    return SimpleNamespace(shown=shown, hidden=hidden, synlig=synlig)
