"""A list's pages hold every item once, in the list's order, also the pages read from the far end (past the middle,
`SeekingPaginator` reads them in the reverse order) and where several items share the sorted value."""

import datetime

import pytest
from django.urls import reverse

from cooperation.core.views import SeekingPaginator, totally_ordered
from cooperation.projects.models import FundingSource, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(org):
    """Eleven projects: several on the same day with the same title, and some without a start date."""
    eu = FundingSource.objects.get(code="eu")
    days = (
        [datetime.date(2025, 1, 1)] * 4 + [datetime.date(2024, 6, 1)] * 3 + [None] * 2 + [datetime.date(2026, 3, 1)] * 2
    )
    return [
        Project.objects.create(title=f"Projekt {index % 3}", owner=org.unit_a, funding_source=eu, start_date=day)
        for index, day in enumerate(days)
    ]


@pytest.mark.parametrize(
    "order", [(), ("title",), ("-title",), ("start_date",), ("-start_date",), ("status", "-title")]
)
@pytest.mark.parametrize("per_page", [1, 3, 4])
def test_the_pages_together_are_the_list(projects, order, per_page):
    queryset = totally_ordered(Project.objects.order_by(*order) if order else Project.objects.all())
    whole = list(queryset.values_list("pk", flat=True))
    paginator = SeekingPaginator(queryset, per_page)
    pages = [[each.pk for each in paginator.page(number).object_list] for number in paginator.page_range]
    assert [pk for page in pages for pk in page] == whole
    assert all(len(page) == per_page for page in pages[:-1])


def test_the_order_ends_with_the_key_running_as_the_first_column():
    assert totally_ordered(Project.objects.all()).query.order_by == ("-start_date", "title", "-pk")
    assert totally_ordered(Project.objects.order_by("title")).query.order_by == ("title", "pk")
    assert totally_ordered(Project.objects.order_by("-pk")).query.order_by == ("-pk",)


def test_the_last_page_of_the_list_holds_the_oldest_projects(client, reader, org):
    eu = FundingSource.objects.get(code="eu")
    for index in range(53):
        Project.objects.create(
            title=f"Projekt {index:02}",
            owner=org.unit_a,
            funding_source=eu,
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
        )
    client.force_login(reader)
    last = client.get(reverse("projects:project_list"), {"page": 2})
    assert [str(each) for each in last.context["object_list"]] == ["Projekt 02", "Projekt 01", "Projekt 00"]
    assert last.context["paginator"].count == 53
    first = client.get(reverse("projects:project_list"), {"page": 1, "sort": "-title"})
    assert str(first.context["object_list"][0]) == "Projekt 52"
