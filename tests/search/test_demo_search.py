"""Issue 18.1: on the demo data (seed documents shipped in the package), the search box's own
example 聊政办发〔2017〕9号 finds that plan document first, however it is typed."""

import io

import pytest

pytestmark = pytest.mark.django_db(transaction=False)

NEEDED = ("orgs", "accounts", "workcal", "catalog", "search")


@pytest.fixture
def demo(settings):
    from gongkai.core.demo import DemoContext, loaders

    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    ctx = DemoContext(stdout=io.StringIO())
    for label, load in loaders():
        if label in NEEDED:
            load(ctx)
    return ctx


def test_the_example_doc_number_finds_the_founding_plan_first(demo):
    from gongkai.catalog.models import Item
    from gongkai.search.query import SearchRequest, search

    plan = Item.objects.public().get(doc_number="聊政办发〔2017〕9号")
    for q in ["聊政办发〔2017〕9号", "聊政办发2017 9号", "聊政办发[2017]9号"]:
        res = search(SearchRequest(q=q))
        assert res.hits and res.hits[0].key == f"item:{plan.pk}", q
        assert res.hits[0].doc_number == "聊政办发〔2017〕9号"
