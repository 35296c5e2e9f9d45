"""The lists' free-text search, served by an index on both databases and meaning what `icontains` means: the word
anywhere in a field, in any case.

- PostgreSQL: a trigram GIN index (pg_trgm) on UPPER(column) for each searched column serves Django's `icontains`
  (`UPPER(column::text) LIKE UPPER('%word%')`) as it is written.
- SQLite: an FTS5 table with the trigram tokenizer per searched table, kept by triggers, answers `MATCH`; the
  search asks it instead of scanning the table.

A word shorter than three characters is in no trigram index: it is searched by a scan, as before. The searched
columns are the ones the registers' filtersets name in `search_fields`; `ensure_indexes()` builds what is missing
after every migrate (SQLite drops a table's triggers when a migration rebuilds the table).
"""

import hashlib
import logging
from collections import defaultdict

from django.db import DatabaseError, connections, models, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.module_loading import autodiscover_modules

from .permissions import narrowed, visible

logger = logging.getLogger(__name__)

TRIGRAM = 3  # the shortest word a trigram index holds


def searched_columns() -> dict:
    """{model: [field names]} of every text column a register's filterset searches, its own or a related table's."""
    from .filtersets import RegisterFilterSet

    autodiscover_modules("filtersets")  # as the permissions are found: every app's filtersets.py
    found = defaultdict(list)
    for filterset in all_subclasses(RegisterFilterSet):
        model = filterset._meta.model
        if model is None:
            continue
        for path in filterset.search_fields:
            target, name = resolve(model, path)
            field = target._meta.get_field(name)
            integer_key = isinstance(target._meta.pk, models.AutoField | models.BigAutoField)
            if integer_key and isinstance(field, models.CharField | models.TextField) and name not in found[target]:
                found[target].append(name)
    return {model: names for model, names in found.items() if names}


def all_subclasses(cls) -> list:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *all_subclasses(direct))]


def resolve(model, path: str):
    """The model holding the last field of a lookup path, and that field's name."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model, name


def fts_table(model) -> str:
    return f"{model._meta.db_table}_search"


def searched(queryset, paths, text: str, user=None, above=None):
    """The rows of `queryset` with every word of `text` in one of the fields `paths` name (a list's search); with
    `above`, only the rows whose key is at least that, the bound given to every part of the search so that the index
    reads no further (the header's search looks at the newest rows first)."""
    for term in text.split():
        queryset = queryset.filter(condition(queryset.model, paths, term, queryset.db, user=user, above=above))
    return queryset


def condition(model, paths, term: str, using: str = "default", user=None, above=None) -> Q:
    """Rows of `model` with `term` in any of the fields `paths` name. Where a path crosses a to-many relation (a
    project's partners) the rows are one subquery, a UNION ALL of the item's own matches and each relation's, so an
    item with two matching rows is still one row of the list and of its count, and PostgreSQL answers each part from
    its index (an OR beside a subquery would make it read the whole table). Given a `user`, only the related rows
    that user may read count (`visible()`: a position paper is not found by a draft's text by someone who may not
    read drafts)."""
    from .filtersets import reaches_many

    by_relation = defaultdict(list)
    for path in paths:
        relation, _, name = path.rpartition("__")
        by_relation[relation].append(name)
    own, many = Q(), []
    for relation, names in by_relation.items():
        target = resolve(model, f"{relation}__{names[0]}" if relation else names[0])[0]
        if relation and reaches_many(model, relation):
            rows = target._default_manager.filter(in_columns(target, names, term, using))
            if user is not None and narrowed(target):
                rows = visible(user, rows)
            items = model._default_manager.filter(**{f"{relation}__in": rows})
            if above is not None:
                items = items.filter(pk__gte=above)
            many.append(items.order_by().values("pk"))
        elif relation:
            own |= in_columns(target, names, term, using, prefix=f"{relation}__")
        else:
            own |= in_columns(target, names, term, using, above=above)
    bounded = Q(pk__gte=above) if above is not None else Q()
    if not many:
        return own & bounded
    parts = ([model._default_manager.filter(own & bounded).order_by().values("pk")] if own else []) + many
    return Q(pk__in=parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]) & bounded


def in_columns(model, names, term: str, using: str, prefix: str = "", above=None) -> Q:
    """Rows with `term` in one of the model's columns `names` (reached through `prefix`), through its index; with
    `above` (the model's own columns only), the index read from that key up."""
    if connections[using].vendor == "sqlite" and len(term) >= TRIGRAM and has_fts(model, names, using):
        if above is not None and not prefix:
            sql = fts_rows(model) + " AND rowid >= %s"
            ids = RawSQL(sql, [match(names, term), above])  # noqa: S611  # nosec B611  # values as parameters
        else:
            ids = RawSQL(fts_rows(model), [match(names, term)])  # noqa: S611  # nosec B611  # the term a parameter
        return Q(**{f"{prefix}pk__in": ids})
    lookup = Q()
    for name in names:
        lookup |= Q(**{f"{prefix}{name}__icontains": term})
    return lookup


def fts_rows(model) -> str:
    """The SQL of the ids an FTS5 query (its one parameter) finds in the model's search table."""
    fts = fts_table(model)
    return f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'  # noqa: S608  # nosec B608  # our table's name


def match(columns, term: str) -> str:
    """An FTS5 query for `term` as a substring of any of `columns` (the trigram tokenizer matches inside words)."""
    quoted = '"' + term.replace('"', '""') + '"'
    return "{" + " ".join(columns) + "} : " + quoted


_indexed: dict = {}


def has_fts(model, names, using: str) -> bool:
    """Whether the SQLite FTS table of `model` holds all of `names` (built by `ensure_indexes`)."""
    key = (using, model._meta.db_table)
    if key not in _indexed:
        with connections[using].cursor() as cursor:
            cursor.execute(f'PRAGMA table_info("{fts_table(model)}")')
            _indexed[key] = {row[1] for row in cursor.fetchall()}
    columns = {model._meta.get_field(name).column for name in names}
    return bool(_indexed[key]) and columns <= _indexed[key]


def ensure_indexes(using: str = "default", **kwargs) -> None:
    """Build the search indexes that are missing (post_migrate)."""
    connection = connections[using]
    _indexed.clear()
    columns = searched_columns()
    if connection.vendor == "sqlite":
        for model, names in columns.items():
            ensure_fts(connection, model, [model._meta.get_field(name).column for name in names])
    elif connection.vendor == "postgresql":
        ensure_trigram_indexes(connection, columns)


def ensure_fts(connection, model, columns: list[str]) -> None:
    """An FTS5 trigram table over `columns` of the model's table, with the triggers that keep it, rebuilt from the
    table whenever a part was missing or its columns changed."""
    table, fts, key = model._meta.db_table, fts_table(model), model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f'PRAGMA table_info("{fts}")')
        present = [row[1] for row in cursor.fetchall()]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        triggers = {row[0] for row in cursor.fetchall()}
        wanted = {f"{fts}_insert", f"{fts}_delete", f"{fts}_update"}
        if present == columns and wanted <= triggers:
            return
        for statement in fts_statements(table, fts, key, columns):
            cursor.execute(statement)


