from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0006_deadlinechange"),
    ]

    operations = [
        migrations.CreateModel(
            name="IntegrityCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=60, unique=True, verbose_name="校验对象")),
                ("position", models.PositiveBigIntegerField(default=0, verbose_name="已校验至")),
                ("position_hash", models.CharField(blank=True, max_length=64, verbose_name="已校验处哈希")),
                ("sweep_position", models.PositiveBigIntegerField(default=0, verbose_name="复核至")),
                ("sweep_hash", models.CharField(blank=True, max_length=64, verbose_name="复核处哈希")),
                ("problems", models.JSONField(blank=True, default=list, verbose_name="发现的问题")),
                ("checked_at", models.DateTimeField(blank=True, null=True, verbose_name="校验时间")),
            ],
            options={
                "verbose_name": "完整性校验进度",
                "verbose_name_plural": "完整性校验进度",
            },
        ),
    ]
