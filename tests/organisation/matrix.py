"""Who may open which decision page: the decisions' rows of the permission matrix."""

import datetime

from cooperation.organisation.models import Decision
from tests.permissions import ROLES, everyone, only


def objects(org) -> dict:
    """A decision of committee A, the committee of official_a's unit."""
    decision = Decision.objects.create(
        body=org.committee_a, date=datetime.date(2023, 11, 21), paragraph="87", title="Medlemskap i ICLEI"
    )
    return {"decision_committee_a": decision}


MATRIX = {
    "organisation": ([], everyone()),
    "organisation:decision_list": ([], everyone()),
    # Coordinators, KS and KF users and officials (for their committees) record decisions; readers do not.
    "organisation:decision_add": (
        [],
        only("official_a", "official_b", "coordinator", "ks_user", "kf_user", "administrator"),
    ),
    "organisation:decision_detail": (["decision_committee_a"], everyone()),
    "organisation:decision_edit": (["decision_committee_a"], only("official_a", "coordinator", "administrator")),
    "organisation:decision_delete": (["decision_committee_a"], only("coordinator", "administrator")),
    # Single sign-on is off in these tests: both pages are 404 for everyone (tests/core/test_oidc.py switches it on).
    "oidc_authentication_init": ([], dict.fromkeys(ROLES, 404)),
    "oidc_authentication_callback": ([], dict.fromkeys(ROLES, 404)),
}
