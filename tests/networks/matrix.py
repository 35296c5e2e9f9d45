"""Who may open which network page: the networks' rows of the permission matrix (tests/test_permissions.py)."""

import datetime

from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership, Organisation
from tests.permissions import everyone, only


def objects(org) -> dict:
    """A network with a sector-specific membership of unit A and a membership of common interest."""
    network = Organisation.objects.create(name="Eurocities")
    sector = Membership.objects.create(
        organisation=network,
        kind=MembershipKind.SECTOR_SPECIFIC,
        unit=org.unit_a,
        decision=org.committee_a_decision,
        member_since=datetime.date(2020, 1, 1),
    )
    common = Membership.objects.create(
        organisation=network,
        kind=MembershipKind.COMMON_INTEREST,
        unit=org.central,
        decision=org.ks_decision,
        member_since=datetime.date(2020, 1, 1),
    )
    return {"network": network, "sector_membership": sector, "common_membership": common}


ADDERS = ("official_a", "official_b", "coordinator", "administrator")
COORDINATORS = ("coordinator", "administrator")
MATRIX = {
    "networks:organisation_list": ([], everyone()),
    "networks:organisation_add": ([], only(*ADDERS)),
    "networks:organisation_detail": (["network"], everyone()),
    "networks:organisation_edit": (["network"], only(*COORDINATORS)),
    "networks:organisation_delete": (["network"], only(*COORDINATORS)),
    "networks:membership_list": ([], everyone()),
    "networks:membership_add": ([], only(*ADDERS)),
    "networks:membership_detail": (["sector_membership"], everyone()),
    "networks:membership_edit": (["sector_membership"], only("official_a", *COORDINATORS)),
    "networks:membership_end": (["sector_membership"], only("official_a", *COORDINATORS)),
    "networks:membership_delete": (["sector_membership"], only(*COORDINATORS)),
}
