"""Long forms come in the sections the policies think in (issue 12, item 2): each section a fieldset with its
legend, listed at the top of the form as links to it; texts start at five rows rather than Django's ten."""

import re

import pytest
from django.urls import reverse

from cooperation.projects.forms import FIELDSETS

pytestmark = pytest.mark.django_db


def test_the_project_form_lists_its_sections_and_links_each(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("projects:project_add")).content.decode()
    contents = re.search(r'<nav class="form-contents".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', contents)
    titles = [str(title) for title, _names in FIELDSETS]
    assert [label for _anchor, label in links][: len(titles)] == titles
    assert [label for _anchor, label in links][len(titles) :] == ["Projektpartner", "Teammedlemmar", "Ekonomi per år"]
    for anchor, _label in links:
        assert f'id="{anchor}"' in html, anchor
    legends = re.findall(r'<legend class="form-group__legend">([^<]+)</legend>', html)
    assert legends == titles


def test_a_short_form_has_no_contents(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("consultations:consultation_add")).content.decode()
    assert 'class="form-contents"' not in html


def test_texts_start_at_five_rows(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("projects:project_add")).content.decode()
    rows = re.findall(r'<textarea[^>]*\brows="(\d+)"', html)
    assert rows and set(rows) == {"5"}
