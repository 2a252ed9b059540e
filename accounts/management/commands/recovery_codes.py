"""Issue a new set of recovery codes to an account, from the server's shell.

    manage.py recovery_codes <username>

For when nobody who could help can log in any more (every superuser lost their phone and codes):
the codes are printed once, any earlier ones stop working, and the security audit records it with
no person (a command). django-otp's own `addstatictoken` must not be used: it stores the code in
plain text, which the log-in no longer accepts.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import recovery_codes_replace


class Command(BaseCommand):
    help = "Cấp bộ mã khôi phục mới cho một tài khoản (các mã cũ hết hiệu lực) và in ra một lần."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        codes = recovery_codes_replace(user=user, actor=None)
        self.stdout.write(f"Mã khôi phục mới của {username} (mỗi mã dùng một lần):")
        for code in codes:
            self.stdout.write(f"  {code}")
