from django.db import migrations

OLD = "示例标准：长治市场监管重大执法决定目录（自然人、个体户罚款1万元以上，单位10万元以上；停产停业、吊销；减轻处罚；疑难复杂）"
NEW = ("示例默认值（非任何机关发布的标准）：罚款公民1万元以上、法人或其他组织10万元以上；"
       "本局应按自己制定的重大执法决定事项目录修改并填写其名称和文号")


def replace_old_default(apps, schema_editor):
    """Bureaus that never set their own source still carried the 长治 example; they get the marked example."""
    apps.get_model("org", "Bureau").objects.filter(major_source=OLD).update(major_source=NEW)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0008_major_source_example"),
    ]

    operations = [
        migrations.RunPython(replace_old_default, migrations.RunPython.noop),
    ]
