"""Who may open the coordination notices' pages: the raising unit, coordinators and KS (DOMAIN.md section 1)."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from cooperation.notices.choices import SynergyKind
from cooperation.notices.models import Notice, Overlap
from cooperation.projects.models import FundingSource, Project
from tests.permissions import FORBIDDEN, FOUND, NOT_FOUND, only


def objects(org) -> dict:
    """A notice raised by unit A, and a possible synergy between two units' projects."""
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Nytt EU-projekt")
    attachment = notice.attachments.create(file=ContentFile(b"Projektskiss", name="skiss.txt"))
    projects = [
        Project.objects.create(title=f"Projekt {unit}", owner=unit, funding_source=FundingSource.objects.get(code="eu"))
        for unit in (org.unit_a, org.unit_b)
    ]
    first, second = (ContentType.objects.get_for_model(Project), projects[0].pk), (None, projects[1].pk)
    overlap = Overlap.objects.create(
        kind=SynergyKind.PARTNER,
        label="Nordic Urban Lab",
        first_type=first[0],
        first_id=first[1],
        second_type=first[0],
        second_id=second[1],
    )
    return {"notice": notice, "attachment": attachment, "overlap": overlap}


READERS_OF_NOTICES = ("official_a", "official_b", "coordinator", "ks_user", "administrator")
# A step: done by the office (302 back to the notice), refused to those who see the notice (403), and
# not found for those who may not see it.
STEP = {
    "anonymous": FOUND,
    "official_a": FORBIDDEN,
    "official_b": NOT_FOUND,
    "coordinator": FOUND,
    "ks_user": FORBIDDEN,
    "kf_user": NOT_FOUND,
    "reader": NOT_FOUND,
    "administrator": FOUND,
}
MATRIX = {
    "notices:attachment": (
        ["attachment"],
        {
            **only("official_a", "coordinator", "ks_user", "administrator"),
            "official_b": NOT_FOUND,
            "kf_user": NOT_FOUND,
            "reader": NOT_FOUND,
        },
    ),
    "notices:notice_list": ([], only(*READERS_OF_NOTICES)),
    "notices:notice_add": ([], only("official_a", "official_b", "coordinator", "administrator")),
    # official_b's unit did not raise it: for them it does not exist
    "notices:notice_detail": (
        ["notice"],
        {**only("official_a", "coordinator", "ks_user", "administrator"), "official_b": NOT_FOUND},
    ),
    # Steps in the handling are POSTs (taking up a submitted notice is the office's move)
    "notices:notice_move": (["notice"], STEP, "POST", {"state": "under_review", "from_state": "submitted"}),
    "notices:notice_assign": (["notice"], STEP, "POST", {}),
    # the possible synergies are the office's to weigh
    "notices:overlap_list": ([], only("coordinator", "administrator")),
    "notices:overlap_detail": (["overlap"], only("coordinator", "administrator")),
}
