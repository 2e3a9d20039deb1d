"""The bulk publishing path: ``catalog.actions.publish_many`` publishes a batch with the rules
of a single publication (issue #16): readers open and find the items, index numbers continue
the counter, the audit log holds both entries, a bad row stores nothing, other apps hear of
every item, and the queries of a batch do not grow with its size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.catalog import actions
from gongkai.catalog.models import Item
from gongkai.catalog.services import ensure_legal_structure
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Forbidden, Invalid
from gongkai.search.models import IndexQueue
from tests.plans.conftest import import_seed  # noqa: F401 (the plans' fixture)

pytestmark = pytest.mark.django_db

LOADER = SYSTEM("bulk test")


def _at(y, m, d):
    return timezone.make_aware(dt.datetime(y, m, d, 10))


def _rows(org, column, n, start=0, when=None, **fields):
    return [
        {
            "organisation": org,
            "title": f"2026年第{i}期财政资金拨付公示",
            "body": f"<p>第{i}期资金已拨付到位。</p><script>alert(1)</script>",
            "entries": [column],
            "published_at": when or _at(2026, 3, 1 + i % 28),
            **fields,
        }
        for i in range(start, start + n)
    ]


@pytest.fixture
def education(org):
    o = org("聊城市", "市教育局")
    ensure_legal_structure(o)
    return o


def _a_column(org):
    from gongkai.catalog.models import CatalogEntry

    return CatalogEntry.objects.filter(
        organisation=org, section="statutory", parent__isnull=False
    ).first()


def test_a_batch_is_public_on_the_portal_and_found_by_search(
    client, finance, column, education, django_capture_on_commit_callbacks
):
    other = _a_column(education)
    rows = _rows(finance, column, 2) + _rows(education, other, 1, start=7)
    with django_capture_on_commit_callbacks(execute=True):
        items = actions.publish_many(rows, actor=LOADER, reason="批量导入")
    assert [i.title for i in items] == [r["title"] for r in rows]
    page = client.get(f"/item/{items[2].pk}/").content.decode()
    assert "2026年第7期财政资金拨付公示" in page
    assert "alert(1)" not in page  # the body was sanitised as for a single publication
    listing = client.get(f"/org/{finance.code}/gk/c/{column.slug}/").content.decode()
    assert "2026年第0期财政资金拨付公示" in listing and "2026年第1期" in listing
    found = client.get("/search/", {"q": "第7期财政资金"}).content.decode()
    assert f"/item/{items[2].pk}/" in found


def test_index_numbers_continue_the_counter_also_around_a_single_publication(finance, column):
    first = actions.publish_many(_rows(finance, column, 3), actor=LOADER)
    single = actions.publish_item_now(
        organisation=finance, title="单独发布的一条", body="<p>正文</p>", entries=[column],
        published_at=_at(2026, 5, 1), actor=LOADER,
    )  # fmt: skip
    rows = _rows(finance, column, 2, start=3)
    rows.append({**rows[0], "title": "上一年度的一条", "published_at": _at(2025, 12, 1)})
    second = actions.publish_many(rows, actor=LOADER)
    numbers_2026 = [i.index_no for i in [*first, single, *second[:2]]]
    assert numbers_2026 == [f"{finance.code}/2026-{n:05d}" for n in range(1, 7)]
    assert second[2].index_no == f"{finance.code}/2025-00001"
    stored = Item.objects.filter(organisation=finance).values_list("index_no", flat=True)
    assert sorted(stored) == sorted(numbers_2026 + [second[2].index_no])


def test_each_item_has_its_version_links_and_both_audit_entries_by_the_system(
    finance, column, orgs
):
    issuer = orgs["聊城市"]
    (item,) = actions.publish_many(
        _rows(finance, column, 1, issuers=[issuer], doc_number="聊财发(2026)3号"),
        actor=LOADER,
        reason="年度批量导入",
    )
    item.refresh_from_db()
    assert item.state == "published" and item.is_public
    assert item.doc_number == "聊财发〔2026〕3号"  # normalised as clean_fields does
    assert "<script>" not in item.body and "第0期资金已拨付到位" in item.body_text
    assert list(item.entries.all()) == [column] and list(item.issuers.all()) == [issuer]
    revision = item.revisions.get()
    assert revision.state == "published" and revision.number == 1
    assert revision.data["entries"] == [column.pk] and revision.data["issuers"] == [issuer.pk]
    trail = list(AuditEntry.objects.for_object(item).order_by("id"))
    assert [(e.action, e.to_state) for e in trail] == [
        ("create", "approved"),
        ("transition", "published"),
    ]
    assert {e.actor_name for e in trail} == {"系统（bulk test）"}
    assert trail[0].reason == "年度批量导入"
    assert trail[1].changes["index_no"] == item.index_no


def test_a_bad_row_stores_nothing_of_the_batch(finance, column, education):
    rows = _rows(finance, column, 3)
    rows[1]["signed_on"] = "2026-13-45"
    before = (Item.objects.count(), AuditEntry.objects.count(), IndexQueue.objects.count())
    with pytest.raises(Invalid) as caught:
        actions.publish_many(rows, actor=LOADER)
    assert "第2条" in str(caught.value) and "日期格式不正确" in str(caught.value)
    foreign = _rows(finance, _a_column(education), 1)
    with pytest.raises(Invalid, match="所选栏目不属于本机构"):
        actions.publish_many(_rows(finance, column, 2) + foreign, actor=LOADER)
    after = (Item.objects.count(), AuditEntry.objects.count(), IndexQueue.objects.count())
    assert after == before
    # the numbers were given back: the next batch starts at 1
    (item,) = actions.publish_many(_rows(finance, column, 1), actor=LOADER)
    assert item.index_no.endswith("2026-00001")


def test_publishing_in_an_organisation_without_the_review_role_is_refused(
    finance, column, education, staff
):
    reviewer = staff["lc-reviewer"]  # reviews 市财政局, not 市教育局
    assert actions.publish_many(_rows(finance, column, 1), actor=reviewer)
    rows = _rows(finance, column, 1) + _rows(education, _a_column(education), 1, start=5)
    with pytest.raises(Forbidden):
        actions.publish_many(rows, actor=reviewer)
    with pytest.raises(Forbidden):
        actions.publish_many(_rows(finance, column, 1), actor=staff["lc-editor"])
    assert Item.objects.count() == 1


def test_plans_fulfilment_sees_the_items_of_a_batch(
    import_seed,  # noqa: F811
    org,
    django_capture_on_commit_callbacks,
):
    from gongkai.catalog.models import CatalogEntry
    from gongkai.plans import actions as plan_actions
    from gongkai.plans.models import Obligation

    plan = import_seed("聊城市")
    czj = org("聊城市", "市财政局")
    ensure_legal_structure(czj)
    monthly = CatalogEntry.objects.get(organisation=czj, slug="czsz")
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    plan_actions.update_obligation(ob, entries=[monthly], responsible=[czj], actor=LOADER)
    rows = [
        {"organisation": czj, "title": "2017年9月全市财政收支情况", "body": "<p>数据</p>",
         "entries": [monthly], "published_at": _at(2017, 10, 20)},
        {"organisation": czj, "title": "2017年1月全市财政收支情况", "body": "<p>数据</p>",
         "entries": [monthly], "published_at": _at(2017, 6, 1)},
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        sept_item, _ = actions.publish_many(rows, actor=LOADER)
    sept, jan = ob.instances.get(label="2017年9月"), ob.instances.get(label="2017年1月")
    assert sept.state == "on_time" and sept.fulfilments.get().item == sept_item
    assert jan.state == "late"


def _queries(finance, column, n, start, capture):
    with CaptureQueriesContext(connection) as ctx, capture(execute=True):
        actions.publish_many(_rows(finance, column, n, start=start), actor=LOADER)
    return len(ctx.captured_queries)


def test_the_queries_of_a_batch_do_not_grow_with_its_size(
    settings, finance, column, django_capture_on_commit_callbacks
):
    # The page cache's receiver bumps each item's pages one by one (gongkai.serving.pagecache
    # has no batch form yet); this test counts the catalog's path and the receivers that do.
    settings.GONGKAI_PAGE_CACHE = False
    capture = django_capture_on_commit_callbacks
    _queries(finance, column, 5, 0, capture)  # counters, content types, the search index
    small = _queries(finance, column, 50, 100, capture)
    large = _queries(finance, column, 200, 1000, capture)
    assert Item.objects.count() == 255
    # 200 rows take a few more bulk_create chunks than 50 (SQLite binds at most 999 parameters
    # per statement: about 24 items per insert); nothing is per item
    assert large <= small + 12, (small, large)
    assert large < 100, (small, large)
