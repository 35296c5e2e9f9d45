import pytest

from cooperation.core.models import CountryClassification, RegimeType
from cooperation.organisation.rules import non_democracies

pytestmark = pytest.mark.django_db


def test_the_reference_data_names_its_source_and_year(reference_data):
    china = CountryClassification.objects.get(country="CN")
    assert china.regime_type == RegimeType.AUTHORITARIAN and not china.is_democracy
    assert "Democracy Index 2023" in china.source and china.as_of_year == 2023
    assert str(china) == "Kina: auktoritär regim"


def test_only_countries_not_counted_as_democracies_are_named(reference_data):
    assert non_democracies(["SE", "CN", "", None, "RU"]) == ["Kina", "Ryssland"]
    CountryClassification.objects.create(
        country="SE", regime_type=RegimeType.FULL_DEMOCRACY, is_democracy=True, source="EIU", as_of_year=2023
    )
    assert non_democracies(["SE"]) == []
