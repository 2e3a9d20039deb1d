"""Open consultations and published proposal replies are found by the site search."""

import pytest

from gongkai.consultations import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def simple_search(settings):
    settings.GONGKAI_SEARCH_BACKEND = "simple"
    from gongkai.search import backends, indexing

    backends.reset()
    indexing.rebuild()
    return indexing


def test_open_consultation_is_searchable_and_drafts_are_not(
    client, staff, finance, make_open, simple_search, django_capture_on_commit_callbacks
):
    hidden = actions.create(staff["lc-editor"], finance, title="最低生活保障内部草稿")
    with django_capture_on_commit_callbacks(execute=True):
        c = make_open()
    simple_search.drain()
    page = client.get("/search/?q=最低生活保障&kind=consultation").content.decode()
    assert f'href="/consultations/{c.pk}/"' in page
    assert f'href="/consultations/{hidden.pk}/"' not in page


def test_published_reply_is_searchable_in_full(
    client, staff, orgs, simple_search, django_capture_on_commit_callbacks
):
    import datetime as dt

    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.core.sheets import Sheet, xlsx_bytes
    from gongkai.orgs.models import Organisation
    from gongkai.proposals import actions as pa
    from gongkai.rules import dates

    ensure_legal_structure_many(Organisation.objects.filter(city=orgs["聊城市"]))
    header = ["编号", "标题", "类别", "提出人", "主办单位", "协办单位", "交办日期"]
    assigned = dates.today() - dt.timedelta(days=10)
    data = xlsx_bytes(
        [
            Sheet.simple(
                "s",
                header,
                [["7", "关于公交线路优化的建议", "建议", "王代表", "市财政局", "", assigned]],
            )
        ]
    )
    (p,) = pa.import_assignments(staff["lc-admin"], orgs["聊城市"], year=dates.today().year,
                                 session="市人代会", name="a.xlsx", data=data)  # fmt: skip
    pa.reply(staff["lc-editor"], p, result_code="A", reply_text="已新开通社区微循环公交线路三条。",
             signed_on=dates.today())  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        pa.approve(staff["lc-reviewer"], p)
    simple_search.drain()
    page = client.get("/search/?q=社区微循环公交&kind=proposal_reply").content.decode()
    assert f'href="/proposals/{p.pk}/"' in page
