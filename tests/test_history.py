"""Every domain model keeps history, and an edit through the web records who made it."""

import pytest
from django.apps import apps
from django.urls import reverse

from cooperation.organisation.models import Decision

pytestmark = pytest.mark.django_db


# The audit log is itself the record of what happened; a history of its rows would only copy them. The synergy
# finder's keys are derived from the items, rebuilt whenever an item changes: the items' history is theirs.
WITHOUT_HISTORY = {"AuditEvent", "SynergyKey"}


def test_every_domain_model_keeps_history():
    missing = [
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("cooperation.")
        and not model.__name__.startswith("Historical")
        and not model._meta.auto_created
        and not hasattr(model, "history")
        and model.__name__ not in WITHOUT_HISTORY
    ]
    assert missing == []


def test_one_edit_makes_one_history_row_by_the_acting_user(client, org, administrator):
    decision = org.ks_decision
    client.force_login(administrator)
    before = decision.history.count()
    url = reverse("admin:organisation_decision_change", args=[decision.pk])
    response = client.post(
        url,
        {
            "body": org.ks.pk,
            "date": "2024-03-12",
            "paragraph": "173",
            "case_number": "KS-2024-0042",
            "title": "Partnerstadsavtal med Riga",
            "summary": "",
            "document_url": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert decision.history.count() == before + 1
    latest = decision.history.first()
    assert latest.history_user == administrator
    assert latest.paragraph == "173"
    assert latest.history_type == "~"
    assert Decision.objects.get(pk=decision.pk).case_number == "KS-2024-0042"
