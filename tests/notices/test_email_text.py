"""The plain-text part of an e-mail shows what people typed: quotes and < > are not turned into HTML entities."""

import pytest
from django.core import mail

from cooperation.notices import services
from cooperation.notices.models import Notice

pytestmark = pytest.mark.django_db

TYPED = 'Besök från "Riga" & <Tallinn> om O\'Brien'


def test_the_text_part_is_not_html_escaped_and_the_html_part_is(org, official_a, django_capture_on_commit_callbacks):
    org.central.email = "slk@kommun.example"
    org.central.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(area="visits", unit=org.unit_a, summary=TYPED, user=official_a)
    message = mail.outbox[0]
    assert TYPED in message.body
    assert "&quot;" not in message.body and "&lt;" not in message.body and "&amp;" not in message.body
    html = message.alternatives[0][0]
    assert "&lt;Tallinn&gt;" in html and "<Tallinn>" not in html


def test_a_moved_notice_tells_the_submitter_in_plain_text(org, official_a, coordinator):
    official_a.email = "anna@kommun.example"
    official_a.save()
    org.unit_a.name = 'Förvaltningen "A" & <B>'
    org.unit_a.save()
    notice = Notice.objects.create(area="visits", unit=org.unit_a, summary=TYPED, submitted_by=official_a)
    event = notice.move_to("closed", coordinator, comment='Se "beslut" <2026-05>')
    services.mail_submitter(notice, event)
    body = mail.outbox[0].body
    assert 'Se "beslut" <2026-05>' in body and "&quot;" not in body and "&lt;" not in body


def test_the_subject_is_not_html_escaped(org, official_a):
    org.central.email = "slk@kommun.example"
    org.central.save()
    org.unit_a.name = 'Förvaltningen "A" & <B>'
    org.unit_a.save()
    services.mail_office(Notice.objects.create(area="visits", unit=org.unit_a, summary=TYPED))
    assert 'Förvaltningen "A" & <B>' in mail.outbox[0].subject
