"""The accessibility statement (tillgänglighetsredogörelse) and the form to report a shortcoming."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cooperation.core import audit
from cooperation.core.audit import client_address
from cooperation.core.forms import FkuiFormMixin
from cooperation.core.models import AuditEvent, AuditEventKind
from cooperation.organisation.choices import Role
from cooperation.organisation.models import User


class ShortcomingForm(FkuiFormMixin, forms.Form):
    page = forms.CharField(
        label=_("Where did you find the problem?"),
        max_length=300,
        required=False,
        help_text=_("The page's address or name, if you know it."),
    )
    description = forms.CharField(
        label=_("What did not work?"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("Describe what you tried to do and what happened."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("If you want an answer."),
    )


def administrator_addresses() -> list[str]:
    """Where reports go: every administrator with an e-mail address, and the ADMINS of the settings."""
    users = User.objects.filter(Q(is_superuser=True) | Q(role_assignments__role=Role.ADMINISTRATOR), is_active=True)
    addresses = {email for email in users.values_list("email", flat=True) if email}
    addresses |= {email for _name, email in settings.ADMINS}
    return sorted(addresses)


def over_limit(request) -> bool:
    """True when the address has sent the limit's number of reports within the last hour. Counted from the audit log,
    which every web worker shares (a per-process cache would allow the limit once per worker)."""
    sent = AuditEvent.objects.filter(
        event=AuditEventKind.ACCESSIBILITY_REPORT,
        address=client_address(request),
        at__gte=timezone.now() - datetime.timedelta(hours=1),
    )
    return sent.count() >= settings.ACCESSIBILITY_REPORTS_PER_HOUR


class AccessibilityView(FormView):
    """Open to everyone, signed in or not: the statement must be reachable by anyone who meets a barrier."""

    template_name = "portal/accessibility.html"
    form_class = ShortcomingForm

    def form_valid(self, form):
        if over_limit(self.request):
            form.add_error(
                None,
                gettext(
                    "You have sent many reports from this address within an hour, so this one was not sent. "
                    "Try again later."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        data = form.cleaned_data
        page, description, reply_to = gettext("Page"), gettext("Description"), gettext("Reply to")
        body = "\n\n".join(
            [
                gettext("A shortcoming in accessibility was reported."),
                "{}: {}".format(page, data["page"] or "–"),
                "{}:\n{}".format(description, data["description"]),
                "{}: {}".format(reply_to, data["email"] or "–"),
            ]
        )
        audit.record(AuditEventKind.ACCESSIBILITY_REPORT, self.request)
        recipients = administrator_addresses()
        if recipients:
            send_mail(gettext("Accessibility: a shortcoming was reported"), body, None, recipients)
        messages.success(self.request, gettext("Thank you. Your report has been sent to the administrators."))
        return redirect("accessibility")
