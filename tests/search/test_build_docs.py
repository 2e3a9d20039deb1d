"""What a rebuild puts in an item's search document (read as plain values for speed, issue
#16): the names of its organisation and of every joint issuer with their aliases, the text of
its attachments, the titles of the policies an interpretation explains. A reader finds the item
by any of them after a rebuild."""

import pytest
from django.core.files.base import ContentFile

from gongkai.search import documents, indexing
from gongkai.search.query import SearchRequest

pytestmark = pytest.mark.django_db


def found(backend, q):
    return {h.item_id for h in backend.search(SearchRequest(q=q)).hits}


def test_joint_issuers_attachments_and_interpreted_policies_are_found(backend, make_item, org):
    from gongkai.catalog.models import Attachment
    from gongkai.orgs.models import OrgAlias

    education = org("聊城市", "市教育局")
    OrgAlias.objects.create(organisation=education, name="聊城教体局")
    joint = make_item("关于做好2024年学生资助工作的通知", "资助资金按时发放。")
    joint.issuers.set([education])
    for i, text in enumerate(["第一条 家庭经济困难学生认定办法", "第二条 国家助学金发放标准"]):
        att = Attachment(item=joint, name=f"办法{i}.docx", text=text, sort_order=i)
        att.file.save(f"a{i}.docx", ContentFile(b"x"), save=False)
        att.save()
    older = make_item("聊城市学生资助管理办法", "正文。")
    reading = make_item("《学生资助工作通知》政策解读", "解读正文。", kind="interpretation",
                        interpretation_form="text")  # fmt: skip
    reading.interprets.set([joint, older])

    doc = documents.build_docs([joint.pk])[joint.pk]
    assert doc.org_names.startswith(f"{joint.organisation.name} {joint.organisation.short_name}")
    assert "聊城教体局" in doc.org_names and education.name in doc.org_names
    assert doc.text.index("认定办法") < doc.text.index("发放标准")
    text = documents.build_docs([reading.pk])[reading.pk].text
    assert (
        "解读：关于做好2024年学生资助工作的通知" in text and "解读：聊城市学生资助管理办法" in text
    )

    indexing.rebuild(backend)
    assert joint.pk in found(backend, "聊城教体局")
    assert found(backend, "国家助学金发放标准") == {joint.pk}
    assert reading.pk in found(backend, "学生资助管理办法")


def test_only_public_items_have_a_document(make_item):
    from gongkai.catalog.models import Item

    public = make_item("公开的一条", "正文")
    draft = make_item("草稿一条", "正文", state=Item.STATE_DRAFT)
    assert set(documents.build_docs([public.pk, draft.pk])) == {public.pk}
    assert documents.build_docs([]) == {}
