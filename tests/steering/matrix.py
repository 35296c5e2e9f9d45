"""Who may open the steering documents' pages: coordinators edit, KS adopts, drafts for coordinators and KS."""

from cooperation.cities.models import CityRelation
from cooperation.organisation.models import Policy
from cooperation.steering.models import ActionPlan, Evaluation, PositionPaper
from tests.permissions import FOUND, NOT_FOUND, everyone, only

EDITORS = ("coordinator", "administrator")
DRAFT_READERS = ("coordinator", "ks_user", "administrator")


def objects(org) -> dict:
    relation = CityRelation.objects.create(city="Bergen", country="NO", kind="twin_town", decision=org.kf_decision)
    paper = PositionPaper.objects.create(title="Positionspapper Bergen", city_relation=relation)
    adopted = paper.versions.create(number=1, status="adopted", decision=org.ks_decision, purpose="Syfte")
    draft = paper.versions.create(number=2, purpose="Nytt syfte")
    return {
        "paper": paper,
        "adopted": adopted,
        "draft": draft,
        "plan": ActionPlan.objects.create(title="Handlingsplan Bergen", city_relation=relation),
        "evaluation": Evaluation.objects.create(city_relation=relation, date="2025-05-01"),
        "policy": Policy.objects.create(municipality=org.municipality, title="Internationell policy"),
    }


def drafts_only(*roles):
    """A draft's page: those who may act get 200, other draft readers 403, everyone else finds nothing."""
    return {
        **only(*roles),
        **{r: NOT_FOUND for r in ("official_a", "official_b", "kf_user", "reader") if r not in roles},
    }


MATRIX = {
    "steering:positionpaper_list": ([], everyone()),
    "steering:positionpaper_add": ([], only(*EDITORS)),
    "steering:positionpaper_detail": (["paper"], everyone()),
    "steering:positionpaper_edit": (["paper"], only(*EDITORS)),
    "steering:positionpaper_delete": (["paper"], only(*EDITORS)),
    "steering:positionpaper_draft": (["paper"], {**only(*EDITORS, status=FOUND)}, "POST", {}),
    "steering:positionpaperversion_detail": (["draft"], drafts_only(*DRAFT_READERS)),
    "steering:positionpaperversion_edit": (["draft"], drafts_only(*EDITORS)),
    "steering:positionpaperversion_compare": (["draft"], drafts_only(*DRAFT_READERS)),
    "steering:positionpaperversion_pdf": (["adopted"], everyone()),
    "steering:positionpaperversion_adopt": (["draft"], drafts_only("ks_user", "administrator")),
    "steering:actionplan_list": ([], everyone()),
    "steering:actionplan_add": ([], only(*EDITORS)),
    "steering:actionplan_detail": (["plan"], everyone()),
    "steering:actionplan_edit": (["plan"], only(*EDITORS)),
    "steering:actionplan_delete": (["plan"], only(*EDITORS)),
    "steering:evaluation_list": ([], everyone()),
    "steering:evaluation_add": ([], only("official_a", "official_b", *EDITORS)),  # officials: their nämnd's own
    "steering:evaluation_detail": (["evaluation"], everyone()),
    "steering:evaluation_edit": (["evaluation"], only(*EDITORS)),
    "steering:evaluation_delete": (["evaluation"], only(*EDITORS)),
    "steering:policy_list": ([], everyone()),
    "steering:policy_add": ([], only(*EDITORS)),
    "steering:policy_detail": (["policy"], everyone()),
    "steering:policy_edit": (["policy"], only(*EDITORS)),
}
