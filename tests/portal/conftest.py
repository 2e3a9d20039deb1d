"""Portal fixtures: a small published catalog built straight with the ORM, its own media and
search-index folders, and the search index rebuilt from it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.core.actors import SYSTEM


def aware(y, m, d, h=9):
    return timezone.make_aware(dt.datetime(y, m, d, h))


@pytest.fixture
def reindex():
    """Rebuild the search index from the catalog tables (what `gongkai search rebuild` does)."""

    def run():
        from gongkai.search import indexing

        indexing.rebuild()

    return run


FIXTURES = SYSTEM("portal fixtures")


class Maker:
    """Builds the portal's catalog through the catalog's own actions (columns with
    ``save_entry``, items with ``publish_item_now`` / ``create_item`` / ``withdraw``), so index
    numbers, versions, the audit log and the sanitised body are the real ones. Attachments of
    the fixtures are CSV files, which the upload rule does not accept from people; they are
    written straight to the attachment table after the item exists."""

    def __init__(self, org):
        self.org = org
        self.n = 0

    def entry(self, organisation, slug, name, section="statutory", parent=None, **kw):
        from gongkai.catalog import actions

        return actions.save_entry(
            organisation=organisation,
            actor=FIXTURES,
            parent=parent,
            slug=slug,
            name=name,
            section=section,
            **kw,
        )

    def item(self, organisation, title, *, entries=(), issuers=(), attachments=(), **fields):
        from gongkai.catalog import actions
        from gongkai.catalog.models import Attachment, Item

        self.n += 1
        state = fields.pop("state", Item.STATE_PUBLISHED)
        fields.setdefault("attribute", Item.ATTR_PROACTIVE)
        if fields["attribute"] == Item.ATTR_ON_REQUEST:
            fields.setdefault("attribute_reason", "not_proactive_scope")
        published_at = fields.pop("published_at", aware(2024, 1, 1) + dt.timedelta(days=self.n))
        withdrawn_reason = fields.pop("withdrawn_reason", "")
        body_text = fields.pop("body_text", None) or title
        body = fields.pop("body", f"<p>{body_text}</p>")
        if issuers:
            fields["issuers"] = list(issuers)
        if state == Item.STATE_DRAFT:
            item = actions.create_item(
                organisation=organisation,
                actor=FIXTURES,
                title=title,
                body=body,
                entries=list(entries),
                **fields,
            )
        else:
            item = actions.publish_item_now(
                organisation=organisation,
                title=title,
                body=body,
                entries=list(entries),
                actor=FIXTURES,
                published_at=published_at,
                reason="门户测试数据",
                **fields,
            )
        for name, data in attachments:
            att = Attachment(item=item, name=name, size=len(data), content_type="text/csv")
            att.file.save(f"file{self.n}.csv", ContentFile(data), save=False)
            att.save()
        if state == Item.STATE_WITHDRAWN:
            item = actions.withdraw(item, actor=FIXTURES, reason=withdrawn_reason or "测试撤回")
        return Item.objects.get(pk=item.pk)


@pytest.fixture
def make(orgs, org):
    return Maker(org)


@pytest.fixture
def site(orgs, org, make, reindex):
    """A published catalog: 聊城市财政局 with a legal tree, policies (one repealed and replaced),
    an interpretation, a monthly report with an attachment, a withdrawn item, a draft, an
    依申请公开 item; 市民政局 and 东营市财政局 with one item each. Not yet in the search index:
    tests that search use ``indexed``."""
    from gongkai.catalog.models import Item

    cz = org("聊城市", "市财政局")
    mz = org("聊城市", "市民政局")
    dy = org("东营市", "市财政局")
    lc_gov = orgs["聊城市"]
    cz.functions = "负责全市财政收支管理、预算编制和执行。"
    cz.save()

    guide = make.entry(cz, "guide", "政府信息公开指南", section="guide")
    system = make.entry(cz, "system", "政府信息公开制度", section="system")
    statutory = make.entry(cz, "statutory", "法定主动公开内容")
    normative = make.entry(cz, "normative", "规章和行政规范性文件", parent=statutory)
    czyjs = make.entry(cz, "czyjs", "财政预决算", parent=statutory)
    czsz = make.entry(
        cz,
        "czsz",
        "财政收支月报",
        parent=czyjs,
        kind="dynamic",
        content="全市财政收支情况",
        time_limit="每月",
    )
    report = make.entry(cz, "annual-report", "政府信息公开年报", section="annual_report")
    mz_stat = make.entry(mz, "statutory", "法定主动公开内容")
    mz_assist = make.entry(mz, "assistance", "社会救助", parent=mz_stat)

    new_policy = make.item(
        cz,
        "聊城市城乡最低生活保障标准实施办法",
        entries=[normative],
        issuers=[cz, mz],
        kind="normative",
        doc_number="聊财发〔2023〕7号",
        genre="办法",
        theme="社会保障",
        keywords="低保 标准",
        signed_on=dt.date(2023, 4, 20),
        published_at=aware(2023, 4, 25),
        body_text="为保障困难群众基本生活，现将城乡低保标准调整如下。城市低保标准每人每月800元。",
        attachments=[("低保标准表.csv", "地区,标准\n城市,800\n".encode())],
    )
    old_policy = make.item(
        cz,
        "聊城市城乡低保标准调整办法",
        entries=[normative],
        issuers=[cz],
        kind="normative",
        doc_number="聊财发〔2019〕3号",
        genre="办法",
        theme="社会保障",
        signed_on=dt.date(2019, 3, 1),
        published_at=aware(2019, 3, 5),
        validity="repealed",
        validity_changed_on=dt.date(2023, 4, 25),
        replaced_by=new_policy,
        body_text="2019年城乡低保标准调整。城市低保标准每人每月650元。",
    )
    notice = make.item(
        lc_gov,
        "聊城市人民政府办公室关于印发2017年聊城市政务公开工作要点的通知",
        entries=[],
        issuers=[lc_gov],
        kind="policy",
        doc_number="聊政办发〔2017〕9号",
        genre="通知",
        theme="政务公开",
        signed_on=dt.date(2017, 5, 27),
        published_at=aware(2017, 5, 31),
        body_text="各县（市、区）人民政府，市政府各部门：现将2017年聊城市政务公开工作要点印发给你们。",
    )
    interpretation = make.item(
        cz,
        "《聊城市城乡最低生活保障标准实施办法》政策解读",
        kind="interpretation",
        interpretation_form="text",
        published_at=aware(2023, 4, 26),
        body_text="一、制定背景。为落实低保政策，保障困难群众基本生活。",
    )
    interpretation.interprets.set([new_policy])
    monthly = make.item(
        cz,
        "2026年10月财政收支情况",
        entries=[czsz],
        kind="document",
        genre="报告",
        theme="财政",
        published_at=aware(2026, 11, 10),
        body_text="10月全市一般公共预算收入完成20亿元。",
        attachments=[("2026年10月财政收支表.csv", "项目,金额\n收入,20\n".encode())],
    )
    annual = make.item(
        cz,
        "聊城市财政局2025年政府信息公开工作年度报告",
        entries=[report],
        kind="document",
        genre="报告",
        published_at=aware(2026, 1, 20),
    )
    rules = make.item(
        cz, "聊城市财政局政府信息公开保密审查制度", entries=[system], published_at=aware(2020, 6, 1)
    )
    withdrawn = make.item(
        cz,
        "已撤回的财政公告",
        entries=[czsz],
        state=Item.STATE_WITHDRAWN,
        withdrawn_reason="内部原因",
        attachments=[("撤回附件.csv", b"a,b\n")],
    )
    draft = make.item(cz, "尚未发布的财政草稿", entries=[czsz], state=Item.STATE_DRAFT)
    on_request = make.item(
        cz,
        "依申请公开的内部统计",
        entries=[czsz],
        attribute=Item.ATTR_ON_REQUEST,
    )
    mz_item = make.item(
        mz,
        "2026年第三季度社会救助资金发放情况",
        entries=[mz_assist],
        kind="document",
        genre="公告",
        theme="社会保障",
        published_at=aware(2026, 10, 15),
        body_text="第三季度发放低保金共计1200万元。",
    )
    dy_item = make.item(
        dy,
        "东营市2026年10月财政收支情况",
        kind="document",
        genre="报告",
        theme="财政",
        published_at=aware(2026, 11, 12),
        body_text="东营市10月一般公共预算收入完成15亿元。",
    )
    return SimpleNamespace(
        cz=cz,
        mz=mz,
        dy=dy,
        lc_gov=lc_gov,
        guide=guide,
        system=system,
        statutory=statutory,
        normative=normative,
        czyjs=czyjs,
        czsz=czsz,
        report=report,
        new_policy=new_policy,
        old_policy=old_policy,
        notice=notice,
        interpretation=interpretation,
        monthly=monthly,
        annual=annual,
        rules=rules,
        withdrawn=withdrawn,
        draft=draft,
        on_request=on_request,
        mz_item=mz_item,
        dy_item=dy_item,
    )


@pytest.fixture
def indexed(site, reindex):
    """``site`` with the search index built from it."""
    reindex()
    return site
