import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def civil(org, staff):
    """聊城 市民政局 with its legal catalog structure (the columns that fit a 民政局)."""
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市民政局")
    ensure_legal_structure(o)
    return o


@pytest.fixture
def publish(settings, tmp_path):
    """publish(org, slug, title, days_ago, **fields) through the catalog's loader action."""
    from gongkai.catalog import actions
    from gongkai.catalog.models import CatalogEntry
    from gongkai.core.actors import SYSTEM
    from gongkai.rules import dates

    settings.MEDIA_ROOT = tmp_path

    def do(org, slug, title, days_ago, *, as_of=None, **fields):
        day = (as_of or dates.today()) - dt.timedelta(days=days_ago)
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        entry = CatalogEntry.objects.get(organisation=org, slug=slug)
        return actions.publish_item_now(
            organisation=org, title=title, body=fields.pop("body", f"<p>{title}</p>"),
            entries=[entry], actor=SYSTEM("health test"), published_at=when, **fields,
        )  # fmt: skip

    return do
