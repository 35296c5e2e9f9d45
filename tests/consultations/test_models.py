import datetime

import pytest

from cooperation.consultations.choices import Origin
from cooperation.consultations.models import Consultation
from tests.conftest import foreign_decision_message
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db


def test_the_decision_on_the_answer_is_the_municipalitys_own(org, foreign_decision):
    consultation = Consultation(
        title="Stadsmiljö",
        origin=Origin.COMMISSION,
        unit=org.unit_a,
        received_on=datetime.date(2024, 2, 1),
        decision=foreign_decision,
    )
    assert_refused(consultation, "decision", foreign_decision_message("Beslut om svaret"))
    consultation.decision = org.committee_a_decision
    assert_valid(consultation)
