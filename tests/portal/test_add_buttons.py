"""Add buttons say what they add ("Nytt positionspapper"), not just the register's noun, which heads the page too."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperation.core.registry import registers

pytestmark = pytest.mark.django_db


def test_every_register_declares_what_its_add_button_says():
    with translation.override("sv"):
        labels = {register.model: str(register.add_label) for register in registers()}
    assert all(labels.values()), [model for model, label in labels.items() if not label]
    assert labels["steering.PositionPaper"] == "Nytt positionspapper"
    assert labels["notices.Notice"] == "Ny samordningsanmälan"


@pytest.mark.parametrize(
    ("url", "label"),
    [("steering:positionpaper_list", "Nytt positionspapper"), ("notices:notice_list", "Ny samordningsanmälan")],
)
def test_the_list_offers_the_add_button_by_its_label(client, coordinator, url, label):
    client.force_login(coordinator)
    html = client.get(reverse(url)).content.decode()
    assert f'class="button button--primary" href="{reverse(url.replace("_list", "_add"))}">{label}</a>' in html
