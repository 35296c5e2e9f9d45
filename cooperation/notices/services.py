"""Raising coordination notices, by hand and automatically, and telling people by e-mail."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from cooperation.organisation.choices import Role
from cooperation.organisation.models import Unit, User, get_municipality

from .choices import Area, EventKind, NoticeState
from .models import Notice

# Which area an item belongs to, and the field on Notice that points to it.
ITEM_AREAS = {
    "projects.project": (Area.PROJECTS, "project"),
    "visits.visit": (Area.VISITS, "visit"),
    "networks.membership": (Area.NETWORKS, "membership"),
    "cities.cityrelation": (Area.CITIES, "city_relation"),
    "consultations.consultation": (Area.MONITORING, "consultation"),
}


def item_field(item) -> str | None:
    return ITEM_AREAS.get(item._meta.label_lower, (None, None))[1]


def owning_unit(item, user) -> Unit | None:
    """The unit a notice about `item` comes from: the item's own unit, else the acting user's first unit."""
    for attr in ("owner", "unit", "main_host"):
        unit = getattr(item, attr, None)
        if isinstance(unit, Unit):
            return unit
    return user.units().order_by("name").first() if user and user.is_authenticated else None


@transaction.atomic
def submit(*, area, unit, summary, user, item=None, automatic=False, attachments=()) -> Notice:
    """Create a notice, record the first step of its trail, and tell the central office."""
    fields = {item_field(item): item} if item is not None else {}
    notice = Notice(
        area=area,
        unit=unit,
        summary=summary,
        submitted_by=user if user and user.is_authenticated else None,
        is_automatic=automatic,
        **fields,
    )
    notice._history_user = notice.submitted_by
    notice.save()
    notice.events.create(
        kind=EventKind.SUBMITTED,
        actor=notice.submitted_by,
        to_state=NoticeState.SUBMITTED,
        comment=gettext("Raised automatically.") if automatic else "",
    )
    for upload in attachments:
        notice.attachments.create(file=upload, uploaded_by=notice.submitted_by)
    transaction.on_commit(lambda: mail_office(notice))
    return notice


def raise_automatically(item, user, summary: str) -> tuple[Notice, bool]:
    """Tell the central office about `item`: a new notice, or — while one about it is still open — one more step
    in that notice's trail. Returns the notice and whether it is new."""
    area, field = ITEM_AREAS[item._meta.label_lower]
    open_notice = Notice.objects.open().filter(**{field: item}).order_by("-created_at").first()
    if open_notice is not None:
        open_notice.events.create(
            kind=EventKind.ITEM_CHANGED, actor=user if user.is_authenticated else None, comment=summary
        )
        return open_notice, False
    unit = owning_unit(item, user)
    if unit is None:
        return None, False
    return submit(area=area, unit=unit, summary=summary, user=user, item=item, automatic=True), True


def office_addresses() -> list[str]:
    """The central office's mailbox, or, where it has none, its coordinators' addresses."""
    municipality = get_municipality()
    office = municipality and municipality.central_office
    if office and office.email:
        return [office.email]
    coordinators = User.objects.filter(role_assignments__role=Role.COORDINATOR, is_active=True).exclude(email="")
    return sorted(set(coordinators.values_list("email", flat=True)))


def send(template: str, recipients: list[str], language: str, context: dict):
    """One message in `language`, as plain text and HTML, rendered from templates/notices/email/."""
    if not recipients:
        return
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
        subject = render_to_string(f"notices/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"notices/email/{template}.txt", context)
        html = render_to_string(f"notices/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=recipients)
    message.attach_alternative(html, "text/html")
    message.send()


def mail_office(notice: Notice):
    send("new_notice", office_addresses(), settings.LANGUAGE_CODE, {"notice": notice})


def mail_submitter(notice: Notice, event):
    """Tell the person who raised the notice what the office did, in their own language."""
    submitter = notice.submitted_by
    if submitter is None or not submitter.email or event.actor == submitter:
        return
    send("notice_moved", [submitter.email], submitter.language, {"notice": notice, "event": event})
