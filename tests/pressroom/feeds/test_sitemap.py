"""Press releases and briefings in /sitemap.xml: public ones only, with their last change."""

import datetime as dt

import time_machine
from django.utils import timezone

from pressroom.models import BriefingStatus
from pressroom.services.releases import release_save
from tests.pressroom.feeds.conftest import sitemap_entries


def lastmod(item) -> str:
    return timezone.localdate(item.updated_at).isoformat()


def test_the_sitemap_lists_published_releases_with_their_last_change(
    client, make_release, hidden_releases, django_user_model
):
    release = make_release("Thông cáo về lịch thi")
    corrected = make_release("Thông cáo về điểm thi")
    editor = django_user_model.objects.create_user("vanphong", email="vanphong@example.org")
    next_week = timezone.now() + dt.timedelta(days=7)
    with time_machine.travel(next_week, tick=False):
        corrected.summary = "Tóm tắt đã đính chính."
        release_save(release=corrected, user=editor, change_note="Sửa số thí sinh.")

    entries = sitemap_entries(client)

    assert entries[f"http://testserver{release.get_absolute_url()}"] == lastmod(release)
    # Search engines are told to read the corrected release again.
    assert entries[f"http://testserver{corrected.get_absolute_url()}"] == (
        timezone.localdate(next_week).isoformat()
    )
    for hidden in hidden_releases.values():
        assert f"http://testserver{hidden.get_absolute_url()}" not in entries


def test_the_sitemap_lists_announced_briefings_only(client, make_briefing):
    invited = make_briefing("Họp báo trước Kỳ thi", status=BriefingStatus.INVITED)
    held = make_briefing("Họp báo sau Kỳ thi", status=BriefingStatus.HELD)
    cancelled = make_briefing("Họp báo bị hủy", status=BriefingStatus.CANCELLED)
    planned = make_briefing("Họp báo dự kiến", status=BriefingStatus.PLANNED)

    entries = sitemap_entries(client)

    for briefing in (invited, held, cancelled):
        assert entries[f"http://testserver{briefing.get_absolute_url()}"] == lastmod(briefing)
    assert f"http://testserver{planned.get_absolute_url()}" not in entries
    assert "http://testserver/bao-chi/" in entries
