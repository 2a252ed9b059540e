# SecurityEvent moved here from the site shell (camau_exam_portal). Its table stays where the
# shell's migrations made it: only Django's idea of the model moves, no row is copied.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('camau_exam_portal', '0004_site_info_widget_partners'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SecurityEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('totp_confirmed', 'Thiết lập ứng dụng xác thực'), ('recovery_codes_issued', 'Cấp bộ mã khôi phục mới'), ('recovery_code_used', 'Đăng nhập bằng mã khôi phục'), ('totp_deleted', 'Xóa ứng dụng xác thực'), ('recovery_deleted', 'Xóa bộ mã khôi phục')], max_length=32, verbose_name='sự kiện')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='lúc')),
                        ('account_username', models.CharField(max_length=150, verbose_name='tên đăng nhập của tài khoản')),
                        ('actor_username', models.CharField(blank=True, max_length=150, verbose_name='tên đăng nhập người thực hiện')),
                        ('device_name', models.CharField(blank=True, max_length=64, verbose_name='tên thiết bị')),
                        ('account', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='security_events', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                    ],
                    options={
                        'verbose_name': 'sự kiện xác thực hai bước',
                        'verbose_name_plural': 'nhật ký xác thực hai bước',
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'camau_exam_portal_securityevent',
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['totp_confirmed', 'recovery_codes_issued', 'recovery_code_used', 'totp_deleted', 'recovery_deleted'])), name='security_event_kind_known')],
                    },
                ),
            ],
        ),
    ]
