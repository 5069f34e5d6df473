"""Public comment limits are now shared by every module (``core.comment_*``, see ``fazhi.core.comments``):
carry over the values the office had set for decisions."""
from django.db import migrations

RENAMED = {"decisions.comment_min_length": "core.comment_min_length",
           "decisions.comment_max_length": "core.comment_max_length",
           "decisions.comment_rate_limit": "core.comment_rate_limit"}


def forwards(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    for old, new in RENAMED.items():
        row = RuleSetting.objects.filter(key=old).first()
        if row is not None and not RuleSetting.objects.filter(key=new).exists():
            row.key = new
            row.save(update_fields=["key"])
        RuleSetting.objects.filter(key=old).delete()


def backwards(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    for old, new in RENAMED.items():
        RuleSetting.objects.filter(key=new).update(key=old)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_plain_labels"),
        ("core", "0003_rulesetting"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
