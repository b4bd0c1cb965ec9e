from django.db import migrations, models

HELP = "留空为全国适用；如 43（湖南省）、4302（株洲市）、4403（深圳市）"


def shenzhen_lists_to_shenzhen(apps, schema_editor):
    """Benchmarks and power lists loaded before CAT-01 had no area; those of 深圳 apply only in 深圳 (4403)."""
    for name in ("Benchmark", "PowerList"):
        model = apps.get_model("catalog", name)
        model.objects.filter(title__contains="深圳").update(area="4403")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_lists_and_plans"),
    ]

    operations = [
        migrations.AddField(
            model_name="benchmark",
            name="area",
            field=models.CharField(blank=True, default="", help_text=HELP, max_length=6,
                                   verbose_name="适用地域（行政区划代码）"),
        ),
        migrations.AddField(
            model_name="powerlist",
            name="area",
            field=models.CharField(blank=True, default="", help_text=HELP, max_length=6,
                                   verbose_name="适用地域（行政区划代码）"),
        ),
        migrations.RunPython(shenzhen_lists_to_shenzhen, migrations.RunPython.noop),
    ]
