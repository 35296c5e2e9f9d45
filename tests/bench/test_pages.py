"""The pages' benchmark: which pages it measures beside which admin pages, what it measures, and how it judges."""

import datetime

import pytest
from django.urls import reverse

from bench import pages
from cooperation.organisation.choices import Role
from cooperation.organisation.models import User
from cooperation.projects.models import FundingSource, Project
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(org):
    eu = FundingSource.objects.get(code="eu")
    return [
        Project.objects.create(
            title=f"Hamnprojektet nummer {i}",
            owner=org.unit_a,
            funding_source=eu,
            status="ongoing",
            start_date=datetime.date(2025, 1, 1),
        )
        for i in range(3)
    ]


def test_a_list_is_measured_unfiltered_by_each_filter_search_sort_and_last_page_beside_the_admin(projects):
    cases = {case.name: case for case in pages.list_cases(reverse("projects:project_list"))}
    changelist = reverse("admin:projects_project_changelist")
    assert cases["unfiltered"].admin_url == f"{changelist}?"
    assert cases["filter status"].url.endswith("?status=ongoing")
    assert cases["filter status"].admin_url == f"{changelist}?status__exact=ongoing"
    assert cases["filter owner"].admin_url == f"{changelist}?owner__id__exact={projects[0].owner_id}"
    assert cases["filter country"].admin_url is None  # the admin has no filter on the partners' countries
    search = cases["search “hamnprojektet”"]
    assert search.search and search.admin_url == f"{changelist}?q=hamnprojektet"
    assert cases["sort title"].admin_url == f"{changelist}?o=1"  # the admin's first column
    assert cases["last page (1)"].url.endswith("?page=1")
    assert not cases["detail page"].list_page
    assert cases["detail page"].admin_url == reverse("admin:projects_project_change", args=[projects[1].pk])


def test_each_page_gets_its_queries_times_admin_ratio_and_slowest_sql(org, projects):
    make_user("samordnare", Role.COORDINATOR, org.central)
    User.objects.create_superuser("admin", password="x")  # noqa: S106
    url = reverse("projects:project_list")
    case = pages.Case("projekt", "unfiltered", url, "samordnare", f"{reverse('admin:projects_project_changelist')}?")
    pages.measure([case], repeat=3)
    measured = case.measured
    assert 3 <= measured["queries"] <= 12
    assert len(case.times) == len(case.admin_times) == 3
    assert measured["median_ms"] > 0 and measured["p95_ms"] >= measured["median_ms"]
    assert measured["ratio_to_admin"] == round(measured["median_ms"] / measured["admin_median_ms"], 2)
    assert measured["slowest_sql_ms"] > 0 and "SELECT" in measured["slowest_sql"]


def test_the_targets():
    def judged(vendor="postgresql", search=False, list_page=True, **measured):
        case = pages.Case("projekt", "x", "/projekt/", "samordnare", search=search, list_page=list_page)
        case.measured = {"queries": 11, "median_ms": 20, "p95_ms": 60, "ratio_to_admin": 0.3, "page_per_sql": 3}
        case.measured.update(measured)
        return pages.judge(case, vendor)

    assert judged() == "met"
    assert judged(queries=13) == "MISSED: queries > 12"
    assert judged(median_ms=51, p95_ms=151) == "MISSED: median > 50, p95 > 150"
    assert judged(ratio_to_admin=0.3, search=True) == "MISSED: ratio > 0.2"
    assert judged(page_per_sql=4.5) == "MISSED: page ÷ SQL > 4"
    assert judged(page_per_sql=4.5, vendor="sqlite") == "met"  # the SQL limit is PostgreSQL's
    assert judged(ratio_to_admin=None) == "met"  # no admin page to compare with
