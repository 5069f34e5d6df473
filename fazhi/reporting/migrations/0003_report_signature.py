from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_report_public_copies'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='signed_on',
            field=models.DateField(blank=True, help_text='落款的成文日期；未填写时导出的文本留空待填', null=True,
                                   verbose_name='成文日期'),
        ),
        migrations.AddField(
            model_name='report',
            name='signing_organ',
            field=models.CharField(blank=True, help_text='落款的发文机关署名；未填写时使用报告单位的名称', max_length=100,
                                   verbose_name='落款机关'),
        ),
    ]
