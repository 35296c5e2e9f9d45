"""Demo coordination notices with their trails, numbered per year as the office numbers them."""

import datetime
from collections import Counter

from cooperation.notices.choices import Area, EventKind, NoticeState
from cooperation.notices.models import Notice, NoticeEvent

from .base import DEMO_NOTE, Context, create_missing, rng


def number_by_year(notices):
    """Number the notices in the order given, running per year of the day each was submitted in Stockholm, as
    Notice.save numbers them: one made 00:30 on 1 January Stockholm time (23:30 UTC) is of the new year."""
    per_year = Counter()
    for notice in notices:
        year = notice.submitted_on.year
        per_year[year] += 1
        notice.number = f"{year}-{per_year[year]:03d}"


def build_notices(ctx: Context, projects, count: int):
    notices, events = [], []
    submitter = ctx.users["handlaggare"]
    coordinator = ctx.users["samordnare"]
    states = [
        NoticeState.SUBMITTED,
        NoticeState.UNDER_REVIEW,
        NoticeState.ACKNOWLEDGED,
        NoticeState.INFO_REQUESTED,
        NoticeState.CLOSED,
    ]
    for i in range(count):
        r = rng(ctx, "notice", i)
        pk = ctx.base + i
        # spread evenly over 2025 and 2026 in order of number, so numbers run per year as the office's do
        created = datetime.datetime(2025, 1, 2, 9, tzinfo=datetime.UTC) + datetime.timedelta(hours=i * 16_000 // count)
        state = r.choice(states)
        notices.append(
            Notice(
                pk=pk,
                area=Area.PROJECTS,
                unit=r.choice(ctx.units),
                submitted_by=submitter,
                summary=f"Nytt projekt registrerat (demo {i + 1}).",
                state=state,
                created_at=created,
                project_id=projects[i % len(projects)] if projects else None,
                assigned_to=coordinator if state != NoticeState.SUBMITTED else None,
            )
        )
        events.append(
            NoticeEvent(
                pk=ctx.base + i * 2,
                notice_id=pk,
                kind=EventKind.SUBMITTED,
                actor=submitter,
                created_at=created,
                to_state=NoticeState.SUBMITTED,
            )
        )
        if state != NoticeState.SUBMITTED:
            events.append(
                NoticeEvent(
                    pk=ctx.base + i * 2 + 1,
                    notice_id=pk,
                    kind=EventKind.STATE_CHANGED,
                    actor=coordinator,
                    created_at=created + datetime.timedelta(hours=r.randint(2, 200)),
                    from_state=NoticeState.SUBMITTED,
                    to_state=state,
                    comment=DEMO_NOTE,
                )
            )
    number_by_year(notices)
    new = {n.pk for n in create_missing(Notice, notices, history=True)}
    create_missing(NoticeEvent, [e for e in events if e.notice_id in new])
