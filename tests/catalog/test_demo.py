"""The catalog's demo data: structure, seed documents, samples, workflow items.

Loading the demo takes a few seconds, so one test loads it once and checks everything."""

import datetime as dt

import pytest

from gongkai.catalog import actions
from gongkai.catalog.models import CatalogEntry, Item
from gongkai.catalog.structure import LEGAL_SLUGS
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db

SEEDS = [
    ("聊政办发〔2017〕9号", "2017-05-27", "聊城市人民政府办公室"),
    ("东政办发〔2017〕15号", "2017-06-06", "东营市人民政府办公室"),
]


def test_demo_data(staff, demo_ctx, seeds_dir, settings, tmp_path):
    from gongkai.catalog import demo

    settings.MEDIA_ROOT = tmp_path
    demo_ctx.today = dt.date(2026, 11, 22)
    demo.load(demo_ctx)

    # every organisation has the legal structure
    for org in Organisation.objects.all():
        slugs = set(CatalogEntry.objects.filter(organisation=org).values_list("slug", flat=True))
        assert set(LEGAL_SLUGS) <= slugs, org.name
    czsz = CatalogEntry.objects.filter(slug="czsz").select_related("parent").first()
    assert czsz.parent.slug == "czyjs" and czsz.parent.parent.slug == "statutory"

    # the seed documents, metadata read from their headers, each with an interpretation
    for doc_number, signed, issuer in SEEDS:
        item = Item.objects.public().get(doc_number=doc_number)
        assert item.signed_on.isoformat() == signed
        assert [o.name for o in item.issuers.all()] == [issuer]
        assert item.organisation.name == issuer
        assert "政务公开工作要点" in item.title and "政务公开" in item.body_text
        assert item.index_no.startswith(item.organisation.code + "/2017-")
        interpretations = list(item.interpretations.public())
        assert len(interpretations) == 1
        assert interpretations[0].published_at == item.published_at

    # generated items over months and columns, some withdrawn, expired, replaced
    public = Item.objects.public()
    assert 300 <= public.count() <= 900
    months = public.filter(
        organisation__short_name="市财政局",
        organisation__city__name__startswith="聊城",
        entries__slug="czsz",
        published_at__year=2026,
    ).values_list("title", flat=True)
    assert "2026年9月聊城市财政收支情况" in months
    assert "2026年10月聊城市财政收支情况" not in months  # left for the walkthrough
    assert Item.objects.filter(state="withdrawn").exists()
    assert Item.objects.filter(validity="expired").exists()
    repealed = Item.objects.filter(validity="repealed", replaced_by__isnull=False).first()
    assert repealed is not None and repealed.replaced_by.is_public
    assert len(set(public.values_list("entries__slug", flat=True))) >= 15

    # the 低保 list with full ID numbers waits for review; the guard catches it
    dibao = Item.objects.get(
        state="submitted",
        title__contains="最低生活保障对象名单",
        organisation__city__name__startswith="聊城",
    )
    findings = actions.guard_findings(dibao)
    assert {f["kind"] for f in findings} >= {"id18", "mobile"}
    assert all(f["where"].startswith("附件") for f in findings)
