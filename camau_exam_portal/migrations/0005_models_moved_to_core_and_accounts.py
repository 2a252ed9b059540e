# SiteInfo went to core and SecurityEvent to accounts, keeping their tables (see those apps'
# 0001). Here the shell forgets them, and their content types follow them, so that the Office's
# permissions on SiteInfo and admin's log entries stay attached on an existing database.

from django.db import migrations

MOVED = [("siteinfo", "core"), ("securityevent", "accounts")]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model, app_label in MOVED:
        if not types.filter(app_label=app_label, model=model).exists():
            types.filter(app_label="camau_exam_portal", model=model).update(app_label=app_label)


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model, app_label in MOVED:
        if not types.filter(app_label="camau_exam_portal", model=model).exists():
            types.filter(app_label=app_label, model=model).update(app_label="camau_exam_portal")


class Migration(migrations.Migration):

    dependencies = [
        ('camau_exam_portal', '0004_site_info_widget_partners'),
        ('core', '0001_initial'),
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SiteInfo'),
                migrations.DeleteModel(name='SecurityEvent'),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types, elidable=True),
    ]
