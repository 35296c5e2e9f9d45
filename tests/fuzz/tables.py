"""Rows in every table of the portal's apps, history and many-to-many tables included, counted in one query."""

from django.apps import apps
from django.db import connection

# The audit log records attempts, refused ones too (a failed sign-in): by design it grows on a refusal.
NOT_COUNTED = {"core_auditevent"}


def portal_tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_config.name.startswith("cooperation.")
        }
        - NOT_COUNTED
    )


def row_counts() -> dict[str, int]:
    tables = portal_tables()
    quote = connection.ops.quote_name
    # table names from the app registry, quoted: nothing from outside
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))
