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


POLICIES = [
    # (organisation, title, doc number, paragraphs)
    ("市政府办公室", "聊城市政府信息公开申请办理规定", "聊政办发〔2026〕5号",
     ["第一条 为规范政府信息公开申请的办理，制定本规定。", "第二条 能够当场答复的，应当当场答复。"]),
    ("市民政局", "聊城市临时救助实施细则", "聊民发〔2026〕3号",
     ["第一条 为做好临时救助工作，制定本细则。", "第二条 应当在10个工作日内完成审核。"]),
]  # fmt: skip


@pytest.fixture
def policies(orgs, org):
    """Two 行政规范性文件 of 聊城 published in the catalog (through the catalog's action)."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.catalog import actions, services
    from gongkai.catalog.models import CatalogEntry
    from gongkai.core.actors import SYSTEM

    out = []
    for short, title, number, paras in POLICIES:
        unit = org("聊城市", short)
        services.ensure_legal_structure(unit)
        out.append(
            actions.publish_item_now(
                organisation=unit,
                actor=SYSTEM("test"),
                title=title,
                body="".join(f"<p>{p}</p>" for p in paras),
                entries=[CatalogEntry.objects.get(organisation=unit, slug="normative")],
                published_at=timezone.make_aware(dt.datetime(2026, 3, 2, 10)),
                kind="normative",
                doc_number=number,
                signed_on=dt.date(2026, 2, 26),
                issuers=[unit],
                no_interpretation_reason="测试",
            )  # fmt: skip
        )
    return out


def make_issue(number: int, policies=(), *, changed: bool = False) -> bytes:
    """A whole-issue PDF of 聊城 2026年第<number>期 carrying ``policies`` and one notice."""
    import datetime as dt

    from gongkai.gazette.pdfgen import DemoArticle, issue_pdf

    arts = []
    for item in policies:
        paras = [p for p in item.body_text.splitlines() if p.strip()]
        if changed:
            paras = [p.replace("10个工作日", "7个工作日") for p in paras]
        arts.append(DemoArticle(item.title, item.doc_number, "部门文件", paras,
                                item.organisation.name, item.signed_on))  # fmt: skip
    arts.append(
        DemoArticle(
            f"聊城市人民政府关于做好2026年第{number}期重点工作的通知",
            f"聊政字〔2026〕{number}号",
            "市政府文件",
            ["各县（市、区）人民政府：现将有关事项通知如下。" * 8] * 3,
            "聊城市人民政府",
            dt.date(2026, number, 10),
        )  # fmt: skip
    )
    return issue_pdf(
        "聊城市人民政府公报", 2026, number, 100 + number, dt.date(2026, number, 20), arts
    )


@pytest.fixture
def gazette(orgs):
    from gongkai.core.actors import SYSTEM
    from gongkai.gazette import actions

    return actions.ensure_gazette(SYSTEM("test"), orgs["聊城市"])
