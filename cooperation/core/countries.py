"""Country groups that the policies' rules refer to."""

EU_MEMBER_STATES = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
EEA_NOT_EU = frozenset({"IS", "LI", "NO"})
EU_EEA = EU_MEMBER_STATES | EEA_NOT_EU


def in_eu_eea(country_code: str) -> bool:
    return str(country_code).upper() in EU_EEA
