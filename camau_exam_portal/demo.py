"""Demo accounts and the agency's demo details. Fictional contacts only (example.org, 0123 ...)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.models import SiteInfo
from exams.models import Exam, ExamSite, SiteMembership
from exams.roles import Role

DEMO_PASSWORD = "demo-camau-2020"  # noqa: S105 (demo data, only loaded when DEBUG is on)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str | None
    is_staff: bool = False
    is_superuser: bool = False
    site_code: str | None = None

    @property
    def first_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1]

    @property
    def last_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[0]


ACCOUNTS = [
    DemoAccount("quantri", "Quản trị Hệ thống", None, is_staff=True, is_superuser=True),
    DemoAccount("vanphong", "Cán bộ Văn phòng", Role.OFFICE, is_staff=True),
    DemoAccount("khaothi", "Cán bộ Khảo thí", Role.TESTING, is_staff=True),
    DemoAccount("banchidao", "Thành viên Ban Chỉ đạo", Role.STEERING),
    DemoAccount("diemthi-c01", "Trưởng Điểm thi C01", Role.SITE, site_code="C01"),
    DemoAccount("diemthi-c15", "Trưởng Điểm thi C15", Role.SITE, site_code="C15"),
]


def seed_site_info() -> None:
    info, _ = SiteInfo.objects.get_or_create(pk=1)
    demo = {
        "address": "Số 01, đường Bà Triệu, thành phố Cà Mau (dữ liệu mẫu)",
        "phone": "0123 456 789",
        "email": "vanphong@example.org",
        "responsible_person": "Nguyễn Văn Mẫu",
        "responsible_title": "Chánh Văn phòng Sở (dữ liệu mẫu)",
        "hotline_phone": "0123 456 780",
        "hotline_email": "duongdaynong@example.org",
        "hotline_hours": "7:00–21:00 hằng ngày, từ giữa tháng 7 đến khi công nhận tốt nghiệp",
    }
    changed = [field for field, value in demo.items() if getattr(info, field) != value]
    if changed:
        for field in changed:
            setattr(info, field, demo[field])
        info.save()


def seed_accounts(exam: Exam) -> list[DemoAccount]:
    """Create the demo accounts; a password is set only when an account is first created."""
    user_model = get_user_model()
    for account in ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
                "is_staff": account.is_staff,
                "is_superuser": account.is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if account.role:
            user.groups.add(Group.objects.get(name=account.role))
        if account.site_code:
            site = ExamSite.objects.get(exam=exam, code=account.site_code)
            SiteMembership.objects.get_or_create(site=site, user=user)
    return ACCOUNTS
