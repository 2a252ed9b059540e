# Press contacts are e-mailed at their own address (notifications.notify_address): the link to a
# notifications Recipient kept in step with each contact goes. The recipients stay (see 0003).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pressroom", "0003_press_records_from_outbox"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="presscontact",
            name="recipient",
        ),
    ]
