"""/bao-chi/thong-cao/<slug>/rieng/<token>/: an outlet reads a release before its embargo, with a
banner; the link is never stored, indexed or sent on as a Referer; after the embargo it leads to
the public page."""

from __future__ import annotations

import datetime as dt

from pressroom.models import ReleaseStatus
from tests.factories import at
from tests.pressroom.public.conftest import EMBARGO, attach, page_of


def test_the_outlets_link_shows_the_release_before_its_embargo_with_a_banner(
    client, morning, make_release, outlets
):
    release = make_release(publish_at=EMBARGO)
    attachment = attach(release)
    outlet = outlets["active"]

    response = client.get(release.get_private_url(outlet))

    assert response.status_code == 200
    page = page_of(response)
    assert "Thông tin cấm đăng trước 08:00 ngày 5/8/2020 (giờ công bố)." in page
    assert "đường dẫn riêng của Báo Mẫu Cà Mau" in page
    assert "9.658" in page
    # Its files open through the same key.
    assert f'href="{attachment.get_absolute_url()}?khoa={outlet.token}"' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["Cache-Control"] == "no-store, private"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_wrong_or_retired_token_is_a_404(client, morning, make_release, outlets):
    release = make_release(publish_at=EMBARGO)
    good = release.get_private_url(outlets["active"])

    assert client.get(good.replace(outlets["active"].token, "khoa-sai")).status_code == 404
    assert client.get(good[:-2] + "x/").status_code == 404
    assert client.get(release.get_private_url(outlets["inactive"])).status_code == 404


def test_a_draft_or_withdrawn_release_is_a_404_through_the_private_link_too(
    client, morning, make_release, outlets
):
    draft = make_release(title="Bản nháp", status=ReleaseStatus.DRAFT)
    withdrawn = make_release(
        title="Đã gỡ", status=ReleaseStatus.WITHDRAWN, withdrawn_reason="Không dùng."
    )

    for release in (draft, withdrawn):
        assert client.get(release.get_private_url(outlets["active"])).status_code == 404


def test_after_the_embargo_the_link_leads_to_the_public_page(
    client, morning, make_release, outlets
):
    release = make_release(publish_at=EMBARGO)
    link = release.get_private_url(outlets["active"])
    assert client.get(link).status_code == 200  # read before: nothing of it is kept

    morning.move_to(EMBARGO + dt.timedelta(minutes=1), tick=False)
    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"] == release.get_absolute_url()
    assert "no-store" in response["Cache-Control"]
    public = page_of(client.get(response["Location"]))
    assert "cấm đăng" not in public and "Báo Mẫu Cà Mau" not in public


def test_a_wrong_token_is_a_404_after_the_embargo_too(client, morning, make_release, outlets):
    release = make_release(publish_at=at(2020, 8, 4, 8, 0))

    assert client.get(release.get_private_url(outlets["inactive"])).status_code == 404
