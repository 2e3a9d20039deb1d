"""The demo: about 150 messages, one true 3-month finding, nothing personal in public."""

import re

import pytest

from gongkai.interaction import queries
from gongkai.interaction.models import Message
from gongkai.rules import dates

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
IDNO = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@pytest.fixture
def demo(staff, demo_ctx, settings, tmp_path):
    """The interaction demo, loaded once per session and written back for each test (it keeps
    no files and nothing in ``ctx.shared``; see ``tests/conftest._load_once``)."""
    from gongkai.interaction import demo

    from ..conftest import _load_once

    settings.MEDIA_ROOT = tmp_path
    _load_once("interaction", demo.load, demo_ctx)
    return demo_ctx


def test_demo_messages(demo):
    total = Message.objects.count()
    assert 140 <= total <= 160
    cities = {
        m.organisation.city.name for m in Message.objects.select_related("organisation__city")
    }
    assert len(cities) == 2
    oldest = Message.objects.order_by("received_on").first().received_on
    assert (dates.today() - oldest).days > 450
    found = queries.unanswered_valid_messages(None, dates.today())
    assert len(found) == 1 and found[0].days_open > 90
    overdue = Message.objects.filter(
        status__in=Message.OPEN_STATUSES, due_on__lt=dates.today()
    ).count()
    assert overdue >= 3
    assert Message.objects.exclude(satisfaction="").count() > 50
    assert Message.objects.filter(published=True, consent_publish=False).count() == 0


def test_no_phone_or_id_number_in_public_pages_or_api(demo, client):
    published = list(Message.objects.filter(published=True))
    assert len(published) > 40
    # the writers' texts do contain phone and ID numbers: masking is what keeps them out
    assert any(PHONE.search(m.text) for m in published)
    bodies = [client.get("/messages/").content.decode()]
    bodies += [client.get(f"/messages/{m.pk}/").content.decode() for m in published]
    page = 1
    while True:
        data = client.get(f"/api/v1/messages?per_page=100&page={page}")
        bodies.append(data.content.decode())
        if page >= data.json()["pages"]:
            break
        page += 1
    bodies.append(client.get("/api/v1/messages/stats").content.decode())
    names = {m.name for m in published}
    for body in bodies:
        assert not PHONE.search(body), PHONE.search(body)
        assert not IDNO.search(body)
        assert not any(n in body for n in names)


def test_demo_conversion_keeps_the_receipt_date(demo):
    from gongkai.applications.models import Application

    m = Message.objects.get(validity=Message.CONVERTED)
    app = Application.objects.get(pk=m.application_id)
    assert app.received_on == m.received_on and app.received_on < dates.today()
