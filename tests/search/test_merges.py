"""A publication never waits for the index's segment merges (issue 16: publish → visible within
2 s at 10^6 items, where one merge of the top levels took 21.8 s): the committing writer is
handed to a background thread that waits for its merges and only then releases the one-writer
lock; a drain that finds the lock taken leaves its change to the next drain."""

import threading

import pytest

from gongkai.search import indexing
from gongkai.search.backends.tantivy import TantivyBackend, WriterBusy
from gongkai.search.query import SearchRequest

pytestmark = pytest.mark.django_db


class SlowMerges:
    """Stands in for a writer whose commit started merges: they end when ``done`` is set."""

    def __init__(self):
        self.done = threading.Event()

    def wait_merging_threads(self):
        assert self.done.wait(30)


@pytest.fixture
def node(settings, tmp_path):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "index")
    settings.GONGKAI_SEARCH_FOLLOW_SECONDS = 0
    settings.GONGKAI_SEARCH_GAP_SECONDS = 0
    backend = TantivyBackend()
    indexing.drain(backend)
    return backend


def found(backend, q):
    return {h.item_id for h in backend.search(SearchRequest(q=q, per_page=100)).hits}


def test_merges_hold_the_lock_after_the_commit_returns(node):
    lock = node.engine.writer
    merges = SlowMerges()
    with lock.hold():
        lock.hand_off(merges)
    # the committing code went on; the merges still hold the index for writers
    with pytest.raises(WriterBusy), lock.hold(timeout=0):
        pass
    assert not lock.wait_merges(timeout=0)
    merges.done.set()
    assert lock.wait_merges(timeout=30)
    with lock.hold(timeout=0):  # free again
        pass


def test_a_publication_during_merges_is_searchable_after_the_next_drain(
    node, make_item, monkeypatch
):
    monkeypatch.setattr(indexing, "DRAIN_WAIT", 0.05)
    lock = node.engine.writer
    merges = SlowMerges()
    with lock.hold():
        lock.hand_off(merges)
    item = make_item("城镇老旧小区改造计划", "正文")
    indexing.drain_quietly()  # what the publication's commit runs: gives up after DRAIN_WAIT
    assert indexing.queue_length(node) == 1  # left in the log, nothing lost
    merges.done.set()
    assert lock.wait_merges(timeout=30)
    assert found(node, "老旧小区") == {item.pk}  # the search's own catch-up applied it
    assert indexing.queue_length(node) == 0


def test_merges_are_kept_not_dropped(node, make_item):
    """Commits one after another (each its own drain, as publications are) end with fewer
    segments than commits: the handed-off writers' merges were finished, not discarded."""
    items = []
    for k in range(24):
        items.append(make_item(f"第{k}号河长制巡河通报", "正文"))
        indexing.drain(node)
    assert node.engine.writer.wait_merges(timeout=60)
    ix = node.engine.index()
    ix.reload()
    assert ix.searcher().num_segments < 12
    assert found(node, "河长制") == {i.pk for i in items}
