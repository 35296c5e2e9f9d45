"""The synergy finder: other units' items with the same partner, city, country and theme, network or EU call in an
overlapping period (Göteborg §4: activities are routed to the central office "to secure synergies").

Each register declares in its own `notices.py` what its items offer (`Source`): their keys (`Key(kind, value)`),
their unit and their period, and which of its rows and many-to-many fields the keys read. Whenever such an item or
one of those rows is saved or deleted, on any path (a page, the admin, an import, a command), the item's keys are
rebuilt once the transaction commits (`SynergyKey`) and compared with every other unit's keys; each pair found is an
`Overlap`, open until a coordinator dismisses it with a reason. The page that saved the item tells the person what
was found (`saved_note`), the notice about the item shows it to the coordinator, and the coordinator's start page
lists the open ones.

Spelling is tolerated twice over: every key is normalised (no case, accents, punctuation, filler words such as
"stad" or "GmbH", words in any order), and on PostgreSQL a partner's, a city's or a call's key also matches keys
with a trigram similarity of at least `SIMILARITY` (pg_trgm). On SQLite the normalised keys must be equal.
"""

import datetime
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .choices import SynergyKind

logger = logging.getLogger(__name__)

SIMILARITY = 0.5  # the least trigram similarity of two keys that count as the same (PostgreSQL)
FUZZY = {SynergyKind.PARTNER, SynergyKind.CITY, SynergyKind.CALL}
COMMON = 25  # a key more other units' items share than this tells the office nothing: it is left out
SAID = 3  # overlaps named to the person saving; the rest are counted
FILLER = {
    "ab", "ag", "and", "city", "de", "der", "des", "di", "die", "du", "e", "en", "et", "gmbh", "kommun", "la", "le",
    "ltd", "municipality", "of", "och", "oy", "stad", "stadt", "the", "und", "v", "van", "von",
}  # fmt: skip


@dataclass(frozen=True)
class Key:
    kind: str  # SynergyKind
    value: str  # as the item spells it; the key is its normalised form
    label: str = ""  # what the person is shown, where it is not the value (a network's name for its key)
    prefix: str = ""  # what must be the same besides (a city's country), kept out of the spelling's comparison

    def normalised(self) -> str:
        key = normalise(self.value) if self.kind in FUZZY else self.value
        return f"{self.prefix}:{key}" if self.prefix and key else key


@dataclass(frozen=True)
class Source:
    """What a register's model offers the synergy finder (declared in the register's notices.py)."""

    model: str  # "projects.Project"
    keys: Callable[..., Iterable[Key]]  # keys(obj)
    unit: Callable  # unit(obj): the owning unit, or None
    period: Callable[..., tuple]  # period(obj): (first day, last day), either None where open
    rows: dict[str, str] = field(default_factory=dict)  # a row model the keys read -> its field naming the item
    many: tuple[str, ...] = ()  # the many-to-many fields the keys read
    related: tuple[str, ...] = ()  # what keys(), unit() and period() read, fetched with many items at once


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Declare what a model offers; its saves and its rows' saves then keep its keys. Called from notices.py."""
    model = apps.get_model(source.model)
    label = model._meta.label_lower
    SOURCES[label] = source
    post_save.connect(item_changed, sender=model, dispatch_uid=f"synergies-save-{label}")
    post_delete.connect(item_deleted, sender=model, dispatch_uid=f"synergies-delete-{label}")
    for row_label, name in source.rows.items():
        row_model = apps.get_model(row_label)

        def row_changed(sender, instance, raw=False, _name=name, **kwargs):
            if not raw:
                later(model, getattr(instance, f"{_name}_id"))

        post_save.connect(row_changed, sender=row_model, weak=False, dispatch_uid=f"synergies-row-{label}-{row_label}")
        post_delete.connect(
            row_changed, sender=row_model, weak=False, dispatch_uid=f"synergies-gone-{label}-{row_label}"
        )
    for name in source.many:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(many_changed, sender=through, dispatch_uid=f"synergies-many-{label}-{name}")


def source_for(obj_or_model) -> Source | None:
    return SOURCES.get(obj_or_model._meta.label_lower)


# ---- the keys the registers share ----

HOME_COUNTRY = "SE"  # partners at home are many; the same country and theme counts abroad only


def city(name: str, country) -> Key:
    """A city, told apart from its namesakes elsewhere by its country (Bergen in Norway is not Bergen op Zoom)."""
    return Key(SynergyKind.CITY, name, name, prefix=str(country or ""))


