from django.db import migrations

ROLES = ["Văn phòng Sở", "Phòng Khảo thí", "Ban Chỉ đạo", "Điểm thi"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    """The portal's roles as groups; their permissions are granted after migrate (exams.roles)."""

    dependencies = [
        ("exams", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
