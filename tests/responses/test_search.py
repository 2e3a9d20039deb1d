"""Published press conferences are found by the site search (kind "press_conference")."""

import datetime as dt

import pytest

from gongkai.responses import actions
from gongkai.rules import dates

pytestmark = pytest.mark.django_db


def test_published_conference_is_searchable(
    client, settings, org, staff, django_capture_on_commit_callbacks
):
    settings.GONGKAI_SEARCH_BACKEND = "simple"
    from gongkai.search import backends, indexing

    backends.reset()
    indexing.rebuild()
    civil = org("聊城市", "市民政局")
    held = (dates.now() - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    conf = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="困难群众临时救助政策吹风会",
        held_at=held,
        speakers=[("李明", "市民政局局长")],
        transcript="临时救助标准说明。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_publish_conference(staff["lc-mz-editor"], conf)
    indexing.drain()
    page = client.get("/search/?q=临时救助&kind=press_conference").content.decode()
    assert f'href="/press-conferences/{conf.pk}/"' in page
