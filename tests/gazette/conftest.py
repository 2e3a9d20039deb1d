"""Gazette fixtures: the catalog demo and the gazette demo on top of it, media in a temp dir."""

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalog_demo(orgs, staff, demo_ctx):
    from gongkai.catalog import demo

    demo.load(demo_ctx)
    return demo_ctx


@pytest.fixture
def gazette_demo(catalog_demo):
    from gongkai.gazette import demo

    demo.load(catalog_demo)
    return catalog_demo


@pytest.fixture
def liaocheng(orgs):
    return orgs["聊城市"]
