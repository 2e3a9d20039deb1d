"""The demo: 20+ proposals per city, replies, some overdue, some published."""

import pytest

from gongkai.proposals import services
from gongkai.proposals.models import Proposal


@pytest.mark.django_db
def test_demo_proposals(staff, demo_ctx, settings, tmp_path, client):
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.orgs.models import Organisation
    from gongkai.proposals import demo

    settings.MEDIA_ROOT = tmp_path
    ensure_legal_structure_many(Organisation.objects.all())
    demo.load(demo_ctx)
    for city in demo_ctx.shared["cities"].values():
        mine = list(Proposal.objects.filter(city=city))
        assert len(mine) >= 20
        states = {services.answer_state(p) for p in mine}
        assert "overdue" in states and "done" in states
        published = [p for p in mine if p.status == "published"]
        assert len(published) >= 5 and any(p.status == "withheld" for p in mine)
        assert all("1380635" not in p.public_text for p in published)
        assert any(p.reopened for p in mine)
    resp = client.get("/proposals/")
    assert resp.status_code == 200 and "已公开的答复" in resp.content.decode()
    assert client.get("/proposals/figures/").status_code == 200


@pytest.mark.django_db
def test_search_documents_of_both_kinds(staff, demo_ctx, settings, tmp_path):
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.consultations import demo as cdemo
    from gongkai.orgs.models import Organisation
    from gongkai.proposals import demo as pdemo
    from gongkai.search import registry

    settings.MEDIA_ROOT = tmp_path
    ensure_legal_structure_many(Organisation.objects.all())
    cdemo.load(demo_ctx)
    pdemo.load(demo_ctx)
    for kind, needle in (("consultation", "最低生活保障"), ("proposal_reply", "答复")):
        doctype = registry.get(kind)
        ids = list(doctype.public_ids())
        docs = doctype.build(ids)
        assert docs and set(docs) == set(ids)
        assert any(needle in d.title + d.text for d in docs.values())
        assert all("1380635" not in d.text for d in docs.values())
