"""The public health summary is computed live: shared caches may keep it a minute, the page
cache never stores it, so a column filled in shows in the next answer."""

import pytest

pytestmark = pytest.mark.django_db


def blank_columns(client, org):
    resp = client.get(f"/api/v1/organisations/{org.code}/health")
    assert resp.status_code == 200
    assert resp["Cache-Control"] == "public, max-age=60"
    assert "X-Gongkai-Cache" not in resp and not resp.cookies
    return resp.json()["counts"]["column_blank"]


def test_the_summary_follows_a_publication_at_once(client, civil, publish):
    before = blank_columns(client, civil)
    assert before > 0 and blank_columns(client, civil) == before
    from gongkai.catalog.models import CatalogEntry

    blank = CatalogEntry.objects.filter(
        organisation=civil, children__isnull=True, items__isnull=True
    ).exclude(slug__in=("guide", "application"))
    publish(civil, blank.first().slug, "新填写的栏目信息", 1)
    assert blank_columns(client, civil) == before - 1
