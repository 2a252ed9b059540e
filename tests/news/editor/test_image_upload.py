"""The editor's image upload (news/uploads.py): who may upload, what is stored and under which name."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from PIL import Image

from tests.factories import image_bytes, stored_files
from tests.news.editor.conftest import UPLOAD_URL, as_upload

pytestmark = pytest.mark.django_db


def stored_image(settings, response) -> tuple[str, Image.Image]:
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL)
    path = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    image = Image.open(path)
    image.load()
    return url, image


# Who may upload


def test_office_staff_upload_an_image_and_get_its_url(post_image, personas, settings):
    response = post_image("anh.png", image_bytes("PNG", (640, 400)), as_user=personas["office"])

    assert response.status_code == 200
    url, image = stored_image(settings, response)
    month = timezone.localtime().strftime("%Y/%m")
    assert re.fullmatch(rf"/media/tin-tuc/noi-dung/{month}/[0-9a-f]{{32}}\.png", url)
    assert (image.format, image.size) == ("PNG", (640, 400))
    assert len(stored_files(settings)) == 1


@pytest.mark.parametrize("persona", ["anonymous", "testing", "steering", "site_a"])
def test_whoever_may_not_write_articles_is_refused_with_a_json_message(
    client, post_image, personas, settings, persona
):
    if personas[persona] is not None:
        client.force_login(personas[persona])

    response = post_image("anh.png", image_bytes())

    # A JSON answer, not a redirect to the log-in page: CKEditor shows the message to the user.
    assert response.status_code == 403
    assert "không có quyền tải ảnh" in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_staff_without_a_news_permission_is_refused(client, post_image, settings):
    clerk = get_user_model().objects.create_user("nhanvien", password="x", is_staff=True)

    response = post_image("anh.png", image_bytes(), as_user=clerk)

    assert response.status_code == 403
    assert stored_files(settings) == []


@pytest.mark.parametrize("codename", ["add_article", "change_article"])
def test_either_article_permission_is_enough(post_image, settings, codename):
    editor = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="news", codename=codename)
    )

    response = post_image("anh.png", image_bytes(), as_user=editor)

    assert response.status_code == 200


def test_the_permission_needs_a_staff_account(post_image, settings):
    not_staff = get_user_model().objects.create_user("congtacvien", password="x")
    not_staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="news", codename="add_article")
    )

    assert post_image("anh.png", image_bytes(), as_user=not_staff).status_code == 403


def test_only_post_is_accepted(client, personas):
    client.force_login(personas["office"])

    assert client.get(UPLOAD_URL).status_code == 405
    assert client.put(UPLOAD_URL).status_code == 405


def test_an_upload_without_the_csrf_token_is_refused(personas, settings):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas["office"])

    response = browser.post(UPLOAD_URL, {"upload": as_upload("anh.png", image_bytes())})

    assert response.status_code == 403
    assert stored_files(settings) == []


def test_an_upload_with_the_csrf_header_ckeditor_sends_is_accepted(personas, settings):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas["office"])
    # The article form sets the cookie; CKEditor's adapter copies it into X-CSRFToken.
    browser.get("/admin/news/article/add/")
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(
        UPLOAD_URL, {"upload": as_upload("anh.png", image_bytes())}, headers={"X-CSRFToken": token}
    )

    assert response.status_code == 200
    assert len(stored_files(settings)) == 1


def test_a_post_without_a_file_is_answered_in_vietnamese(client, personas, settings):
    client.force_login(personas["office"])

    response = client.post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert "Không nhận được tệp ảnh" in response.json()["error"]["message"]


# What is stored


@pytest.mark.parametrize(
    ("fmt", "sent_as", "extension"),
    [
        ("JPEG", "anh.png", "jpg"),
        ("PNG", "anh.jpg", "png"),
        ("GIF", "anh.webp", "gif"),
        ("WEBP", "anh.gif", "webp"),
    ],
)
def test_the_extension_comes_from_the_detected_format_not_the_file_name(
    post_image, personas, settings, fmt, sent_as, extension
):
    response = post_image(sent_as, image_bytes(fmt, (120, 80)), as_user=personas["office"])

    assert response.status_code == 200
    url, image = stored_image(settings, response)
    assert url.endswith(f".{extension}")
    assert image.format == fmt
    assert image.size == (120, 80)


def test_the_uploaders_file_name_is_never_used(post_image, personas, settings):
    response = post_image(
        "../../Lịch thi chính thức.php.png", image_bytes(), as_user=personas["office"]
    )

    assert response.status_code == 200
    (path,) = stored_files(settings)
    assert path.is_relative_to(settings.MEDIA_ROOT / "tin-tuc" / "noi-dung")
    assert "php" not in path.name and "thi" not in path.name


def test_bytes_after_the_image_data_are_not_stored(post_image, personas, settings):
    payload = b"<?php system($_GET['c']); ?><script>alert(1)</script>"

    response = post_image("anh.png", image_bytes() + payload, as_user=personas["office"])

    assert response.status_code == 200
    (path,) = stored_files(settings)
    stored = path.read_bytes()
    assert b"<?php" not in stored and b"<script" not in stored


def test_photo_metadata_such_as_gps_position_is_dropped(post_image, personas, settings):
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của phóng viên"  # Make
    exif[0x8825] = {1: "N", 2: (9.0, 10.0, 30.0), 3: "E", 4: (105.0, 9.0, 0.0)}  # GPS
    photo = image_bytes("JPEG", (200, 150), exif=exif.tobytes())

    response = post_image("anh.jpg", photo, as_user=personas["office"])

    _url, image = stored_image(settings, response)
    assert not image.getexif()
    assert b"Exif" not in (settings.MEDIA_ROOT / _url.removeprefix("/media/")).read_bytes()


def test_a_sideways_phone_photo_is_stored_upright(post_image, personas, settings):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    photo = image_bytes("JPEG", (300, 200), exif=exif.tobytes())

    response = post_image("anh.jpg", photo, as_user=personas["office"])

    _url, image = stored_image(settings, response)
    assert image.size == (200, 300)


def test_a_phone_photo_with_a_second_picture_mpo_is_stored_as_a_plain_jpeg(
    post_image, personas, settings
):
    main, preview = Image.new("RGB", (400, 300), "navy"), Image.new("RGB", (160, 120), "gray")
    out = io.BytesIO()
    main.save(out, format="MPO", save_all=True, append_images=[preview])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"

    response = post_image("IMG_0001.JPG", out.getvalue(), as_user=personas["office"])

    url, image = stored_image(settings, response)
    assert url.endswith(".jpg")
    assert (image.format, image.size) == ("JPEG", (400, 300))


def test_an_animated_gif_stays_animated(post_image, personas, settings):
    frames = [Image.new("RGB", (40, 30), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)

    response = post_image("anh.gif", out.getvalue(), as_user=personas["office"])

    _url, image = stored_image(settings, response)
    assert image.n_frames == 3


# What is refused, with nothing stored


def _svg() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
    )


def _png_header_and_garbage() -> bytes:
    return image_bytes()[:33] + os.urandom(2048)  # signature and IHDR intact, then noise


def _truncated_png() -> bytes:
    data = image_bytes("PNG", (300, 300), mode="RGB")
    return data[: len(data) // 2]


def _jpeg_header_and_garbage() -> bytes:
    return image_bytes("JPEG", (300, 300))[:600] + os.urandom(4096)


def _too_big_file() -> bytes:
    # A real, valid PNG of noise, just over 5 MB.
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    out = io.BytesIO()
    noise.save(out, format="PNG", compress_level=1)
    assert out.tell() > 5 * 1024 * 1024
    return out.getvalue()


REFUSED = {
    "svg": ("anh.svg", _svg, "image/svg+xml", "không phải là ảnh hợp lệ"),
    "svg-renamed-png": ("anh.png", _svg, "image/png", "không phải là ảnh hợp lệ"),
    "html-renamed-png": (
        "anh.png",
        lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "image/png",
        "không phải là ảnh hợp lệ",
    ),
    "php": (
        "shell.php",
        lambda: b"<?php echo shell_exec($_GET['c']); ?>",
        "application/x-php",
        "không phải là ảnh hợp lệ",
    ),
    "php-renamed-jpg": (
        "anh.jpg",
        lambda: b"<?php phpinfo(); ?>",
        "image/jpeg",
        "không phải là ảnh hợp lệ",
    ),
    "empty": ("anh.png", lambda: b"", "image/png", "Tệp rỗng"),
    "too-big": ("anh.png", _too_big_file, "image/png", "tối đa 5 MB"),
    "png-polyglot": ("anh.png", _png_header_and_garbage, "image/png", "không phải là ảnh hợp lệ"),
    "truncated-png": ("anh.png", _truncated_png, "image/png", "không phải là ảnh hợp lệ"),
    "jpeg-polyglot": (
        "anh.jpg",
        _jpeg_header_and_garbage,
        "image/jpeg",
        "không phải là ảnh hợp lệ",
    ),
    "bmp": (
        "anh.bmp",
        lambda: image_bytes("BMP"),
        "image/bmp",
        "Định dạng ảnh BMP không được nhận",
    ),
    "tiff-renamed-png": ("anh.png", lambda: image_bytes("TIFF"), "image/png", "Định dạng ảnh TIFF"),
    "too-wide": (
        "anh.png",
        lambda: image_bytes("PNG", (8001, 10)),
        "image/png",
        "tối đa 8.000 điểm ảnh",
    ),
    # 81 million pixels in a few kilobytes: under Pillow's own warning threshold, over ours.
    "bomb-under-pillow-limit": (
        "anh.png",
        lambda: image_bytes("PNG", (9000, 9000), mode="1"),
        "image/png",
        "tối đa 8.000 điểm ảnh",
    ),
    # 400 million pixels: Pillow itself refuses to open it.
    "bomb-over-pillow-limit": (
        "anh.png",
        lambda: image_bytes("PNG", (20000, 20000), mode="1"),
        "image/png",
        "tối đa 8.000 điểm ảnh",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_is_not_a_safe_image_is_refused_and_nothing_is_stored(
    post_image, personas, settings, case
):
    name, make, content_type, expected = REFUSED[case]

    response = post_image(name, make(), content_type, as_user=personas["office"])

    assert response.status_code == 400
    assert expected in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_a_long_animation_counts_every_frame_against_the_pixel_budget(
    post_image, personas, settings
):
    # 8 frames of 2,900 x 2,900 pixels: each frame is allowed, all of them decoded are not.
    frames = [Image.new("P", (2900, 2900), color) for color in range(8)]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])

    response = post_image("anh.gif", out.getvalue(), as_user=personas["office"])

    assert response.status_code == 400
    assert stored_files(settings) == []
