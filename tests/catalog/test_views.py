"""Staff pages: what editors, reviewers and admins see and may do."""

import io

import pytest
from django.urls import reverse

from gongkai.catalog import actions
from gongkai.catalog.models import Attachment, Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_editor_of_another_organisation_cannot_see_drafts(login, make_item, staff):
    draft = make_item()
    c = login(staff["lc-mz-editor"])
    assert c.get(reverse("catalog:item", args=[draft.pk])).status_code == 404
    listing = c.get(reverse("catalog:items")).content.decode()
    assert draft.title not in listing
    c = login(staff["dy-editor"])  # the same bureau in the other city
    assert c.get(reverse("catalog:item", args=[draft.pk])).status_code == 404
    c = login(staff["lc-editor"])
    assert draft.title in c.get(reverse("catalog:items")).content.decode()


def test_create_with_bad_doc_number_shows_message_on_field(login, editor, finance, column):
    c = login(editor)
    response = c.post(
        reverse("catalog:create"),
        {
            "organisation": finance.pk,
            "entries": [column.pk],
            "kind": "document",
            "title": "2026年10月财政收支情况",
            "doc_number": "聊财发2026-10",
            "attribute": "not_public",
            "body": "<p>内容</p>",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "发文字号格式不正确" in html and "必须选择条例规定的理由" in html
    assert not Item.objects.exists()


def test_editor_drafts_submits_and_reviewer_publishes(login, editor, reviewer, finance, column):
    c = login(editor)
    response = c.post(
        reverse("catalog:create"),
        {
            "organisation": finance.pk,
            "entries": [column.pk],
            "kind": "document",
            "title": "2026年10月财政收支情况",
            "doc_number": "聊财发[2026]10号",
            "attribute": "proactive",
            "body": "<p onclick='x()'>收入增长<script>alert(1)</script></p>",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302 and item.doc_number == "聊财发〔2026〕10号"
    assert "script" not in item.body and "onclick" not in item.body
    c.post(reverse("catalog:action", args=[item.pk]), {"op": "submit"})
    item.refresh_from_db()
    assert item.state == "submitted"
    assert c.get(reverse("catalog:review", args=[item.pk])).status_code == 403
    c = login(reviewer)
    queue = c.get(reverse("catalog:queue")).content.decode()
    assert item.title in queue
    c.post(reverse("catalog:review", args=[item.pk]), {"decision": "approve"})
    item.refresh_from_db()
    assert item.state == "published" and item.index_no.startswith(finance.code + "/")


def test_exe_renamed_pdf_refused_and_nothing_stored(login, make_item, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_item()
    c = login(editor)
    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 2048)
    fake.name = "财政收支.pdf"
    response = c.post(
        reverse("catalog:action", args=[item.pk]), {"op": "upload", "file": fake}, follow=True
    )
    assert "文件内容与扩展名" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_too_large_file_refused(make_item, editor, settings, tmp_path):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    item = make_item()
    with pytest.raises(ValidationError) as exc:
        actions.add_attachment(
            item, actor=editor, name="a.pdf", data=b"%PDF-1.4" + b"0" * 2_000_000
        )
    assert "文件过大" in exc.value.message_dict["file"][0]


def test_corrupt_xlsx_refused_existing_attachment_kept(
    make_item, editor, settings, tmp_path, low_income_xlsx
):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    item = make_item()
    actions.add_attachment(item, actor=editor, name="名单.xlsx", data=low_income_xlsx)
    with pytest.raises(ValidationError) as exc:
        actions.add_attachment(item, actor=editor, name="坏.xlsx", data=b"PK\x03\x04garbage" * 10)
    assert "损坏" in exc.value.message_dict["file"][0]
    assert [a.name for a in item.attachments.all()] == ["名单.xlsx"]


def test_guard_finds_id_in_attachment_and_mask_fixes_it(
    login, make_item, editor, reviewer, settings, tmp_path, low_income_xlsx
):
    settings.MEDIA_ROOT = tmp_path
    item = make_item(title="2026年第三季度城乡低保名单公示")
    actions.add_attachment(item, actor=editor, name="低保名单.xlsx", data=low_income_xlsx)
    actions.submit(item, actor=editor)
    c = login(reviewer)
    page = c.get(reverse("catalog:review", args=[item.pk])).content.decode()
    assert "身份证号码" in page and "附件：低保名单.xlsx" in page
    response = c.post(reverse("catalog:review", args=[item.pk]), {"decision": "approve"})
    assert "隐私检查发现" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "submitted"
    c.post(reverse("catalog:action", args=[item.pk]), {"op": "mask", "next": "review"})
    assert actions.guard_findings(item) == []
    c.post(reverse("catalog:review", args=[item.pk]), {"decision": "approve"})
    item.refresh_from_db()
    assert item.state == "published"
    assert "**********" in item.attachments.get().text


def test_workbench_panels(make_item, editor, reviewer, staff):
    from gongkai.catalog.panels import catalog_panels

    def labels(user):
        return {p.title: [i.label for i in p.items] for p in catalog_panels(user)}

    draft = make_item(title="我的草稿一")
    waiting = actions.submit(make_item(title="等待审核的信息"), actor=editor)
    assert labels(editor)["我的草稿"] == [draft.title]
    assert labels(reviewer)["等待我审核的信息"] == [waiting.title]
    assert (
        "等待我审核的信息" not in labels(staff["lc-mz-reviewer"])
        or not labels(staff["lc-mz-reviewer"])["等待我审核的信息"]
    )


def test_validity_page_marks_repealed_with_replacement(login, make_item, editor, reviewer):
    old = actions.approve(actions.submit(make_item(title="旧办法"), actor=editor), actor=reviewer)
    new = actions.approve(actions.submit(make_item(title="新办法"), actor=editor), actor=reviewer)
    c = login(editor)
    c.post(
        reverse("catalog:validity", args=[old.pk]),
        {"validity": "repealed", "changed_on": "2026-11-01", "replaced_by": new.index_no},
    )
    old.refresh_from_db()
    assert old.validity == "repealed" and old.replaced_by == new
    page = c.get(reverse("catalog:preview", args=[old.pk])).content.decode()
    assert "本文件已于2026年11月1日废止，不再有效。" in page and "新办法" in page


def test_revision_diff_shown_to_reviewer(login, make_item, editor, reviewer):
    item = actions.approve(
        actions.submit(make_item(body="<p>第一段</p><p>收入100亿元</p>"), actor=editor),
        actor=reviewer,
    )
    c = login(editor)
    c.post(reverse("catalog:action", args=[item.pk]), {"op": "start_revision"})
    rev = actions.open_revision(item)
    actions.update_revision(rev, actor=editor, body="<p>第一段</p><p>收入101亿元</p>")
    c.post(reverse("catalog:action", args=[item.pk]), {"op": "submit_revision"})
    page = login(reviewer).get(reverse("catalog:review", args=[item.pk])).content.decode()
    assert "收入100亿元" in page and "收入101亿元" in page and 'class="removed"' in page


def test_review_page_marks_findings_in_the_body(login, make_item, editor, reviewer, valid_id):
    item = actions.submit(make_item(body=f"<p>户主 {valid_id} 家庭3人</p>"), actor=editor)
    page = login(reviewer).get(reverse("catalog:review", args=[item.pk])).content.decode()
    assert f'<mark class="finding-value" title="身份证号码">{valid_id}</mark>' in page


def test_item_list_filters_by_organisation(login, make_item, staff, org):
    from gongkai.catalog.services import ensure_legal_structure, entry

    mine = make_item(title="财政局的草稿")
    civil = org("聊城市", "市民政局")
    ensure_legal_structure(civil)
    other = actions.create_item(
        organisation=civil, actor=staff["lc-mz-editor"], title="民政局的草稿",
        entries=[entry(civil, "assistance")],
    )  # fmt: skip
    c = login(staff["lc-admin"])
    both = c.get(reverse("catalog:items")).content.decode()
    assert mine.title in both and other.title in both
    only = c.get(reverse("catalog:items") + f"?org={civil.pk}").content.decode()
    assert other.title in only and mine.title not in only


def test_review_page_shows_the_issuing_body(login, make_item, editor, reviewer, finance):
    """Issue #18.6: the review page showed 发文机关 "—" while the item had 聊城市财政局."""
    item = actions.submit(make_item(issuers=[finance]), actor=editor)
    page = login(reviewer).get(reverse("catalog:review", args=[item.pk])).content.decode()
    row = page.split("发文机关", 1)[1].split("</tr>", 1)[0]
    assert finance.name in row
