"""One search from the header across every register, the steering documents and the notices.

Each register is searched as its own list searches it: the rows this user may read (`visible()`), every word in one
of its filterset's `search_fields` (`core.search.searched`, through the search indexes) and, where a year is asked
for, its filterset's own `year` filter. So a hit is what the register's list would show the same person, and a
register without a year filter is left out when a year is chosen.

From each register its newest matches are read, those with every word in the item's name first, and ranked
together: a word in the name counts more than a word in a text. Each hit names its register and shows the matched
words marked in its name and in a piece of the text they were found in; each register's count (up to `COUNTED`)
links to its list searched the same way, where every match can be sorted and filtered further.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import resolve
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from cooperation.core.exports import unread_texts
from cooperation.core.filtersets import reaches_many
from cooperation.core.permissions import Action, allowed, visible
from cooperation.core.queries import scalars
from cooperation.core.registry import registers
from cooperation.core.search import searched

from .registers import list_url

SHOWN = 30  # hits on the page when every register is searched
PER_REGISTER = 50  # hits on the page when one register is
CANDIDATES = 10  # matches read from each register when every register is searched
COUNTED = 500  # a register's hits are counted up to this many ("500+")
WINDOW = 2_000  # a large register's newest rows, searched first: a word found in many of them is settled there
SNIPPET = 200  # characters of text shown around the first matched word
NAME_WEIGHT = 3  # a word in the item's name counts this many words in its texts


@dataclass(frozen=True)
class Searchable:
    """A register the header's search reaches: its list view and what its filterset searches."""

    key: str  # "projects.project"
    label: str  # "Projekt"
    model: type
    view_class: type
    url: str  # its list page

    @property
    def filterset_class(self):
        return self.view_class.filterset_class

    @property
    def search_fields(self) -> tuple[str, ...]:
        return self.filterset_class.search_fields

    @property
    def dated(self) -> bool:
        return "year" in self.filterset_class.base_filters

    def name_field(self) -> str | None:
        """The first searched field when it is the item's own text: its name or title, which ranks a hit first."""
        first = self.search_fields[0]
        return first if "__" not in first else None

    def text_fields(self) -> list[str]:
        """The item's own searched texts and those of items it points to (a membership's organisation), read for the
        piece of text shown under a hit; texts across a to-many relation (a project's partners) are not read."""
        return [path for path in self.search_fields if not reaches_many(self.model, path)]


@dataclass
class Hit:
    register: Searchable
    title: SafeString
    url: str
    snippet: SafeString
    score: int
    order: tuple = ()  # among equal scores: the place in its register's matches, then the register's in the menu


@dataclass
class Facet:
    register: Searchable
    found: int  # counted up to COUNTED + 1
    url: str  # this search narrowed to the register
    list_url: str  # the register's own list, searched the same way

    @property
    def count(self) -> int:
        return min(self.found, COUNTED)

    @property
    def more(self) -> bool:
        """Whether there are more than were counted ("500+")."""
        return self.found > COUNTED


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    undated: list[Searchable] = field(default_factory=list)  # left out because a year was chosen

    @property
    def total(self) -> int:
        return sum(facet.count for facet in self.facets)

    @property
    def more(self) -> bool:
        return any(facet.more for facet in self.facets)


def searchables(user) -> list[Searchable]:
    """The registers with a searchable list this user may open, in menu order."""
    found = []
    for declared in registers():
        model = apps.get_model(declared.model)
        _name, url = list_url(declared)
        if url is None or not allowed(user, Action.VIEW, model):
            continue
        view_class = getattr(resolve(url).func, "view_class", None)
        filterset_class = getattr(view_class, "filterset_class", None)
        if filterset_class is None or not getattr(filterset_class, "search_fields", ()):
            continue
        label = capfirst(model._meta.verbose_name_plural)
        found.append(Searchable(model._meta.label_lower, label, model, view_class, url))
    return found


def search(request, words: list[str], within: list[Searchable], year: int | None = None, one: bool = False) -> Results:
    """Every register in `within` searched for all of `words` (and active in `year`), its hits ranked together."""
    results = Results()
    floors = window_floors(within)
    limit = PER_REGISTER if one else CANDIDATES
    for position, register in enumerate(within):
        if year is not None and not register.dated:
            results.undated.append(register)
            continue
        rows, total = newest(request, register, words, year, limit, floors[register.key])
        if not rows:
            continue
        query = {"q": " ".join(words), **({"year": year} if year is not None else {})}
        results.facets.append(
            Facet(
                register,
                total,
                "?" + urlencode({**query, "register": register.key}),
                # every row, as counted: the inbox opens on the open notices unless told otherwise
                f"{register.url}?{urlencode({**dict.fromkeys(register.filterset_class.defaults, ''), **query})}",
            )
        )
        results.hits += [hit(register, obj, words, (rank, position)) for rank, obj in enumerate(rows)]
    results.hits.sort(key=lambda found: (-found.score, found.order))
    results.hits = results.hits[: PER_REGISTER if one else SHOWN]
    return results


