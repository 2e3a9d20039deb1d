"""Application attachments move from a database column to the file storage (StoredFile)."""

import hashlib

import django.utils.timezone
from django.core.files.base import ContentFile
from django.db import migrations, models

import gongkai.core.files


def to_storage(apps, schema_editor):
    Attachment = apps.get_model("applications", "Attachment")
    for att in Attachment.objects.all().iterator():
        data = bytes(att.data or b"")
        att.sha256 = hashlib.sha256(data).hexdigest()
        ext = att.name.rsplit(".", 1)[-1].lower() if "." in att.name else "bin"
        # the historical model has no UPLOAD_DIR: name the path as StoredFile's upload_to does
        when = att.uploaded_at or django.utils.timezone.now()
        att.file.save(
            f"application-files/{when:%Y/%m}/{att.sha256[:16]}.{ext}", ContentFile(data), save=False
        )
        att.save(update_fields=["file", "sha256"])


def to_column(apps, schema_editor):
    Attachment = apps.get_model("applications", "Attachment")
    for att in Attachment.objects.all().iterator():
        with att.file.open("rb") as fh:
            att.data = fh.read()
        att.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_shared_serials")]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                default="",
                max_length=300,
                upload_to=gongkai.core.files._upload_to,
                verbose_name="文件",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="attachment",
            name="sha256",
            field=models.CharField(
                blank=True, db_index=True, max_length=64, verbose_name="SHA-256"
            ),
        ),
        migrations.RunPython(to_storage, to_column),
        migrations.RemoveField(model_name="attachment", name="data"),
        migrations.AlterField(
            model_name="attachment",
            name="name",
            field=models.CharField(max_length=255, verbose_name="文件名"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="content_type",
            field=models.CharField(blank=True, max_length=120, verbose_name="文件类型"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="size",
            field=models.PositiveBigIntegerField(default=0, verbose_name="大小（字节）"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="text",
            field=models.TextField(blank=True, verbose_name="文本内容"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="uploaded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="上传时间"),
        ),
    ]
