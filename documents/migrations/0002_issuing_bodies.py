from django.db import migrations

BODIES = [
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Chính phủ", "CP"),
    ("UBND tỉnh Cà Mau", "UBND"),
    ("Ban Chỉ đạo thi tỉnh Cà Mau", "BCĐ"),
    ("Sở Giáo dục và Đào tạo Cà Mau", "SGDĐT"),
    ("Hội đồng thi tỉnh Cà Mau", "HĐT"),
]


def create(apps, schema_editor):
    IssuingBody = apps.get_model("documents", "IssuingBody")
    for order, (name, abbreviation) in enumerate(BODIES, start=1):
        IssuingBody.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "order": order}
        )


class Migration(migrations.Migration):
    """The issuing bodies of the plan's documents; staff add others in admin."""

    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
