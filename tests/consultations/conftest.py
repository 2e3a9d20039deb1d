import datetime as dt

import pytest

from gongkai.core.actors import SYSTEM
from gongkai.rules import dates

from .test_rules import DRAFT


@pytest.fixture
def finance(org):
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市财政局")
    ensure_legal_structure(o)
    return o


@pytest.fixture
def civil(org):
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市民政局")
    ensure_legal_structure(o)
    return o


@pytest.fixture
def make_open(staff, finance, settings, tmp_path):
    """An open consultation of 市财政局 on the sample draft (written by lc-editor)."""
    from gongkai.consultations import actions

    settings.MEDIA_ROOT = tmp_path

    def make(days=40, kind="normative", reason="", org=None, who="lc"):
        today = dates.today()
        c = actions.create(
            staff[f"{who}-editor"],
            org or finance,
            title="聊城市城乡居民最低生活保障办法（征求意见稿）",
            doc_kind=kind,
            opens_on=today,
            closes_on=today + dt.timedelta(days=days),
            shorter_reason=reason,
            channels=["online", "email"],
            email="zqyj@example.gov.cn",
            contact_unit="市财政局办公室",
            explanation="为规范低保工作，起草本办法。",
        )
        actions.upload_draft(staff[f"{who}-editor"], c, "草案.txt", DRAFT.encode())
        actions.submit(staff[f"{who}-editor"], c)
        actions.approve(staff[f"{who}-reviewer"], c)
        return actions.open_consultation(staff[f"{who}-editor"], c)

    return make


@pytest.fixture
def system():
    return SYSTEM("test")
