"""Serving fixtures: one organisation with two columns (one nested) and published items, built
through the catalog's own actions so the catalog's signals reach the page cache."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.core.actors import SYSTEM

ACTOR = SYSTEM("serving tests")


def publish(org, title, entries):
    from gongkai.catalog import actions

    return actions.publish_item_now(
        organisation=org, title=title, body=f"<p>{title}</p>", entries=entries, actor=ACTOR
    )


@pytest.fixture
def catalog(orgs, org, django_capture_on_commit_callbacks):
    from gongkai.catalog import actions

    cz = org("聊城市", "市财政局")
    mz = org("聊城市", "市民政局")

    def entry(o, slug, name, parent=None):
        return actions.save_entry(
            organisation=o, actor=ACTOR, parent=parent, slug=slug, name=name, section="statutory"
        )

    budget = entry(cz, "srv-budget", "预算决算")
    monthly = entry(cz, "srv-monthly", "财政收支月报", parent=budget)
    other = entry(cz, "srv-other", "其他文件")
    mz_col = entry(mz, "srv-mz", "民政文件")
    with django_capture_on_commit_callbacks(execute=True):
        first = publish(cz, "二〇二四年一月财政收支情况", [monthly])
        policy = publish(cz, "关于规范财政资金管理的通知", [other])
        mz_item = publish(mz, "城乡低保标准调整的通知", [mz_col])
    return SimpleNamespace(
        cz=cz, mz=mz, budget=budget, monthly=monthly, other=other, mz_col=mz_col,
        first=first, policy=policy, mz_item=mz_item,
    )  # fmt: skip
