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


EIU_2023_HYBRID = (
    "AM AO BA BD BJ BO BT CI EC FJ GE GM GT HK HN KE LR MA MG MR MW MX NG NP PE SL SN SV TN TR TZ UA UG ZM"
)


def test_the_list_holds_the_authoritarian_and_hybrid_regimes_of_eiu_2023(reference_data):
    """Only full and flawed democracies count as democracies: a hybrid regime is not one (Angola, 4.18, is hybrid
    in 2023; Mozambique and Palestine are authoritarian)."""
    rows = CountryClassification.objects.all()
    assert rows.filter(regime_type=RegimeType.AUTHORITARIAN).count() == 59
    assert set(rows.filter(regime_type=RegimeType.HYBRID_REGIME).values_list("country", flat=True)) == set(
        EIU_2023_HYBRID.split()
    )
    assert not rows.filter(is_democracy=True).exists()
    assert all("EIU Democracy Index 2023" in row.source and row.as_of_year == 2023 for row in rows)
    assert {"MZ", "PS"} <= set(rows.filter(regime_type=RegimeType.AUTHORITARIAN).values_list("country", flat=True))
    assert non_democracies(["AO", "TR", "SE", "PL"]) == ["Angola", "Turkiet"]


def test_country_names_are_swedish_where_django_countries_left_them_in_english():
    from django.utils import translation
    from django_countries import countries

    with translation.override("sv"):
        names = dict(countries)
        assert [names[code] for code in ("BR", "CA", "IN", "PH", "PS", "MK", "EG")] == [
            "Brasilien",
            "Kanada",
            "Indien",
            "Filippinerna",
            "Palestina",
            "Nordmakedonien",
            "Egypten",
        ]
        assert not [name for name in names.values() if "State of" in name or " Island" in name]
        ordered = [name for _code, name in countries]
        assert ordered.index("Kanada") < ordered.index("Kenya")  # sorted by the Swedish names
    with translation.override("en"):
        assert dict(countries)["BR"] == "Brazil"
