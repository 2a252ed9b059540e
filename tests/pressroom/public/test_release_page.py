"""/bao-chi/thong-cao/<slug>/: a public release, its corrections, files and contact; a withdrawn
one keeps its page with a notice; nothing before the embargo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from pressroom.models import ReleaseCorrection, ReleaseStatus, Spokesperson
from pressroom.services.releases import release_withdraw
from tests.factories import at
from tests.pressroom.public.conftest import EMBARGO, attach, page_of


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("bientap", is_staff=True)


def test_a_public_release_shows_number_time_body_files_and_contact(
    client, morning, make_release, spokesperson
):
    release = make_release(publish_at=at(2020, 8, 4, 8, 0))
    attachment = attach(release)

    response = client.get(release.get_absolute_url())

    assert response.status_code == 200
    page = page_of(response)
    assert "Thông cáo báo chí số 01/TCBC-SGDĐT" in page
    assert "<h1>Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020</h1>" in page
    assert "Công bố" in page and "ngày 4/8/2020 lúc 08:00" in page
    assert "<p>Toàn tỉnh có <strong>9.658</strong> thí sinh đăng ký dự thi.</p>" in page
    assert f'href="{attachment.get_absolute_url()}"' in page
    assert "?khoa=" not in page
    assert '<a href="tel:0123456789">0123 456 789</a>' in page
    assert 'name="robots"' not in page


def test_the_contact_is_the_releases_own_spokesperson_when_one_is_chosen(
    client, morning, make_release, spokesperson
):
    other = Spokesperson.objects.create(name="Lê Thị Đầu Mối", title="Phó Chánh Văn phòng")
    release = make_release(publish_at=at(2020, 8, 4, 8, 0), spokesperson=other)

    page = page_of(client.get(release.get_absolute_url()))

    assert "Lê Thị Đầu Mối" in page and "Trần Văn Phát Ngôn" not in page


def test_nothing_shows_before_the_embargo_and_the_page_opens_at_its_time_with_nobody_acting(
    client, morning, make_release
):
    release = make_release(publish_at=EMBARGO)

    assert client.get(release.get_absolute_url()).status_code == 404

    morning.move_to(EMBARGO - dt.timedelta(seconds=1), tick=False)
    assert client.get(release.get_absolute_url()).status_code == 404

    morning.move_to(EMBARGO, tick=False)
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert "9.658" in page_of(response)


def test_a_draft_is_a_404_whatever_its_time(client, morning, make_release):
    release = make_release(status=ReleaseStatus.DRAFT, publish_at=at(2020, 8, 1))

    assert client.get(release.get_absolute_url()).status_code == 404


def test_corrections_are_shown_with_their_time(client, morning, make_release):
    release = make_release(publish_at=at(2020, 8, 4, 8, 0))
    ReleaseCorrection.objects.create(
        release=release,
        note="Sửa số thí sinh từ 9.568 thành 9.658.",
        created_at=at(2020, 8, 4, 9, 30),
    )

    page = page_of(client.get(release.get_absolute_url()))

    assert "Đính chính lúc" in page
    assert "09:30 ngày 4/8/2020</time>: Sửa số thí sinh từ 9.568 thành 9.658." in page


def test_a_withdrawn_release_that_was_public_keeps_its_page_with_the_reason_and_no_text(
    client, morning, make_release, editor
):
    release = make_release(publish_at=at(2020, 8, 4, 8, 0))
    attachment = attach(release)
    release_withdraw(release=release, user=editor, reason="Số liệu chưa được Bộ xác nhận.")

    response = client.get(release.get_absolute_url())

    assert response.status_code == 200
    page = page_of(response)
    assert "Thông cáo này đã được gỡ." in page
    assert "Lý do: Số liệu chưa được Bộ xác nhận." in page
    assert "9.658" not in page and attachment.get_absolute_url() not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_a_release_withdrawn_before_its_embargo_ended_was_never_public_and_is_a_404(
    client, morning, make_release, editor
):
    release = make_release(publish_at=EMBARGO)
    release_withdraw(release=release, user=editor, reason="Kế hoạch thay đổi.")
    morning.move_to(EMBARGO + dt.timedelta(hours=1), tick=False)

    assert client.get(release.get_absolute_url()).status_code == 404


def test_a_withdrawn_draft_is_a_404(client, morning, make_release, editor):
    release = make_release(status=ReleaseStatus.DRAFT, publish_at=at(2020, 8, 1))
    release_withdraw(release=release, user=editor, reason="Không dùng.")

    assert client.get(release.get_absolute_url()).status_code == 404
