import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



def add_triggers(apps, schema_editor):
    from gongkai.audit.db import create_triggers

    create_triggers(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from gongkai.audit.db import remove_triggers

    remove_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="时间")),
                ("actor_name", models.CharField(blank=True, max_length=150, verbose_name="操作人姓名")),
                ("object_id", models.CharField(db_index=True, max_length=64, verbose_name="对象编号")),
                ("object_repr", models.CharField(max_length=300, verbose_name="对象")),
                ("action", models.CharField(choices=[("create", "创建"), ("change", "修改"), ("transition", "状态变更"), ("delete", "删除"), ("grant", "授权"), ("revoke", "撤销授权"), ("login", "登录"), ("import", "导入"), ("other", "其他")], max_length=20, verbose_name="操作")),
                ("from_state", models.CharField(blank=True, max_length=40, verbose_name="原状态")),
                ("to_state", models.CharField(blank=True, max_length=40, verbose_name="新状态")),
                ("changes", models.JSONField(blank=True, default=dict, verbose_name="变更内容")),
                ("reason", models.TextField(blank=True, verbose_name="理由")),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="操作人")),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype", verbose_name="对象类型")),
            ],
            options={
                "verbose_name": "审计日志",
                "verbose_name_plural": "审计日志",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
