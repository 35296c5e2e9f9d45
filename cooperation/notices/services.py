"""Raising coordination notices, by hand and automatically, and telling people by e-mail."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cooperation.core.permissions import visible
from cooperation.organisation.choices import Role
from cooperation.organisation.models import Unit, User, get_municipality

from .choices import EventKind, NoticeState
from .models import Notice
from .triggers import item_for


class StaleMove(Exception):
    """The notice is no longer in the state the person saw: someone else moved it first."""


def locked(pk: int, seen_state: str) -> Notice:
    """Notice `pk` under a row lock, inside the caller's transaction, if it is still in the state the person saw:
    of two simultaneous moves the second waits for the first, then is refused instead of writing a stale trail."""
    notice = Notice.objects.select_for_update().get(pk=pk)
    if notice.state != seen_state:
        raise StaleMove
    return notice


def item_field(item) -> str | None:
    """The field on Notice that points to `item`, where a notice can concern it."""
    declared = item_for(item)
    return declared.field if declared else None


def owning_unit(item, user) -> Unit | None:
    """The unit a notice about `item` comes from: the item's own unit, else the acting user's first unit."""
    unit = item_for(item).unit(item)
    if unit is None and user is not None and user.is_authenticated:
        unit = user.units().order_by("name").first()
    return unit


def central_office() -> Unit | None:
    municipality = get_municipality()
    return municipality.central_office if municipality else None


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
    comment = ""
    if automatic:
        comment = (
            gettext("Raised automatically.")
            if notice.submitted_by
            else gettext(
                "Raised automatically after a change made without a signed-in person (a command or an import)."
            )
        )
    notice.events.create(
        kind=EventKind.SUBMITTED, actor=notice.submitted_by, to_state=NoticeState.SUBMITTED, comment=comment
    )
    for upload in attachments:
        notice.attachments.create(file=upload, uploaded_by=notice.submitted_by)
    transaction.on_commit(lambda: mail_office(notice))
    return notice


def raise_automatically(item, user, summary: str) -> tuple[Notice | None, bool]:
    """Tell the central office about `item`: a new notice, or — while one about it is still open — one more step
    in that notice's trail. Returns the notice and whether it is new. With no unit to name (a change made by a
    command to an item of no unit) the notice comes from the central office itself."""
    declared = item_for(item)
    open_notice = Notice.objects.open().filter(**{declared.field: item}).order_by("-created_at").first()
    if open_notice is not None:
        open_notice.events.create(kind=EventKind.ITEM_CHANGED, actor=user, comment=summary)
        return open_notice, False
    unit = owning_unit(item, user) or central_office()
    if unit is None:
        return None, False
    return submit(area=declared.area, unit=unit, summary=summary, user=user, item=item, automatic=True), True


def item_notices(sender, instance, user, **kwargs) -> dict:
    """The coordination notices about an item, for its page, and the link to raise one (core.signals.item_page)."""
    from .permissions import sees_notices

    field = item_field(instance)
    if field is None or not sees_notices(user):
        return {}
    notices = visible(user, instance.notices.all()).prefetch_related("events__actor").order_by("-created_at")
    return {"item_notices": notices, "notice_url": f"{reverse('notices:notice_add')}?{field}={instance.pk}"}


def office_addresses() -> list[str]:
    """The central office's mailbox, or, where it has none, its coordinators' addresses."""
    municipality = get_municipality()
    office = municipality and municipality.central_office
    if office and office.email:
        return [office.email]
    coordinators = User.objects.filter(role_assignments__role=Role.COORDINATOR, is_active=True).exclude(email="")
    return sorted(set(coordinators.values_list("email", flat=True)))


def render_text(name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: quotes and < > reach the reader as they were typed."""
    return get_template(name).template.render(Context(context, autoescape=False))


def send(template: str, recipients: list[str], language: str, context: dict):
    """One message in `language`, as plain text and HTML, rendered from templates/notices/email/."""
    if not recipients:
        return
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
        subject = render_text(f"notices/email/{template}_subject.txt", context).strip()
        text = render_text(f"notices/email/{template}.txt", context)
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
