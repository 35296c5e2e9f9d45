import pytest
from django.db import IntegrityError

from cooperation.cities.models import CityRelation
from cooperation.networks.models import Membership, Organisation
from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import ActionPlan, ActionPlanActivity, PositionPaper, PositionPaperVersion
from tests.helpers import assert_refused, assert_valid, errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def relation(org):
    return CityRelation.objects.create(city="Bergen", country="NO", kind="twin_town", decision=org.kf_decision)


def test_a_position_paper_concerns_exactly_one_subject(org, relation):
    message = "Gäller: välj exakt en av en vänort eller partnerstad, ett nätverksmedlemskap eller projektarbetet."
    assert_refused(PositionPaper(title="Utan ämne"), "city_relation", message)
    assert_refused(
        PositionPaper(title="Två ämnen", city_relation=relation, is_project_work=True), "city_relation", message
    )
    assert_valid(PositionPaper(title="Bergen", city_relation=relation))
    assert_valid(PositionPaper(title="Projektarbetet", is_project_work=True))


def test_papers_are_for_coordinated_memberships_only(org):
    sector = Membership.objects.create(
        organisation=Organisation.objects.create(name="ERRIN"),
        kind="sector_specific",
        unit=org.unit_a,
        member_since="2020-01-01",
        decision=org.committee_a_decision,
    )
    assert_refused(
        PositionPaper(title="ERRIN", membership=sector),
        "membership",
        "Nätverk: positionspapper och handlingsplaner förs för samordnade medlemskap (av kommungemensamt intresse).",
    )


def test_adopting_a_version_needs_a_ks_decision(org, relation):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    version = PositionPaperVersion(paper=paper, number=1, status=VersionStatus.ADOPTED)
    assert_refused(version, "decision", "Antagandebeslut: en antagen version behöver KS-beslutet som antog den.")
    version.decision = org.kf_decision
    assert_refused(version, "decision", "Antagandebeslut: positionspapper antas av kommunstyrelsen (KS).")
    version.decision = org.ks_decision
    assert_valid(version)


def test_one_draft_at_a_time(org, relation):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    PositionPaperVersion.objects.create(paper=paper, number=1)
    second = PositionPaperVersion(paper=paper, number=2)
    assert "Status: positionspappret har redan ett utkast." in errors_of(second)["__all__"]
    with pytest.raises(IntegrityError):
        second.save()


def test_plan_activity_names_who_is_responsible(org, relation):
    plan = ActionPlan.objects.create(title="Handlingsplan Bergen", city_relation=relation)
    activity = ActionPlanActivity(plan=plan, title="Skolutbyte")
    assert_refused(activity, "responsible_unit", "Ansvarig enhet: ange en ansvarig enhet eller en extern aktör.")
    activity.responsible_actor = "Göteborgs universitet"
    assert_valid(activity)


def test_steering_decisions_are_the_municipalitys_own(org, relation, foreign_decision):
    from cooperation.steering.models import Evaluation
    from tests.conftest import foreign_decision_message

    evaluation = Evaluation(city_relation=relation, date=relation.decision.date, decision=foreign_decision)
    assert_refused(evaluation, "decision", foreign_decision_message("Beslut som följer"))
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    version = PositionPaperVersion(paper=paper, number=1, status=VersionStatus.ADOPTED, decision=foreign_decision)
    assert_refused(version, "decision", foreign_decision_message("Antagandebeslut"))


def test_an_evaluation_concerns_the_policy_or_another_subject_not_both(org, relation):
    from cooperation.organisation.models import Policy
    from cooperation.steering.models import Evaluation

    policy = Policy.objects.create(municipality=org.municipality, title="Strategi för internationellt arbete")
    assert_valid(Evaluation(policy=policy, date="2026-01-31"))
    assert_refused(
        Evaluation(policy=policy, city_relation=relation, date="2026-01-31"),
        "city_relation",
        "Gäller: välj exakt en av en vänort eller partnerstad, ett medlemskap, ett positionspapper, policyn eller "
        "projektarbetet.",
    )
