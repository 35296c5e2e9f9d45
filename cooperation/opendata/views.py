"""The public pages and the open data: no sign-in, off unless PUBLIC_PAGES is set, the same for every visitor.

Every response is built from the URL alone (the language is in the path, never the cookie or the profile) and
rendered without the request, so nothing of a signed-in visitor (name, menu, CSRF token) can reach the cache that
serves the next visitor.
"""

import csv
import io
import json
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_safe

from cooperation.core.exports import neutralise
from cooperation.organisation.models import get_municipality

from . import catalogue
from .datasets import BY_KEY, DATASETS


def public(view):
    """A 404 while the public pages are off; once on, cached on the server and by browsers and proxies, with an
    ETag so that a harvester or a search engine asking again gets a 304 without the body."""
    seconds = settings.PUBLIC_PAGES_CACHE_SECONDS
    cached = cache_page(seconds)(cache_control(public=True, max_age=seconds)(require_safe(view)))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PUBLIC_PAGES:
            raise Http404
        if request.META.get("QUERY_STRING"):
            # Nothing here takes a parameter: one address per answer, so a crawler's variants do not fill the cache.
            return HttpResponsePermanentRedirect(request.path)
        response = cached(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper


def page(template: str, language: str, context: dict) -> HttpResponse:
    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    response = HttpResponse(html)
    response["Content-Language"] = language
    return response


@public
def index(request, language="sv"):
    """The publishable list (Göteborg §4): the relations, the memberships and the projects, in one language."""
    return page(
        "opendata/index.html",
        language,
        {
            "municipality": get_municipality(),
            "relations": BY_KEY["cityrelations"].queryset(),
            "memberships": BY_KEY["memberships"].queryset(),
            "projects": BY_KEY["projects"].queryset(),
            "datasets": [(dataset, dataset.title(language)) for dataset in DATASETS],
        },
    )


@public
def fields(request, language="sv"):
    """Every field of every dataset: name, type and meaning in Swedish and English, and the codes a field holds."""
    return page("opendata/fields.html", language, {"datasets": [documented(dataset) for dataset in DATASETS]})


def documented(dataset):
    rows = []
    for field in dataset.fields:
        codes = []
        if field.choices is not None:
            for code, _label in field.choices.choices:
                labels = {}
                for language in ("sv", "en"):
                    with translation.override(language):
                        labels[language] = str(field.choices(code).label)
                codes.append((code, labels["sv"], labels["en"]))
        rows.append((field, codes))
    return dataset, rows


def records(key: str) -> tuple:
    dataset = BY_KEY[key]
    return dataset, dataset.records(dataset.queryset())


@public
def data_json(request, key):
    dataset, items = records(key)
    body = {
        "dataset": dataset.slug,
        "title": {"sv": dataset.title_sv, "en": dataset.title_en},
        "licence": settings.OPEN_DATA_LICENCE,
        "items": items,
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json")


def cell(value) -> str:
    """A CSV cell: lists flattened as the fields page says, booleans as true/false, no formula for a spreadsheet."""
    if isinstance(value, list):
        value = ";".join("|".join(cell(part) for part in entry.values()) for entry in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    elif value is None:
        value = ""
    return neutralise(str(value))


@public
def data_csv(request, key):
    """The same rows as the JSON, one line each, with ';' and a byte-order mark so Swedish Excel opens it."""
    dataset, items = records(key)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([field.name for field in dataset.fields])
    writer.writerows([cell(item[field.name]) for field in dataset.fields] for item in items)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}.csv"'
    return response


@public
def catalogue_rdf(request):
    graph = catalogue.graph(get_municipality())
    return HttpResponse(graph.serialize(format="pretty-xml"), content_type="application/rdf+xml; charset=utf-8")


@public
def catalogue_ttl(request):
    graph = catalogue.graph(get_municipality())
    return HttpResponse(graph.serialize(format="turtle"), content_type="text/turtle; charset=utf-8")
