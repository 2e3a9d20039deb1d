"""Published messages are found by the site search (kind "message"); unpublished ones are not."""

import pytest

from gongkai.interaction import actions

pytestmark = pytest.mark.django_db


def test_published_message_is_searchable(
    client, settings, answered, finance, staff, django_capture_on_commit_callbacks
):
    settings.GONGKAI_SEARCH_BACKEND = "simple"
    from gongkai.search import backends, indexing

    backends.reset()
    indexing.rebuild()
    pub = answered(finance, subject="耕地地力保护补贴发放时间", text="请问补贴何时发放？")
    hidden = answered(finance, subject="耕地地力保护补贴未公开留言", consent_publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_publish(staff["lc-editor"], pub)
    indexing.drain()
    page = client.get("/search/?q=耕地地力保护补贴&kind=message").content.decode()
    assert f'href="/messages/{pub.pk}/"' in page
    assert f'href="/messages/{hidden.pk}/"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_unpublish(staff["lc-editor"], pub, reason="留言人要求撤回")
    indexing.drain()
    page = client.get("/search/?q=耕地地力保护补贴&kind=message").content.decode()
    assert f'href="/messages/{pub.pk}/"' not in page
