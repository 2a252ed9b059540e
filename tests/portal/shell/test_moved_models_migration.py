"""An existing database keeps its agency details, audit and the Office's permissions when
SiteInfo and SecurityEvent move from the site shell to core and accounts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("camau_exam_portal", "0004_site_info_widget_partners"),
    ("core", None),
    ("accounts", None),
]
AFTER = [
    ("camau_exam_portal", "0005_models_moved_to_core_and_accounts"),
    ("core", "0001_initial"),
    ("accounts", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [target for target in targets if target[1] is not None] + [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    return executor.loader.project_state(nodes).apps


@pytest.mark.django_db(transaction=True)
def test_the_moved_models_keep_their_rows_and_the_office_keeps_its_permissions():
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    User = old.get_model("auth", "User")
    site_type = ContentType.objects.get_or_create(app_label="camau_exam_portal", model="siteinfo")[
        0
    ]
    change = Permission.objects.get_or_create(
        content_type=site_type, codename="change_siteinfo", defaults={"name": "Can change"}
    )[0]
    office = Group.objects.get_or_create(name="Văn phòng Sở")[0]
    office.permissions.remove(*office.permissions.filter(codename__endswith="_siteinfo"))
    office.permissions.add(change)
    old.get_model("camau_exam_portal", "SiteInfo").objects.update_or_create(
        pk=1, defaults={"address": "Số 01 (dữ liệu mẫu)"}
    )
    account = User.objects.create(username="vanphong-cu")
    old.get_model("camau_exam_portal", "SecurityEvent").objects.create(
        kind="totp_confirmed", account=account, account_username="vanphong-cu"
    )

    new = migrate(AFTER)

    assert new.get_model("core", "SiteInfo").objects.get(pk=1).address == "Số 01 (dữ liệu mẫu)"
    event = new.get_model("accounts", "SecurityEvent").objects.get()
    assert (event.kind, event.account_id) == ("totp_confirmed", account.pk)
    office_perms = new.get_model("auth", "Group").objects.get(name="Văn phòng Sở").permissions
    siteinfo_perms = office_perms.filter(codename__endswith="_siteinfo")
    assert set(siteinfo_perms.values_list("content_type__app_label", "codename")) == {
        ("core", "change_siteinfo")
    }
