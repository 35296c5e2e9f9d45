"""Several single values in one query: a start page's register sizes and the portfolio's last change are a dozen
counts and maxima, each from an index, that cost a round trip each when asked for one by one."""

import functools

from django.apps import apps
from django.db import connection
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count(queryset: QuerySet) -> QuerySet:
    """The queryset's number of rows as a one-value queryset for `scalars()` (COUNT without a GROUP BY)."""
    return queryset.order_by().annotate(_value=Func(template="COUNT(*)", output_field=IntegerField())).values("_value")


def related_count(model, name: str) -> Coalesce:
    """How many rows `model`'s reverse relation `name` holds, per item, as an annotation: a correlated COUNT(*)
    rather than a join, so several such counts do not multiply each other's rows."""
    relation = model._meta.get_field(name)
    rows = relation.related_model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
    return Coalesce(Subquery(count(rows)), 0)


def maximum(queryset: QuerySet, field: str) -> QuerySet:
    return queryset.order_by().annotate(_value=Func(F(field), function="MAX")).values("_value")


def scalars(**querysets: QuerySet) -> dict:
    """Each one-value queryset's value, by name, in one query: SELECT (…) AS a, (…) AS b."""
    if not querysets:
        return {}
    parts, params = [], []
    for name, queryset in querysets.items():
        sql, more = queryset.query.sql_with_params()
        parts.append(f"({sql}) AS {connection.ops.quote_name(name)}")
        params.extend(more)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # noqa: S608 - the ORM's own SQL, values as parameters
        return dict(zip(querysets, cursor.fetchone(), strict=True))


def last_changes() -> dict[str, QuerySet]:
    """A one-value queryset per history table: the time of its latest row (every save and delete writes one). The
    largest of them is the moment anything in the portfolio last changed."""
    return {
        f"changed_{model._meta.db_table}": maximum(model._default_manager.all(), "history_date")
        for model in history_models()
    }


@functools.cache
def history_models() -> list:
    """Every history table's model (simple_history's: they have a `history_date`)."""
    return [model for model in apps.get_models() if any(f.name == "history_date" for f in model._meta.fields)]


def last_change(values: dict):
    """The latest of the `last_changes()` values in a `scalars()` result (None before anything was saved)."""
    found = [value for name, value in values.items() if name.startswith("changed_") and value is not None]
    return max(found, default=None)
