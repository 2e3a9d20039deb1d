"""The index follows the catalog: a published item is found right after the commit, a
withdrawn one is gone right after it, with no rebuild and no cron in between."""

import pytest
from django.core.management import call_command

from gongkai.search import indexing
from gongkai.search.models import IndexQueue
from gongkai.search.query import SearchRequest

pytestmark = pytest.mark.django_db


def found(backend, q):
    return {h.item_id for h in backend.search(SearchRequest(q=q)).hits}


def test_publication_appears_and_withdrawal_disappears(
    backend, make_item, django_capture_on_commit_callbacks
):
    from gongkai.catalog.models import Item

    with django_capture_on_commit_callbacks(execute=True):
        item = make_item("关于冬季清洁取暖补贴的通知", "补贴标准见附件。")
    assert found(backend, "清洁取暖") == {item.pk}
    assert indexing.queue_length(backend) == 0

    page_two = backend.search(SearchRequest(q="清洁取暖", page=2))  # totals may be remembered
    assert page_two.total == 1 and page_two.hits == []

    with django_capture_on_commit_callbacks(execute=True):
        item.state = Item.STATE_WITHDRAWN
        item.withdrawn_reason = "内容有误"
        item.save()
    assert found(backend, "清洁取暖") == set()
    assert backend.search(SearchRequest(q="清洁取暖")).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        draft = make_item("清洁取暖草稿", "未发布", state=Item.STATE_DRAFT)
        hidden = make_item("清洁取暖依申请", "不主动公开", attribute=Item.ATTR_ON_REQUEST)
    assert found(backend, "清洁取暖") == set()
    assert draft.pk and hidden.pk


def test_catalog_signals_alone_update_the_index(backend, make_item):
    """Changes made with queryset.update() reach the index through the catalog's signals."""
    from gongkai.catalog.models import Item
    from gongkai.catalog.signals import item_changed, item_published, item_unpublished

    item = make_item("关于老旧小区改造的实施方案", "正文", state=Item.STATE_DRAFT)
    indexing.drain(backend)
    assert found(backend, "老旧小区") == set()

    Item.objects.filter(pk=item.pk).update(state=Item.STATE_PUBLISHED)
    item_published.send(sender=Item, item=item)
    assert found(backend, "老旧小区") == {item.pk}

    Item.objects.filter(pk=item.pk).update(title="关于老旧小区改造的补充方案")
    item_changed.send(sender=Item, item=item)
    hits = backend.search(SearchRequest(q="补充方案")).hits
    assert [h.item_id for h in hits] == [item.pk]

    Item.objects.filter(pk=item.pk).update(state=Item.STATE_WITHDRAWN)
    item_unpublished.send(sender=Item, item=item)
    assert found(backend, "老旧小区") == set()


def test_attachment_text_is_searchable(backend, make_item, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from gongkai.catalog.models import Attachment

    item = make_item("关于印发实施细则的通知", "详见附件。")
    with django_capture_on_commit_callbacks(execute=True):
        att = Attachment(item=item, name="细则.docx", text="第一条 困难群众临时救助的对象")
        att.file.save("xize.docx", ContentFile(b"x"), save=False)
        att.save()
    assert found(backend, "临时救助") == {item.pk}


def test_queue_left_over_is_processed_by_the_command(backend, make_item):
    item = make_item("关于河长制工作的通报", "正文")  # no commit: the queue keeps it
    assert IndexQueue.objects.filter(kind="item", obj_id=item.pk).exists()
    call_command("search", "process")
    assert indexing.queue_length(backend) == 0
    assert found(backend, "河长制") == {item.pk}


def test_rebuild_and_status_commands(backend, make_item, capsys):
    make_item("关于就业创业扶持政策的通知", "正文")
    call_command("search", "rebuild")
    call_command("search", "status")
    out = capsys.readouterr().out
    assert f"{backend.name}: indexed 1 public document(s)" in out
    assert "queued: 0" in out
    assert found(backend, "就业创业") != set()


def test_index_of_an_older_format_is_rebuilt_by_the_job(settings, make_item):
    """After an upgrade changes the index format, searches start on an empty index of the new
    format and the next `gongkai jobs run` rebuilds it from the catalog."""
    from django.utils import timezone

    from gongkai.search import backends

    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    backends.reset()
    backend = backends.get_backend()
    item = make_item("关于河湖长制工作的通报", "正文")
    indexing.rebuild(backend)
    engine = backend.engine
    engine.pointer.write_text(engine.pointer.read_text().strip().rsplit("-v", 1)[0] + "-v1")
    assert backend.needs_rebuild()
    assert found(backend, "河湖长制") == set()  # the old-format index is not read
    summary = indexing.process_queue_job(timezone.now())
    assert "built from scratch with 1 document" in summary
    assert not backend.needs_rebuild()
    assert found(backend, "河湖长制") == {item.pk}