def fts_statements(table: str, fts: str, key: str, columns: list[str]) -> list[str]:
    """Drop and create the FTS5 table over `columns` of `table` and its three triggers, and fill it. Every name is
    one of our tables' and columns' (from the models), none a user's."""
    listed = ", ".join(f'"{column}"' for column in columns)
    new = ", ".join(f'new."{column}"' for column in columns)
    old = ", ".join(f'old."{column}"' for column in columns)
    forget = f'INSERT INTO "{fts}"("{fts}", rowid, {listed}) VALUES (\'delete\', old."{key}", {old});'  # noqa: S608  # nosec B608
    remember = f'INSERT INTO "{fts}"(rowid, {listed}) VALUES (new."{key}", {new});'  # noqa: S608  # nosec B608
    return [
        *(f'DROP TRIGGER IF EXISTS "{fts}_{event}"' for event in ("insert", "delete", "update")),
        f'DROP TABLE IF EXISTS "{fts}"',
        f'CREATE VIRTUAL TABLE "{fts}" USING fts5({listed}, content="{table}", content_rowid="{key}", '
        "tokenize='trigram')",
        f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {remember} END',
        f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {forget} END',
        f'CREATE TRIGGER "{fts}_update" AFTER UPDATE ON "{table}" BEGIN {forget} {remember} END',
        f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',  # noqa: S608  # nosec B608
    ]


def ensure_trigram_indexes(connection, columns: dict) -> None:
    """pg_trgm and a GIN index on UPPER(column) per searched column. Where the database user may not create the
    extension, the search works without the indexes (a scan) and the log says why."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as error:
            logger.warning("The search runs without trigram indexes: pg_trgm could not be created (%s)", error)
            return
        for model, names in columns.items():
            table = model._meta.db_table
            for name in names:
                column = model._meta.get_field(name).column
                index = f"{table}_{column}_trgm"
                if len(index) > 63:
                    index = f"{table[:40]}_{hashlib.sha256(index.encode()).hexdigest()[:10]}_trgm"
                expression = f'(UPPER("{column}"::text)) gin_trgm_ops'
                cursor.execute(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ({expression})')
