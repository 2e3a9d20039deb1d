from __future__ import annotations

import pytest

from gongkai.core.actors import SYSTEM

ACTOR = SYSTEM("longwork tests")


def publish(org, title, entry):
    from gongkai.catalog import actions

    return actions.publish_item_now(
        organisation=org, title=title, body=f"<p>{title}</p>", entries=[entry], actor=ACTOR
    )


@pytest.fixture
def finance(org, staff, django_capture_on_commit_callbacks):
    """市财政局 of 聊城市 with a column and three published items."""
    from gongkai.catalog import actions

    cz = org("聊城市", "市财政局")
    col = actions.save_entry(organisation=cz, actor=ACTOR, slug="lw-col", name="财政预决算",
                             section="statutory")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        items = [
            publish(cz, "聊城市2026年市级预算公开说明", col),
            publish(cz, "聊城市2026年一季度财政收支情况", col),
            publish(cz, "关于下达2026年基本公共服务补助资金的通知", col),
        ]
    cz.items_published = items
    return cz


@pytest.fixture
def kinds():
    """Register test kinds of work for one test."""
    from gongkai.longwork import registry

    added = []

    def add(kind, fn, ability="edit", **kw):
        registry.register(kind, f"测试任务{kind}", fn, ability, **kw)
        added.append(kind)

    yield add
    for kind in added:
        registry.unregister(kind)
