"""A readable, word-level comparison of two texts, for comparing position paper versions."""

import difflib
import re

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words taken out of `old` struck through and the words put in marked, HTML-escaped."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(
                format_html('<del><span class="sr-only">{} </span>{}</del>', _("removed:"), "".join(before[i1:i2]))
            )
        if op in ("insert", "replace"):
            parts.append(
                format_html('<ins><span class="sr-only">{} </span>{}</ins>', _("added:"), "".join(after[j1:j2]))
            )
    return format_html_join("", "{}", ((part,) for part in parts))  # each part is already escaped: kept as it is


def changed(old: str, new: str) -> bool:
    return (old or "").strip() != (new or "").strip()
