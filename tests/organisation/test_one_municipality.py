"""One municipality per installation, held by the database too, and the message that says what is installed."""

import pytest
from django.db import IntegrityError, transaction

from cooperation.organisation.models import Municipality
from tests.helpers import assert_refused, errors_of

pytestmark = pytest.mark.django_db


def test_the_database_keeps_one_municipality_where_no_signal_is_sent(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.bulk_create([Municipality(name="Andra kommunen", short_name="Andra", slug="andra")])
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.bulk_create(
            [Municipality(name="Andra kommunen", short_name="Andra", slug="andra", singleton=False)]
        )
    assert list(Municipality.objects.all()) == [org.municipality]


def test_the_message_tells_what_is_installed_and_mentions_seed_demo_only_for_demo_installations(org):
    (message,) = errors_of(Municipality(name="Lidköpings kommun", short_name="Lidköping", slug="lidkoping"))["name"]
    assert message == (
        "Den här installationen har portföljen för Teststads kommun, och en installation har en enda kommun: "
        "Lidköpings kommun kan inte läggas till här. Lidköpings kommun behöver en egen installation. Bara på en demo- "
        "eller testinstallation: python manage.py seed_demo --municipality lidkoping --replace tar bort data för "
        "Teststads kommun och läser in Lidköpings kommun med en påhittad demoportfölj."
    )
    (message,) = errors_of(Municipality(name="Andra kommunen", short_name="Andra", slug="andra"))["name"]
    assert "seed_demo" not in message  # only the five fixtures can be loaded by seed_demo


def test_a_unit_of_another_municipality_is_refused_on_every_register(org, foreign_unit):
    from cooperation.consultations.models import Consultation
    from cooperation.networks.models import Membership
    from cooperation.visits.models import VisitHost

    message = "{}: enheten hör till en annan kommun; välj en av Teststads kommuns enheter."
    assert_refused(Consultation(title="Samråd", unit=foreign_unit), "unit", message.format("Mottagande enhet"))
    assert_refused(Membership(unit=foreign_unit), "unit", message.format("Medlemsenhet"))
    assert_refused(VisitHost(unit=foreign_unit), "unit", message.format("Enhet"))
