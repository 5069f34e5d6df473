from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("normative_docs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="normativedocument",
            name="written_on",
            field=models.DateField(blank=True, help_text="文件落款日期；可能早于公布日期", null=True, verbose_name="成文日期"),
        ),
        migrations.AddField(
            model_name="cleanupcampaign",
            name="issuer_scope",
            field=models.CharField(choices=[("all", "县政府及其部门、乡镇"), ("government", "仅县政府文件"), ("departments", "仅县政府部门、乡镇文件")], default="all", max_length=20, verbose_name="清理范围（制定机关）"),
        ),
        migrations.AddField(
            model_name="cleanupcampaign",
            name="published_from",
            field=models.DateField(blank=True, help_text="只清理在此日期及以后公布的文件；留空不限", null=True, verbose_name="公布日期起"),
        ),
        migrations.AddField(
            model_name="cleanupcampaign",
            name="published_to",
            field=models.DateField(blank=True, help_text="只清理在此日期及以前公布的文件；留空不限", null=True, verbose_name="公布日期止"),
        ),
        migrations.AddField(
            model_name="cleanupcampaign",
            name="revision_due",
            field=models.DateField(blank=True, help_text="清理意见为“修改/修订”的文件须在此日期前完成修改", null=True, verbose_name="修改/修订完成期限"),
        ),
        migrations.AddField(
            model_name="cleanupcampaign",
            name="unlisted_lapse",
            field=models.BooleanField(default=False, help_text="公布清理结果时，清理范围内未列入目录的有效文件宣布失效", verbose_name="未列入继续有效目录的文件一律失效"),
        ),
        migrations.AlterField(
            model_name="cleanupitem",
            name="outcome",
            field=models.CharField(blank=True, choices=[("keep", "继续有效"), ("amend", "修改/修订"), ("invalidate", "宣布失效"), ("repeal", "废止")], max_length=20, verbose_name="清理意见"),
        ),
    ]
