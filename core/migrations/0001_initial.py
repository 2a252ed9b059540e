# SiteInfo moved here from the site shell (camau_exam_portal). Its table stays where the shell's
# migrations made it: only Django's idea of the model moves, no row is copied.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('camau_exam_portal', '0004_site_info_widget_partners'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SiteInfo',
        fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_name', models.CharField(default='Sở Giáo dục và Đào tạo tỉnh Cà Mau', max_length=200, verbose_name='tên cơ quan')),
                ('parent_agency', models.CharField(blank=True, default='Ủy ban nhân dân tỉnh Cà Mau', max_length=200, verbose_name='cơ quan chủ quản')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='địa chỉ')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='điện thoại')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử')),
                ('responsible_person', models.CharField(blank=True, max_length=200, verbose_name='người chịu trách nhiệm')),
                ('responsible_title', models.CharField(blank=True, max_length=200, verbose_name='chức vụ người chịu trách nhiệm')),
                ('hotline_phone', models.CharField(blank=True, max_length=50, verbose_name='điện thoại đường dây nóng')),
                ('hotline_email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử đường dây nóng')),
                ('hotline_hours', models.CharField(blank=True, max_length=200, verbose_name='giờ tiếp nhận')),
                ('widget_partner_origins', models.TextField(blank=True, help_text='Cổng thông tin được đặt khung tin mới nhất (/tin-tuc/widget/) trên trang của mình: mỗi dòng một địa chỉ gốc, ví dụ https://thpt.example.gov.vn. Các trang khác của cổng không trang nào được đặt vào khung.', verbose_name='trang đối tác được nhúng tin')),
            ],
                    options={
                        'verbose_name': 'thông tin cơ quan',
                        'verbose_name_plural': 'thông tin cơ quan',
                        'db_table': 'camau_exam_portal_siteinfo',
                    },
                ),
            ],
        ),
    ]
