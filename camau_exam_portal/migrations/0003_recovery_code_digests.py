"""Recovery codes stored before this release, in plain text, are kept as digests from now on.

A code the staff member wrote down keeps working: the log-in compares digests.
"""

import hashlib

from django.db import migrations


def recovery_code_digest(code: str) -> str:
    # As camau_exam_portal.twofactor.recovery_code_digest computed it when this was written
    # (a migration keeps its own copy: it must give the same result whatever the code becomes).
    normalized = "".join(char for char in code.lower() if char.isalnum())
    return hashlib.sha256(f"camau-recovery-code:{normalized}".encode()).hexdigest()[:16]


def digest_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        # A digest is 16 hex digits; django-otp's own codes were 8 base32 characters.
        if len(token.token) == 16 and all(char in "0123456789abcdef" for char in token.token):
            continue
        token.token = recovery_code_digest(token.token)
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("camau_exam_portal", "0002_securityevent"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(digest_plain_codes, migrations.RunPython.noop)]
