"""Every list page, given impossible values in every one of its filters, answers with the list and a message on
the filter: never a server error."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cooperation.core.views import ObjectListView

pytestmark = pytest.mark.django_db

HOSTILE = [
    "0",
    "1e5",
    "2024.5",
    "-99999999999999999999999999999",
    "1e400",
    "2026-13-45",
    "<script>'; DROP TABLE x; --",
    "nul\x00byte",
    "x" * 2000,
]


def list_urls(resolver=None, namespace=""):
    """(URL name, FilterSet) of every register list."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from list_urls(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and not pattern.pattern.converters:
            view = getattr(pattern.callback, "view_class", None)
            if view and issubclass(view, ObjectListView):
                yield f"{namespace}{pattern.name}", view.filterset_class


def parameters(filterset_class) -> list[str]:
    """The query parameters a filterset reads: a range filter reads one per input (`date_after`, `date_before`)."""
    names = []
    for name, field in filterset_class().form.fields.items():
        suffixes = getattr(field.widget, "suffixes", None)
        names += [f"{name}_{suffix}" for suffix in suffixes] if suffixes else [name]
    return names


LISTS = sorted(list_urls())


def test_the_walk_finds_every_list():
    assert len(LISTS) >= 12
    assert ("organisation:decision_list" in dict(LISTS)) and (
        "year" in parameters(dict(LISTS)["organisation:decision_list"])
    )


@pytest.mark.parametrize(("url_name", "filterset_class"), LISTS, ids=[name for name, _ in LISTS])
def test_hostile_filter_values_give_the_list_not_a_500(client, org, coordinator, url_name, filterset_class):
    client.force_login(coordinator)
    url = reverse(url_name)
    queries = [{name: value} for name in [*parameters(filterset_class), "page"] for value in HOSTILE]
    queries += [{"page": "99999999999999999999"}, {"page": "-3"}, {"sort": "-nonexistent"}]
    for query in queries:
        response = client.get(url, query)
        assert response.status_code == 200, (url, query, response.status_code)


@pytest.mark.parametrize("query", ["year=0", "year=1e5", "year=2024.5", "date_min=2026-13-45"])
def test_an_impossible_decision_year_is_a_message_on_the_filter(client, org, coordinator, query):
    client.force_login(coordinator)
    response = client.get(f"{reverse('organisation:decision_list')}?{query}")
    assert response.status_code == 200
    field = query.split("=")[0].removesuffix("_min")
    assert response.context["filter"].form.errors[field]
    assert 'class="text-field__error-message' in response.content.decode() or "error" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, org, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("organisation:decision_list"), {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["paginator"].num_pages
