"""The audit trail becomes one chain per county plus a signed root (``fazhi.core.audit``).

Existing entries keep their numbers and hashes: they all stay on the installation's own chain ``""`` (their hashes
do not cover an empty chain key), each linked to the entry numbered one less, and the one existing head becomes that
chain's head. New writes with a unit go to their county's chain from now on. On PostgreSQL the entry numbers come
from a sequence (``core_auditentry_number``), so appends to different chains share no lock.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F

NUMBER_SEQUENCE = "core_auditentry_number"


def link_existing(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditEntry.objects.filter(seq__gt=0).update(prev_seq=F("seq") - 1)
    if schema_editor.connection.vendor == "postgresql":
        last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {NUMBER_SEQUENCE} START WITH {last + 1}")


def unlink(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {NUMBER_SEQUENCE}")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_runnerheartbeat_jobrun_message'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditRoot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='签名时间')),
                ('heads', models.JSONField(default=dict, verbose_name='各链链头')),
                ('mac', models.CharField(max_length=64, verbose_name='签名')),
            ],
            options={
                'verbose_name': '审计签名根',
                'verbose_name_plural': '审计签名根',
            },
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='key',
            field=models.CharField(default='', max_length=40, unique=True, verbose_name='审计链'),
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='label',
            field=models.CharField(blank=True, max_length=200, verbose_name='名称'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='chain',
            field=models.CharField(blank=True, default='', max_length=40, verbose_name='审计链'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='prev_seq',
            field=models.PositiveBigIntegerField(default=0, verbose_name='链上前一条序号'),
        ),
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(fields=['chain', 'seq'], name='core_auditentry_chain_seq'),
        ),
        migrations.RunPython(link_existing, unlink),
    ]
