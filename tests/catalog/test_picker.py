"""The item form's pickers (#18.10): organisations grouped by city → level with the person's own
organisations first, columns grouped by the catalog tree, checkbox lists instead of Ctrl-click
multi-selects, interpretation-only fields marked, attachments on the create form."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from gongkai.catalog.forms import ItemForm
from gongkai.catalog.models import Attachment, Item
from gongkai.core import widgets
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def groups_in(html: str, tag: str) -> list[tuple[str, list[str]]]:
    """[(group label, [option values])] in page order, for <optgroup> or <fieldset> groups."""
    if tag == "optgroup":
        pattern = r'<optgroup label="([^"]*)">(.*?)</optgroup>'
    else:
        pattern = r'<fieldset class="picker-group"[^>]*><legend>(.*?)</legend>(.*?)</fieldset>'
    return [
        (label, re.findall(r'value="(\d+)"', body))
        for label, body in re.findall(pattern, html, flags=re.S)
    ]


def form_for(user, **kw):
    from gongkai.accounts.permissions import org_ids_for

    return ItemForm(
        org_ids=org_ids_for(user, "edit"), own_ids=widgets.own_org_ids(user), creating=True, **kw
    )


def test_issuers_own_organisation_first_then_city_then_each_county(staff, finance):
    form = form_for(staff["lc-editor"])
    html = str(form["issuers"])
    groups = groups_in(html, "fieldset")
    labels = [g[0] for g in groups]
    assert labels[0] == "本单位" and groups[0][1] == [str(finance.pk)]
    assert labels[1] == "聊城市 · 市政府及市直部门"
    county_groups = labels[2:]
    assert county_groups and all(lab.startswith("聊城市 · ") for lab in county_groups)
    # Every organisation of the city once, in its own county's group; none of 东营市.
    values = [v for _, vals in groups for v in vals]
    city = finance.city
    expected = set(Organisation.objects.filter(city=city).values_list("pk", flat=True)) | {city.pk}
    assert len(values) == len(set(values)) and {int(v) for v in values} == expected
    by_label = dict(groups)
    for county in Organisation.objects.filter(city=city, level="county"):
        members = {int(v) for v in by_label[f"聊城市 · {widgets.place_name(county.name)}"]}
        assert county.pk in members
        assert county.descendant_ids() == members
        assert not members & {int(v) for v in by_label["聊城市 · 市政府及市直部门"]}
    # The government comes first inside its group, and checkboxes replace the Ctrl multi-select.
    assert by_label["聊城市 · 市政府及市直部门"][0] == str(city.pk)
    assert 'type="checkbox"' in html and "<select" not in html


def test_organisation_select_groups_for_an_office_admin(staff, org):
    admin = staff["lc-admin"]
    form = form_for(admin)
    html = str(form["organisation"])
    groups = groups_in(html, "optgroup")
    own = [g for g in groups if g[0] == "本单位"]
    assert groups[0][0] == "本单位" and own[0][1] == [str(i) for i in widgets.own_org_ids(admin)]
    labels = [g[0] for g in groups]
    assert labels.index("聊城市 · 市政府及市直部门") < labels.index("聊城市 · 东昌府区")
    # The county's government office is with its county, not among the city's departments.
    county = Organisation.objects.get(name="东昌府区人民政府")
    office = Organisation.objects.get(parent=county, name__endswith="政府办公室")
    assert str(office.pk) in dict(groups)["聊城市 · 东昌府区"]
    assert str(office.pk) not in dict(groups)["聊城市 · 市政府及市直部门"]
    assert 'data-picker="select"' in html


def test_columns_grouped_by_the_catalog_tree(staff, finance, column):
    html = str(form_for(staff["lc-editor"])["entries"])
    groups = dict(groups_in(html, "fieldset"))
    statutory = groups["市财政局 · 法定主动公开内容"]
    # 一级 column first, then its 二级 and 三级 columns (财政预决算 › 财政收支月报).
    assert statutory[0] == str(column.parent.parent.pk)
    assert str(column.pk) in statutory
    assert "财政预决算 › 财政收支月报" in html
    assert f'data-org="{finance.pk}"' in html
    assert "Ctrl" not in html and "<select" not in html


def test_interpretation_fields_marked_and_shown_without_javascript(client, staff, make_item):
    make_item(title="聊城市最低生活保障办法", kind="normative")
    client.force_login(staff["lc-editor"])
    html = client.get(reverse("catalog:create")).content.decode()
    part = re.search(
        r'<fieldset class="form-section interp-only" data-kind="interpretation">(.*?)'
        r'<label for="id_body">',
        html,
        flags=re.S,
    )
    assert part is not None
    assert "仅政策解读填写" in part.group(1)
    for name in ("interprets", "interpretation_form", "video_url"):
        assert f'name="{name}"' in part.group(1)
    assert " hidden" not in part.group(0)[:80]  # hidden only by the script
    assert 'src="/static/gongkai/picker.js"' in html and "<script>" not in html


def xlsx(text: str) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["项目", text])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def posted(finance, column, **extra):
    data = {
        "organisation": finance.pk,
        "entries": [column.pk],
        "kind": "document",
        "title": "2026年10月财政收支情况",
        "doc_number": "聊财发〔2026〕10号",
        "attribute": "proactive",
        "body": "<p>全市一般公共预算收入情况。</p>",
    }
    data.update(extra)
    return data


def upload(name, data, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_create_with_attachments_stores_every_file(client, staff, finance, column):
    client.force_login(staff["lc-editor"])
    files = [upload("收支明细.xlsx", xlsx("一般公共预算收入")), upload("说明.xlsx", xlsx("说明"))]
    response = client.post(reverse("catalog:create"), posted(finance, column, files=files))
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/items/{item.pk}/")
    atts = list(item.attachments.all())
    assert [a.name for a in atts] == ["收支明细.xlsx", "说明.xlsx"]
    first = atts[0]
    assert first.sha256 and len(first.sha256) == 64 and "一般公共预算收入" in first.text
    assert first.content_type.endswith("spreadsheetml.sheet") and first.size > 0
    assert first.file.name.startswith("attachments/")
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert "收支明细.xlsx" in page and "附件 2 个已上传" in page


def test_bad_file_on_create_keeps_what_was_typed_and_stores_nothing(
    client, staff, finance, column, settings
):
    client.force_login(staff["lc-editor"])
    bad = upload("收支.pdf", b"MZ\x90\x00not a pdf")
    good = upload("收支明细.xlsx", xlsx("收入"))
    data = posted(finance, column, files=[good, bad], keywords="财政 收支")
    response = client.post(reverse("catalog:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“收支.pdf”" in html and "文件内容与扩展名" in html
    assert 'value="2026年10月财政收支情况"' in html and 'value="财政 收支"' in html
    assert re.search(rf'value="{column.pk}"[^>]*checked', html)
    assert "请重新选择要上传的附件" in html
    assert not Item.objects.exists() and not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    import pathlib

    stored = [p for p in pathlib.Path(media).rglob("*") if p.is_file()]
    assert stored == []
