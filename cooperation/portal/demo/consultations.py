"""Demo consultations."""

import datetime

from cooperation.consultations.choices import ConsultationStatus, Origin
from cooperation.consultations.models import Consultation

from .base import DEMO_NOTE, THEMES, Context, create_missing, demo_date, rng


def build_consultations(ctx: Context, count: int):
    objects = []
    for i in range(count):
        r = rng(ctx, "consultation", i)
        received = demo_date(r, 2023, 2026)
        origin = r.choice(list(Origin))
        status = r.choice(list(ConsultationStatus))
        answered = (
            received + datetime.timedelta(days=r.randint(10, 60)) if status == ConsultationStatus.ANSWERED else None
        )
        objects.append(
            Consultation(
                pk=ctx.base + i,
                title=f"Remiss om {r.choice(THEMES)} {i + 1} (demo)",
                origin=origin,
                eu_initiative=f"EU-initiativ om {r.choice(THEMES)}"
                if origin != Origin.OWN_INITIATIVE and r.random() < 0.6
                else "",
                unit=r.choice(ctx.units),
                received_on=received,
                deadline=received + datetime.timedelta(days=r.randint(20, 90)),
                brussels_office_involved=r.random() < 0.3,
                status=status,
                answered_on=answered,
                answer=DEMO_NOTE if answered else "",
            )
        )
    create_missing(Consultation, objects, history=True)
