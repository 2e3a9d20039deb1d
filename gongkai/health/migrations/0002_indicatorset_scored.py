from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("health", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorset",
            name="scored",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="{指标: {max: 分值, target: 满分目标}}；未列出的用默认值（本地做法）",
                verbose_name="评分项分值和满分目标",
            ),
        ),
    ]