def window_floors(within: list[Searchable]) -> dict:
    """Each register's key of its `WINDOW`-th newest row, None where it has fewer rows: in one query."""
    newest_keys = {
        f"floor_{number}": register.model._default_manager.order_by("-pk").values("pk")[WINDOW - 1 : WINDOW]
        for number, register in enumerate(within)
    }
    found = scalars(**newest_keys)
    return {register.key: found[f"floor_{number}"] for number, register in enumerate(within)}


def newest(request, register: Searchable, words, year, limit: int, floor) -> tuple[list, int]:
    """The register's newest matches and their count (see `best`). A word in many items would make the search index
    read every one of them, so a large register's newest `WINDOW` rows are searched first: where they alone hold more
    matches than are counted, they settle both; otherwise (a rarer word, which the index finds quickly) every row is
    searched."""
    if floor is not None:
        recent = matching(request, register, words, year, above=floor)
        if recent is None:
            return [], 0
        rows, total = best(recent, register, words, limit)
        if total > COUNTED:
            return rows, total
        if len(rows) == limit:  # the newest matches are all among the newest rows: only the count needs them all
            return rows, matching(request, register, words, year).order_by()[: COUNTED + 1].count()
    found = matching(request, register, words, year)
    return best(found, register, words, limit) if found is not None else ([], 0)


def matching(request, register: Searchable, words: list[str], year: int | None, above=None):
    """The register's rows its list would show this user for the search, read as a hit shows them, those from the
    key `above` up where it is given; None where the register's filters refuse the search (a year it cannot
    have)."""
    model = register.model
    # read with the item: what its texts are read through (a membership's organisation) and what its name reads
    to_one = {path.rpartition("__")[0] for path in register.text_fields() if "__" in path}
    to_one |= set(getattr(model, "choice_related", ()))
    # the long texts a hit does not show stay in the database, as a list's do
    unread = unread_texts(model, register.text_fields())
    readable = visible(request.user, model._default_manager.select_related(*sorted(to_one)).defer(*unread))
    found = searched(readable, register.search_fields, " ".join(words), user=request.user, above=above)
    if year is None:
        return found
    # the register's own year filter, over every row whatever the list shows at first (the inbox: open notices)
    filterset_class = register.filterset_class
    data = {**dict.fromkeys(getattr(filterset_class, "defaults", {}), ""), "year": str(year)}
    filterset = filterset_class(data, queryset=found, request=request)
    return filterset.qs if filterset.is_valid() else None


def best(matches, register: Searchable, words: list[str], limit: int) -> tuple[list, int]:
    """The newest `limit` matches, those with every word in the item's name first, and how many there are, counted up
    to `COUNTED` (a word found in most items is not counted through to the end).

    Ordered by the key alone, the database may walk the newest rows and stop at the limit where a word is common, and
    use the search index where it is rare; a rank computed in the database would read every match."""
    top = list(matches.order_by("-pk")[:limit])
    if not top:
        return [], 0
    total = len(top) if len(top) < limit else matches.order_by()[: COUNTED + 1].count()
    name = register.name_field()

    def named(obj) -> bool:
        return name is not None and all(word.casefold() in str(getattr(obj, name)).casefold() for word in words)

    return sorted(top, key=lambda obj: not named(obj)), total


def hit(register: Searchable, obj, words: list[str], order: tuple) -> Hit:
    """One found item: its name and a piece of its text with the words marked, scored by where they were found."""
    title = str(obj)
    texts = [(path, text_of(obj, path)) for path in register.text_fields()]
    score = 0
    for word in words:
        needle = word.casefold()
        if needle in title.casefold():
            score += NAME_WEIGHT
        elif any(needle in text.casefold() for _path, text in texts):
            score += 1
    # the first text with a word in it that the name shown does not already hold (a decision is named by its body)
    shown = next((text for _path, text in texts if text and text not in title and marks(words).search(text)), "")
    return Hit(
        register,
        highlighted(title, words),
        obj.get_absolute_url(),
        highlighted(excerpt(shown, words), words),
        score,
        order,
    )


def text_of(obj, path: str) -> str:
    """The text a search path names, through the item's to-one relations (read with the item)."""
    value = obj
    for name in path.split("__"):
        value = getattr(value, name, None)
        if value is None:
            return ""
    return str(value)


def marks(words: list[str]) -> re.Pattern:
    """Any of the words, in any case, longest first (so "vänort" is marked whole where "vän" is also sought)."""
    ordered = sorted({word for word in words if word}, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in ordered), re.IGNORECASE)


def excerpt(text: str, words: list[str]) -> str:
    """About `SNIPPET` characters of `text` around its first matched word, cut at spaces, with ellipses."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET:
        return text
    found = marks(words).search(text)
    start = max(0, (found.start() if found else 0) - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = start + SNIPPET
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlighted(text: str, words: list[str]) -> SafeString:
    """`text` escaped, each matched word in a <mark>."""
    pattern = marks(words)
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces += [escape(text[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308, B703  # every piece escaped above