def network(organisation) -> Key:
    return Key(SynergyKind.NETWORK, str(organisation.pk), str(organisation))


def country_themes(country, goals) -> list[Key]:
    """A country abroad with each Agenda 2030 goal the item works towards."""
    if not country or str(country) == HOME_COUNTRY:
        return []
    return [Key(SynergyKind.COUNTRY_THEME, f"{country}:{goal.pk}", f"{country.name}, {goal}") for goal in goals]


def months(starts, ends) -> tuple:
    """A period widened to whole months: two visits to a city in the same month overlap."""
    if starts is None:
        return None, ends
    last = ends or starts
    following = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return starts.replace(day=1), following - datetime.timedelta(days=1)


# ---- keeping the keys ----


def item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        later(sender, instance.pk)


def many_changed(sender, instance, action, reverse=False, **kwargs):
    # loaddata sets many-to-many fields after its raw saves, on objects it marks so (core's loaddata): its dump holds
    # the keys already
    if getattr(instance, "skip_history_when_saving", False):
        return
    if action.startswith("post_") and not reverse and source_for(instance):
        later(type(instance), instance.pk)


def item_deleted(sender, instance, **kwargs):
    """The item's keys and its overlaps, open or dismissed, go with it."""
    from .models import Overlap, SynergyKey

    item_type = ContentType.objects.get_for_model(sender)
    SynergyKey.objects.filter(item_type=item_type, item_id=instance.pk).delete()
    Overlap.objects.filter(
        Q(first_type=item_type, first_id=instance.pk) | Q(second_type=item_type, second_id=instance.pk)
    ).delete()


FRESH = "fresh"  # the page refreshed the item itself after its last change: the queued rebuild has nothing to do


def pending_now() -> dict:
    """The items this thread's transaction will rebuild at its commit. Django starts a new queue of commit hooks
    with each transaction (and after a rollback), so a queue that is not the one noted means nothing is pending."""
    current = transaction.get_connection()
    noted = current.__dict__.get("_synergies_pending")
    if noted is None or noted[0] is not current.run_on_commit:
        noted = (current.run_on_commit, {})
        current.__dict__["_synergies_pending"] = noted
    return noted[1]


def later(model, pk) -> None:
    """Rebuild the item's keys once the transaction commits: once, however many of its rows the transaction saved."""
    if pk is None:
        return
    pending = pending_now()
    key = (model._meta.label_lower, pk)
    if pending.get(key) is True:
        return
    pending[key] = True

    def run():
        if pending.pop(key, None) == FRESH:
            return
        obj = model._default_manager.filter(pk=pk).first()
        if obj is not None:
            refresh(obj)

    transaction.on_commit(run, robust=True)


def refresh(obj) -> list:
    """Rebuild the item's keys, record every overlap they now have with other units' items, drop the open ones they
    no longer have, and return the item's open overlaps."""
    from .models import SynergyKey

    source = source_for(obj)
    item_type = ContentType.objects.get_for_model(type(obj))
    unit = source.unit(obj)
    rows = keys_of(obj, item_type, unit, *source.period(obj))
    with transaction.atomic():
        SynergyKey.objects.filter(item_type=item_type, item_id=obj.pk).delete()
        SynergyKey.objects.bulk_create(rows)
        record(item_type.pk, obj.pk, unit.pk if unit else None, rows, *source.period(obj))
    return list(open_overlaps(obj))


def record(item_type_id: int, pk: int, unit_id, rows, starts, ends) -> None:
    """Store the overlaps the item's keys have now, and drop the open ones they no longer have."""
    from .models import Overlap

    found, units = {}, {(item_type_id, pk): unit_id}
    for other in matching(rows, item_type_id, pk, unit_id, starts, ends):
        pair = ordered((item_type_id, pk), (other.item_type_id, other.item_id))
        found.setdefault((other.kind, *pair), other.label)
        units[(other.item_type_id, other.item_id)] = other.unit_id
    mine = Q(first_type_id=item_type_id, first_id=pk) | Q(second_type_id=item_type_id, second_id=pk)
    known = {
        (each.kind, (each.first_type_id, each.first_id), (each.second_type_id, each.second_id)): each
        for each in Overlap.objects.filter(mine)
    }
    stale = [each.pk for key, each in known.items() if key not in found and each.is_open]
    Overlap.objects.filter(pk__in=stale, dismissed_at__isnull=True).delete()  # not one dismissed meanwhile
    Overlap.objects.bulk_create(
        [
            Overlap(
                kind=kind,
                label=label,
                first_type_id=first[0],
                first_id=first[1],
                second_type_id=second[0],
                second_id=second[1],
                first_unit_id=units[first],
                second_unit_id=units[second],
            )
            for (kind, first, second), label in found.items()
            if (kind, first, second) not in known
        ],
        ignore_conflicts=True,  # found at the same moment by the other item's save
    )


