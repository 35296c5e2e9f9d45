"""Who may open which city relation page: the cities' rows of the permission matrix (tests/test_permissions.py)."""

from django.core.files.base import ContentFile

from cooperation.cities.choices import AgreementKind, RelationKind
from cooperation.cities.models import Agreement, CityActivity, CityRelation
from tests.permissions import everyone, only


def objects(org) -> dict:
    """One partner city decided by KS, with its agreement; city relations belong to the central office. Unit A does
    the ongoing work and has recorded an activity."""
    relation = CityRelation.objects.create(
        city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision, since_year=1999
    )
    agreement = Agreement.objects.create(
        relation=relation,
        kind=AgreementKind.PARTNER_CITY,
        title="Partnerskapsavtal",
        decision=org.ks_decision,
        document=ContentFile(b"%PDF-1.4 avtal", name="partnerskapsavtal.pdf"),
    )
    relation.units.add(org.unit_a)
    activity = CityActivity.objects.create(
        relation=relation, unit=org.unit_a, title="Skolutbyte", start_date="2026-03-01"
    )
    return {"relation": relation, "agreement": agreement, "activity": activity}


COORDINATORS = ("coordinator", "administrator")
MATRIX = {
    "cities:agreement_document": (["agreement"], everyone()),
    "cities:cityrelation_list": ([], everyone()),
    "cities:cityrelation_add": ([], only(*COORDINATORS)),
    "cities:cityrelation_detail": (["relation"], everyone()),
    "cities:cityrelation_edit": (["relation"], only(*COORDINATORS)),
    "cities:cityrelation_end": (["relation"], only(*COORDINATORS)),
    "cities:cityrelation_delete": (["relation"], only(*COORDINATORS)),
    # the units doing the ongoing work record their own activities
    "cities:cityactivity_add": (["relation"], only("official_a", *COORDINATORS)),
    "cities:cityactivity_edit": (["activity"], only("official_a", *COORDINATORS)),
    "cities:cityactivity_delete": (["activity"], only("official_a", *COORDINATORS)),
}
