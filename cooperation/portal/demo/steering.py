"""Demo position papers for the partner cities, adopted and in draft."""

import datetime

from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import PositionPaper, PositionPaperVersion

from .base import DEMO_NOTE, Context, create_missing
from .cities import PARTNER_CITIES


def build_papers(ctx: Context, decisions, relations):
    papers = [
        PositionPaper(pk=ctx.base + i, city_relation_id=pk, title=f"Positionspapper för partnerstaden {city}")
        for i, (pk, (city, _c)) in enumerate(zip(relations, PARTNER_CITIES, strict=False))
    ]
    papers = [
        p
        for p in papers
        if not PositionPaper.objects.filter(city_relation_id=p.city_relation_id).exclude(pk=p.pk).exists()
    ]
    new = {p.pk for p in create_missing(PositionPaper, papers, history=True)}
    versions = []
    for i, paper in enumerate(papers):
        text = {
            "purpose": f"Syftet med samarbetet (demo {i + 1}).",
            "background": DEMO_NOTE,
            "activities": "Utbyte inom skola, kultur och klimat.",
            "responsibilities": "Stadsledningskontoret samordnar.",
            "communication": "Via kommunens webbplats och intranät.",
            "financial_conditions": "Inom befintlig budget.",
            "evaluation": "Utvärderas enligt kommunstyrelsens beslut.",
        }
        versions.append(
            PositionPaperVersion(
                pk=ctx.base + i * 2,
                paper_id=paper.pk,
                number=1,
                status=VersionStatus.ADOPTED,
                decision_id=decisions["ks_paper"],
                next_review_on=datetime.date(2027, 12, 31),
                **text,
            )
        )
        if i % 2 == 0:
            versions.append(
                PositionPaperVersion(
                    pk=ctx.base + i * 2 + 1, paper_id=paper.pk, number=2, status=VersionStatus.DRAFT, **text
                )
            )
    create_missing(PositionPaperVersion, [v for v in versions if v.paper_id in new])