def rebuild(today: datetime.date | None = None) -> int:
    """Every item's keys, and the open overlaps of the items still running a year ago or later, from scratch: after
    a load that sent no signals (the demo data, a restored backup). The keys are read many items at a time; each
    item is then compared with those before it, so each pair is found once. Dismissed overlaps are kept."""
    from .models import Overlap, SynergyKey

    Overlap.objects.filter(dismissed_at__isnull=True).delete()
    SynergyKey.objects.all().delete()
    for label, source in SOURCES.items():
        model = apps.get_model(label)
        item_type = ContentType.objects.get_for_model(model)
        batch = []
        items = model._default_manager.order_by("pk").prefetch_related(*source.related)
        for obj in items.iterator(chunk_size=1000):
            batch += keys_of(obj, item_type, source.unit(obj), *source.period(obj))
            if len(batch) >= 5000:
                SynergyKey.objects.bulk_create(batch)
                batch = []
        SynergyKey.objects.bulk_create(batch)
    since = (today or timezone.localdate()) - datetime.timedelta(days=365)
    keys = SynergyKey.objects.filter(Q(ends__isnull=True) | Q(ends__gte=since)).order_by("item_type", "item_id", "pk")
    compared, current, rows = 0, None, []
    for key in [*keys.iterator(chunk_size=5000), None]:
        item = (key.item_type_id, key.item_id) if key else None
        if item != current and rows:
            first = rows[0]
            with transaction.atomic():
                record(first.item_type_id, first.item_id, first.unit_id, rows, first.starts, first.ends)
            compared += 1
            rows = []
        current = item
        if key is not None:
            rows.append(key)
    return compared


def keys_of(obj, item_type, unit, starts, ends) -> list:
    """The item's keys as rows to store, with its unit and period."""
    from .models import SynergyKey

    keys = {(key.kind, key.normalised()): key for key in source_for(obj).keys(obj) if key.value and key.normalised()}
    return [
        SynergyKey(
            item_type=item_type,
            item_id=obj.pk,
            unit=unit,
            kind=kind,
            key=value[:300],
            label=(key.label or key.value)[:300],
            starts=starts,
            ends=ends,
        )
        for (kind, value), key in keys.items()
    ]


def ordered(one: tuple, other: tuple) -> tuple:
    return (one, other) if one <= other else (other, one)


def matching(rows, item_type_id: int, pk: int, unit_id, starts, ends) -> list:
    """Other units' keys like these in an overlapping period: each key asked alone, and left out where more than
    `COMMON` other items have it (Germany and climate action is the norm, not a synergy to weigh)."""
    from .models import SynergyKey

    if not rows:
        return []
    fuzzy = trigrams_available()
    if fuzzy:
        with connection.cursor() as cursor:  # pg_trgm's % at the finder's threshold, for this transaction
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(SIMILARITY)])
    others = SynergyKey.objects.exclude(item_type_id=item_type_id, item_id=pk)
    found = []
    for row in rows:
        # a name with a number in it is the same only with the same number: it is compared as it is; a city only in
        # the same country
        if fuzzy and row.kind in FUZZY and not re.search(r"\d", row.key):
            prefix = row.key.partition(":")[0] + ":" if ":" in row.key else ""
            alike = others.filter(kind=row.kind, key__trigram_similar=row.key, key__startswith=prefix)
        else:
            alike = others.filter(kind=row.kind, key=row.key)
        # how many share it is counted over every item, whatever its unit or period, so that each of them counts
        # the same and an overlap found from one side is not dropped from the other
        sharing = [
            other
            for other in alike.order_by("-pk")[: 2 * COMMON]
            if other.key == row.key or similarity(other.key, row.key) >= SIMILARITY
        ]
        if len(sharing) > COMMON:
            continue
        found += [
            other
            for other in sharing
            if other.unit_id != unit_id
            and (unit_id is not None or other.unit_id is not None)
            and (ends is None or other.starts is None or other.starts <= ends)
            and (starts is None or other.ends is None or other.ends >= starts)
        ]
    return found


_trigrams: dict = {}


def register_lookups() -> None:
    """pg_trgm's % on the keys (the notices app's ready(); the lookup is django.contrib.postgres's)."""
    from django.contrib.postgres.lookups import TrigramSimilar

    from .models import SynergyKey

    SynergyKey._meta.get_field("key").register_lookup(TrigramSimilar)


