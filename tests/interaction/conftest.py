import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.interaction import actions


@pytest.fixture
def finance(org):
    return org("聊城市", "市财政局")


@pytest.fixture
def civil(org):
    return org("聊城市", "市民政局")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def submit(media):
    def make(organisation, **kw):
        values = {
            "kind": "consult",
            "subject": "低保标准咨询",
            "text": "请问今年城乡低保标准是多少？",
            "name": "王建国",
            "contact": "13812345678",
            "consent_publish": True,
        }
        values.update(kw)
        return actions.do_submit(AnonymousUser(), organisation, **values)

    return make


@pytest.fixture
def answered(submit, staff):
    def make(organisation, editor="lc-editor", reviewer="lc-reviewer", **kw):
        m = submit(organisation, **kw).message
        actions.do_draft_reply(staff[editor], m, reply="您好，答复如下：标准见公开专栏。")
        return actions.do_review_reply(staff[reviewer], m, approve=True)

    return make


def days_ago(n):
    from gongkai.rules import dates

    return dates.today() - dt.timedelta(days=n)
