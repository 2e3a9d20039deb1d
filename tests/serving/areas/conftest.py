"""Fixtures of the area page-cache tests: a committed block, 市财政局 and 市民政局 with their
columns, a published press conference and a published, answered message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.interaction import actions as messages
from gongkai.responses import actions as responses
from gongkai.rules import dates

from .checks import catalog_item, unit


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose after-commit work (signals, page-cache bumps) runs at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def cz(org):
    return unit(org, "市财政局")


@pytest.fixture
def mz(org):
    return unit(org, "市民政局")


@pytest.fixture
def conference(staff, mz, committed):
    """A published press conference of 市民政局 linking a public policy."""
    with committed():
        policy = catalog_item(mz, "聊城市城乡低保标准调整方案", "normative",
                              kind="normative", no_interpretation_reason="测试")  # fmt: skip
        conf = responses.do_record_conference(
            staff["lc-mz-editor"], mz, topic="城乡低保政策吹风会", kind="briefing",
            held_at=(dates.now() - dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
            speakers=[("李明", "市民政局局长")], transcript="主持人：欢迎。", policies=[policy],
        )  # fmt: skip
        responses.do_publish_conference(staff["lc-mz-editor"], conf)
    conf.policy = policy
    return conf


@pytest.fixture
def message(staff, cz, committed):
    """A published, answered message to 市财政局."""
    with committed():
        m = messages.do_submit(
            AnonymousUser(), cz, kind="consult", subject="低保标准咨询",
            text="请问今年城乡低保标准是多少？", name="王建国", contact="13812345678",
            consent_publish=True,
        ).message  # fmt: skip
        messages.do_draft_reply(staff["lc-editor"], m, reply="您好，标准见公开专栏。")
        messages.do_review_reply(staff["lc-reviewer"], m, approve=True)
        return messages.do_publish(staff["lc-editor"], m)
