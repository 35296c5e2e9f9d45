"""A register's list: filters fold into a disclosure whose toggle counts the active ones; short codes, dates and
numbers keep to one line."""

import pytest
from django.urls import reverse

from cooperation.core.views import column_kind
from cooperation.notices.models import Notice
from cooperation.organisation.models import Decision
from cooperation.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 0),
        ({"sort": "title", "page": "2"}, 0),
        ({"q": "klimat"}, 1),
        ({"q": "klimat", "status": ["ongoing", "idea"], "start_date_min": "2024-01-01"}, 3),
        ({"start_date_min": "", "start_date_max": ""}, 0),
        ({"year": "abc", "q": "x"}, 2),  # an invalid form still counts what was given
    ],
)
def test_the_toggle_counts_active_filters(client, coordinator, query, count):
    client.force_login(coordinator)
    response = client.get(reverse("projects:project_list"), query)
    assert response.status_code == 200
    assert response.context["active_filters"] == count
    html = response.content.decode()
    assert '<details class="register__filters" id="filters" open data-closed-below="40rem">' in html
    assert ('class="register__filters-count">' in html) == bool(count)
    assert "js/list_filters.js" in html


def test_short_codes_dates_and_numbers_get_a_one_line_column():
    assert column_kind(Notice, "number") == "shrink"
    assert column_kind(Notice, "created_at") == "date"
    assert column_kind(Decision, "paragraph") == "shrink"
    assert column_kind(Project, "total_budget") == "numeric"
    assert column_kind(Project, "title") == ""
