"""The queue carries (kind, id); nodes keep their own position in it; the simple backend's
document table."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RenameField("indexqueue", "item_id", "obj_id"),
        migrations.AlterField(
            "indexqueue", "obj_id", models.BigIntegerField(verbose_name="文档编号")
        ),
        migrations.AddField(
            "indexqueue",
            "kind",
            models.CharField(default="item", max_length=40, verbose_name="文档类型"),
        ),
        migrations.AlterModelOptions(
            name="indexqueue",
            options={
                "ordering": ["pk"],
                "verbose_name": "检索变更记录",
                "verbose_name_plural": "检索变更记录",
            },
        ),
        migrations.CreateModel(
            name="Node",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="节点")),
                ("backend", models.CharField(max_length=20, verbose_name="检索后端")),
                ("position", models.BigIntegerField(default=0, verbose_name="已应用到")),
                ("applied", models.JSONField(blank=True, default=list, verbose_name="其后已应用")),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="最近同步")),
            ],
            options={"verbose_name": "检索节点", "verbose_name_plural": "检索节点"},
        ),
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("obj_id", models.BigIntegerField()),
                ("body", models.TextField()),
                ("title_norm", models.TextField()),
                ("title", models.TextField()),
                ("text", models.TextField()),
                ("url", models.CharField(default="", max_length=500)),
                ("org_id", models.BigIntegerField(null=True)),
                ("org_label", models.CharField(default="", max_length=200)),
                ("doc_number", models.CharField(default="", max_length=200)),
                ("doc_key", models.CharField(db_index=True, default="", max_length=200)),
                ("year", models.IntegerField(null=True)),
                ("genre", models.CharField(default="", max_length=60)),
                ("category", models.CharField(default="", max_length=40)),
                ("validity", models.CharField(default="valid", max_length=20)),
                ("published", models.DateTimeField(null=True)),
            ],
            options={
                "verbose_name": "检索文档",
                "verbose_name_plural": "检索文档",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "obj_id"), name="search_doc_key")
                ],
            },
        ),
    ]
