"""The portal's roles, as auth groups, and the permissions each app grants them.

Groups are created by a migration (exams 0002). Each app lists what its models grant a role in its
AppConfig's `role_permissions` (role name -> "app_label.codename" strings); after every migrate the
grants are added to the groups, so an app added later needs no migration of this one. Grants are only
added, never removed: what staff grant by hand in admin stays.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.models import AnonymousUser, Group, Permission


class Role:
    OFFICE = "Văn phòng Sở"
    TESTING = "Phòng Khảo thí"
    STEERING = "Ban Chỉ đạo"
    SITE = "Điểm thi"

    ALL = (OFFICE, TESTING, STEERING, SITE)
    # Roles whose members work in Django admin.
    STAFF = (OFFICE, TESTING)
    # Roles that see the steering dashboard.
    DASHBOARD = (STEERING, OFFICE, TESTING)


def has_role(user, *roles: str) -> bool:
    """True when the user is active and in one of the roles (superusers hold every role)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return any(role in names for role in roles)


def declared_grants() -> dict[str, set[str]]:
    grants: dict[str, set[str]] = {role: set() for role in Role.ALL}
    for config in global_apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            grants.setdefault(role, set()).update(perms)
    return grants


def sync_role_permissions(**_kwargs) -> None:
    """Add every declared grant to its group (post_migrate receiver; idempotent).

    post_migrate calls it once per installed app, and every flush of a transactional test emits
    post_migrate again: the permissions are read in one query, not one query per grant."""
    grants = declared_grants()
    codenames = {perm.split(".", 1)[1] for perms in grants.values() for perm in perms}
    # Lowest id last, so it wins, as `.first()` on one grant would choose.
    rows = Permission.objects.filter(codename__in=codenames).order_by("-pk")
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in rows.values_list("pk", "content_type__app_label", "codename")
    }
    for role, perms in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*(found[perm] for perm in sorted(perms) if perm in found))
