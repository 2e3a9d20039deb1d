"""Attachments moved onto the shared file rule (gongkai.core.files.StoredFile, #9): rows made by
the old model keep their id, file, type, size and text, gain their content hash, and the public
download URL of the portal keeps serving them."""

import hashlib
import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

BEFORE = ("catalog", "0004_shared_serials")


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["项目", "一般公共预算收入"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor


@pytest.mark.django_db(transaction=True)
def test_old_attachment_rows_keep_their_download_after_the_migration(client, finance, column):
    from gongkai.catalog import actions
    from gongkai.catalog.models import Attachment
    from gongkai.core.actors import SYSTEM

    item = actions.publish_item_now(
        organisation=finance,
        title="2025年3月聊城市财政收支情况",
        body="<p>全市一般公共预算收入情况。</p>",
        entries=[column],
        actor=SYSTEM("migration test"),
    )
    data = _xlsx()
    leaf = [n for n in MigrationExecutor(connection).loader.graph.leaf_nodes() if n[0] == "catalog"]
    executor = _migrate([BEFORE])
    try:
        old_model = executor.loader.project_state([BEFORE]).apps.get_model("catalog", "Attachment")
        assert "sha256" not in {f.name for f in old_model._meta.fields}
        path = default_storage.save("attachments/2025/03/收支明细.xlsx", ContentFile(data))
        old = old_model.objects.create(
            item_id=item.pk,
            file=path,
            name="收支明细.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            size=len(data),
            text="项目 一般公共预算收入",
            sort_order=0,
        )
        missing = old_model.objects.create(
            item_id=item.pk, file="attachments/2025/03/gone.pdf", name="gone.pdf", sort_order=1
        )
    finally:
        _migrate(leaf)

    att = Attachment.objects.get(pk=old.pk)
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert (att.file.name, att.name, att.size) == (path, "收支明细.xlsx", len(data))
    assert att.content_type.endswith("spreadsheetml.sheet")
    assert att.text == "项目 一般公共预算收入"
    gone = Attachment.objects.get(pk=missing.pk)
    assert gone.sha256 == "" and gone.content_type == "application/pdf"

    response = client.get(reverse("portal:download", args=[item.pk, att.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert "filename*=utf-8''%E6%94%B6%E6%94%AF" in response["Content-Disposition"]
    assert client.get(reverse("portal:download", args=[item.pk, gone.pk])).status_code == 404