def trigrams_available() -> bool:
    """Whether this database compares keys by trigram similarity (PostgreSQL with pg_trgm)."""
    if connection.vendor != "postgresql":
        return False
    if connection.alias not in _trigrams:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                _trigrams[connection.alias] = cursor.fetchone() is not None
        except DatabaseError:  # pragma: no cover - a database that cannot say
            _trigrams[connection.alias] = False
    return _trigrams[connection.alias]


# ---- comparing names ----


def normalise(text: str) -> str:
    """A name as the finder compares it: no case, accents or punctuation, without filler words, words in order
    ("Stadt Rostock" and "rostock" are the same; "Malmö stad" and "Malmo" too)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    words = [word for word in re.findall(r"\w+", plain) if word not in FILLER]
    return " ".join(sorted(set(words)))


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each word padded with two spaces before and one after."""
    found = set()
    for word in re.findall(r"\w+", text.lower()):
        padded = f"  {word} "
        found |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return found


def similarity(one: str, other: str) -> float:
    """pg_trgm's similarity: the trigrams two texts share over all their trigrams; none where their numbers differ
    ("Region 1" is not "Region 2", however alike they look)."""
    if re.findall(r"\d+", one) != re.findall(r"\d+", other):
        return 0.0
    a, b = trigrams(one), trigrams(other)
    return len(a & b) / len(a | b) if a and b else 0.0


# ---- showing them ----


@dataclass
class Shown:
    """One overlap as a person is shown it from one of its items: the other item, its unit, what they share."""

    overlap: object
    other: object
    unit: object  # the other item's unit

    @property
    def register(self) -> str:
        return str(self.other._meta.verbose_name)


def items_of(overlaps) -> list:
    """The overlaps with both their items, read in one query per kind of item with what the items' names read (a
    membership is named by its organisation)."""
    from django.contrib.contenttypes.prefetch import GenericPrefetch
    from django.db.models import prefetch_related_objects

    overlaps = list(overlaps)
    querysets = [
        model._default_manager.select_related(*getattr(model, "choice_related", ()))
        for model in (apps.get_model(label) for label in SOURCES)
    ]
    prefetch_related_objects(overlaps, GenericPrefetch("first", querysets), GenericPrefetch("second", querysets))
    return overlaps


def shown_for(obj, overlaps) -> list[Shown]:
    """The overlaps of `obj`, each with the other item (read in one query per kind of item) and its unit."""
    overlaps = items_of(overlaps)
    item_type = ContentType.objects.get_for_model(type(obj))
    shown = []
    for each in overlaps:
        first_is_mine = each.first_type_id == item_type.pk and each.first_id == obj.pk
        other, unit = (each.second, each.second_unit) if first_is_mine else (each.first, each.first_unit)
        if other is not None:
            shown.append(Shown(each, other, unit))
    return shown


def open_overlaps(obj):
    """The item's open overlaps, with their units."""
    from .models import Overlap, by_weight

    item_type = ContentType.objects.get_for_model(type(obj))
    mine = Q(first_type=item_type, first_id=obj.pk) | Q(second_type=item_type, second_id=obj.pk)
    overlaps = Overlap.objects.filter(mine, dismissed_at__isnull=True).select_related("first_unit", "second_unit")
    return by_weight(overlaps)


def saved_note(sender, instance, user=None, **kwargs) -> str:
    """For the page that saved the item: the other units' items it overlaps (core.signals.item_saved)."""
    from django.utils.translation import gettext as _

    if source_for(instance) is None:
        return ""
    try:
        with transaction.atomic():  # the finder failing (a lost database connection) leaves the save standing
            overlaps = refresh(instance)
    except DatabaseError:
        logger.exception("The synergy finder could not compare %s", instance._meta.label)
        return ""
    pending = pending_now()
    key = (instance._meta.label_lower, instance.pk)
    if key in pending:
        pending[key] = FRESH
    found = shown_for(instance, overlaps[:SAID])
    if not found:
        return ""
    described = [
        _("{unit} has {register} “{item}” with {shared}").format(
            unit=each.unit or _("another unit"), register=each.register, item=each.other, shared=each.overlap.shared()
        )
        for each in found
    ]
    more = len(overlaps) - len(described)
    text = _("Possible synergies: {found}.").format(found="; ".join(described))
    if more:
        text += " " + _("And {count} more; the central office sees them all.").format(count=more)
    return text
