"""Who may open which consultation page: the consultations' rows of the permission matrix."""

import datetime

from cooperation.consultations.choices import Origin
from cooperation.consultations.models import Consultation
from tests.permissions import everyone, only


def objects(org) -> dict:
    """One consultation received by unit A (official_a's unit)."""
    consultation = Consultation.objects.create(
        title="Samråd om EU:s vattenresiliensstrategi",
        origin=Origin.COMMISSION,
        unit=org.unit_a,
        received_on=datetime.date(2025, 3, 3),
    )
    return {"consultation_unit_a": consultation}


EDITORS = ("official_a", "coordinator", "administrator")
MATRIX = {
    "consultations:consultation_list": ([], everyone()),
    "consultations:consultation_add": ([], only("official_a", "official_b", "coordinator", "administrator")),
    "consultations:consultation_detail": (["consultation_unit_a"], everyone()),
    "consultations:consultation_edit": (["consultation_unit_a"], only(*EDITORS)),
    "consultations:consultation_delete": (["consultation_unit_a"], only("coordinator", "administrator")),
}
