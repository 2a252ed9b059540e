from django.db import migrations

CATEGORIES = [
    ("Chỉ đạo, điều hành", "chi-dao-dieu-hanh"),
    ("Hoạt động Ban Chỉ đạo", "hoat-dong-ban-chi-dao"),
    ("Công tác chuẩn bị", "cong-tac-chuan-bi"),
    ("Ôn thi và kinh nghiệm làm bài", "on-thi-va-kinh-nghiem-lam-bai"),
    ("Tình hình các buổi thi", "tinh-hinh-cac-buoi-thi"),
    ("Kết quả thi", "ket-qua-thi"),
    ("Thông báo", "thong-bao"),
]
DESCRIPTIONS = {
    "cong-tac-chuan-bi": "Chuẩn bị của các địa phương, trường THPT và điểm thi.",
}


def create(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for order, (name, slug) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "description": DESCRIPTIONS.get(slug, "")}
        )


class Migration(migrations.Migration):
    """The column's categories (issue: News column); staff may rename or add more in admin."""

    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
