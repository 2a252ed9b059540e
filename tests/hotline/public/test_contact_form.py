"""The question/report form at /duong-day-nong/: what is stored, what is refused, what is shown."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import override_settings
from django.utils.html import escape

from hotline.models import Category, Priority, Ticket, TicketAttachment
from tests import factories
from tests.factories import pdf_bytes, png_bytes, private_files, upload
from tests.hotline.public.conftest import EXECUTABLE, HTML_PAGE, form_data
from tests.services import require_redis

URL = "/duong-day-nong/"
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">bấm vào đây</a>',
]


def post(client, data, ip="203.0.113.10"):
    return client.post(URL, data, REMOTE_ADDR=ip)


def page_of(response) -> str:
    return response.content.decode()


# --- the page --------------------------------------------------------------------------------------


def test_the_form_page_offers_every_category_and_the_current_exams_sites_and_sessions(client, exam):
    reserve = factories.ExamSiteFactory(
        exam=exam, code="C20", name="Điểm dự phòng", is_reserve=True
    )
    other_exam = factories.ExamFactory(year=2019, is_current=False)
    factories.ExamSiteFactory(exam=other_exam, code="C99", name="Điểm thi năm trước")
    factories.SessionFactory(round=factories.RoundFactory(exam=exam), title="Ngữ văn")

    response = client.get(URL)

    assert response.status_code == 200
    page = page_of(response)
    for label in Category.labels:
        assert str(label) in page
    assert str(reserve) in page
    assert "Điểm thi năm trước" not in page
    assert "Ngữ văn" in page
    assert 'enctype="multipart/form-data"' in page
    assert "có thể không ghi họ tên, số điện thoại, thư điện tử" in page
    # Help texts are tied to their fields for screen readers.
    assert 'aria-describedby="id_subject_helptext"' in page
    assert 'id="id_subject_helptext"' in page
    # The honeypot is hidden by a class (the CSP forbids inline styles), not by the field's type.
    assert re.search(r'<div class="hp-field">\s*<label for="id_trang_web">', page)
    assert "style=" not in page
    assert "no-store" in response["Cache-Control"]


# --- a submission that is stored ---------------------------------------------------------------------


def test_a_question_is_stored_and_the_submitter_is_sent_to_the_private_link_with_its_code(
    client, exam
):
    response = post(client, form_data())

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == ticket.get_follow_up_url()
    assert ticket.channel == "web"
    assert ticket.name == "Nguyễn Thị Hỏi" and ticket.email == "phuhuynh@example.org"

    follow_up = client.get(response["Location"])
    page = page_of(follow_up)
    assert ticket.code in page
    absolute = f"http://testserver{ticket.get_follow_up_url()}".replace("&", "&amp;")
    assert absolute in page  # the whole link, to copy and keep
    assert "Xin lưu lại đường dẫn" in page


def test_an_anonymous_report_of_wrongdoing_is_accepted_and_keeps_no_identifying_data(client, exam):
    from notifications.models import Message

    ip = "198.51.100.23"
    data = form_data(
        category=Category.VIOLATION,
        subject="Có người dùng điện thoại trong phòng thi",
        name="",
        phone="",
        email="",
    )

    response = post(client, data, ip=ip)

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.is_anonymous
    assert (ticket.name, ticket.phone, ticket.email) == ("", "", "")
    assert ticket.priority == Priority.HIGH
    # No IP address anywhere: not on the ticket, its history or what staff are sent.
    rows = [
        *Ticket.objects.values(),
        *Ticket.history.values(),
        *Message.objects.values("subject", "context"),
    ]
    assert rows and ip not in repr(rows)


def test_a_site_and_session_of_the_current_exam_are_kept_with_the_ticket(client, exam):
    site = factories.ExamSiteFactory(exam=exam, code="C05")
    session = factories.SessionFactory(round=factories.RoundFactory(exam=exam))

    response = post(client, form_data(category=Category.INCIDENT, site=site.pk, session=session.pk))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert (ticket.site, ticket.session) == (site, session)


def test_a_site_of_another_exam_is_refused(client, exam):
    other = factories.ExamSiteFactory(exam=factories.ExamFactory(year=2019, is_current=False))

    response = post(client, form_data(site=other.pk))

    assert response.status_code == 400
    assert "Xin chọn một điểm thi trong danh sách." in page_of(response)
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    "phone", ["0123 456 789", "+84 123 456 789", "(0123) 3000 000", "0123.456.789"]
)
def test_vietnamese_phone_numbers_as_people_write_them_are_accepted(client, exam, phone):
    assert post(client, form_data(phone=phone)).status_code == 302


@pytest.mark.parametrize("phone", ["123 456", "gọi tôi nhé", "0123 456 789 999 000 1", "09-12-abc"])
def test_a_phone_number_that_is_not_one_is_refused(client, exam, phone):
    response = post(client, form_data(phone=phone))

    assert response.status_code == 400
    assert "từ 8 đến 15 chữ số" in page_of(response)
    assert Ticket.objects.count() == 0


def test_an_address_longer_than_the_ticket_keeps_is_refused_not_an_error_page(client, exam):
    address = "a" * 64 + "@" + ".".join(["b" * 50] * 4) + ".vn"  # valid, 271 characters
    response = post(client, form_data(email=address))

    assert response.status_code == 400
    assert "Địa chỉ thư điện tử dài tối đa 254 ký tự." in page_of(response)
    assert Ticket.objects.count() == 0


# --- validation errors ---------------------------------------------------------------------------------


def test_errors_are_listed_at_the_top_with_links_and_what_was_typed_is_kept(client, exam):
    response = post(client, form_data(category="", subject="", message="", phone="abc"))

    assert response.status_code == 400
    assert Ticket.objects.count() == 0
    page = page_of(response)
    summary = page.split('id="loi-bieu-mau"', 1)[1].split("</div>", 1)[0]
    for anchor in ("id_category_0", "id_subject", "id_message", "id_phone"):
        assert f'href="#{anchor}"' in summary
        assert f'id="{anchor}"' in page
    assert "Xin ghi tiêu đề." in summary
    assert "<title>Chưa gửi được" in page
    # Each field says what is wrong with it, tied to it for screen readers.
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_subject"', page) or re.search(
        r'<input[^>]*id="id_subject"[^>]*aria-invalid="true"', page
    )
    assert 'aria-describedby="id_subject_helptext id_subject_error"' in page
    assert 'id="id_subject_error"' in page
    # What was typed is still there.
    assert 'value="Nguyễn Thị Hỏi"' in page
    assert 'value="phuhuynh@example.org"' in page


def test_a_rejected_form_says_files_must_be_chosen_again(client, exam):
    response = post(client, form_data(subject="", attachments=[upload("anh.png", png_bytes())]))

    assert response.status_code == 400
    page = page_of(response)
    assert "xin chọn lại tệp" in page
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_what_was_typed_is_shown_again_escaped(client, exam, payload):
    response = post(client, form_data(subject=payload, name=payload, message=""))

    assert response.status_code == 400
    page = page_of(response)
    assert payload not in page
    assert f'value="{escape(payload)}"' in page  # subject and name, as text


# --- honeypot and rate limit ---------------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_with_a_neutral_message_and_nothing_stored(client, exam):
    response = post(client, form_data(trang_web="http://spam.example"))

    assert response.status_code == 400
    page = page_of(response)
    assert "Không gửi được biểu mẫu." in page
    assert "trang_web" in page and "spam.example" not in page
    assert 'value="Hỏi về giấy tờ mang vào phòng thi"' in page  # a person can send it again
    assert Ticket.objects.count() == 0


@pytest.fixture
def limit_of_three(settings):
    settings.HOTLINE_RATE_LIMIT = 3
    settings.HOTLINE_RATE_WINDOW = 600


def test_the_submission_over_the_limit_is_refused_with_429_and_nothing_stored(
    client, exam, limit_of_three
):
    for number in range(3):
        assert post(client, form_data(subject=f"Câu hỏi {number}")).status_code == 302

    response = post(client, form_data(subject="Câu hỏi quá giới hạn"))

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = page_of(response)
    assert "gửi quá nhiều lần" in page and "chờ khoảng 10 phút" in page
    assert 'value="Câu hỏi quá giới hạn"' in page  # what was typed is not lost
    assert Ticket.objects.count() == 3
    # Another address is not held back by the first one.
    assert post(client, form_data(), ip="203.0.113.99").status_code == 302
    assert Ticket.objects.count() == 4


def test_refused_attempts_count_towards_the_limit_too(client, exam, limit_of_three):
    for _ in range(3):
        assert post(client, form_data(trang_web="x")).status_code == 400

    assert post(client, form_data()).status_code == 429
    assert Ticket.objects.count() == 0


@pytest.fixture
def cache_down():
    """The shared cache (Redis) unreachable: nothing listens on port 1."""
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        yield


def test_with_the_cache_down_the_form_still_accepts_and_still_limits(
    client, exam, limit_of_three, cache_down
):
    import redis
    from django.core.cache import cache

    with pytest.raises(redis.exceptions.ConnectionError):  # the cache really is unreachable
        cache.get("anything")

    for number in range(3):
        response = post(client, form_data(subject=f"Câu hỏi {number}"))
        assert response.status_code == 302
        assert response["Location"].startswith("/duong-day-nong/tra-cuu/?ma=HL-")

    # The page that says so cannot be drawn yet with the cache down (see the next test); what
    # matters here is that the attempt over the limit is not stored.
    client.raise_request_exception = False
    response = post(client, form_data(subject="Câu hỏi quá giới hạn"))

    assert response.status_code != 302
    assert Ticket.objects.count() == 3
    assert not Ticket.objects.filter(subject="Câu hỏi quá giới hạn").exists()


def test_with_the_cache_down_the_refusal_and_the_follow_up_page_are_shown(
    client, exam, limit_of_three, cache_down
):
    for _ in range(3):
        accepted = post(client, form_data())
    assert client.get(accepted["Location"]).status_code == 200
    assert post(client, form_data()).status_code == 429


@pytest.mark.redis
def test_on_redis_the_count_is_shared_by_every_web_process(client, exam, limit_of_three):
    from core import ratelimit

    require_redis()
    for _ in range(3):
        assert post(client, form_data()).status_code == 302
    assert post(client, form_data()).status_code == 429

    # Counted in Redis, where every process sees it, not in this process's fallback memory.
    assert ratelimit._local == {}


# --- attachments -----------------------------------------------------------------------------------


def test_a_pdf_and_a_png_are_stored_privately_under_generated_names_with_their_sha256(
    client, exam, settings
):
    pdf, png = pdf_bytes(), png_bytes()
    files = [upload("Biên bản của tôi.pdf", pdf), upload("ảnh chụp phòng thi.png", png)]

    response = post(client, form_data(attachments=files))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    stored = {a.original_name: a for a in ticket.attachments.all()}
    assert set(stored) == {"Biên bản của tôi.pdf", "ảnh chụp phòng thi.png"}
    for name, data, kind in [
        ("Biên bản của tôi.pdf", pdf, "application/pdf"),
        ("ảnh chụp phòng thi.png", png, "image/png"),
    ]:
        attachment = stored[name]
        assert attachment.sha256 == hashlib.sha256(data).hexdigest()
        assert attachment.content_type == kind
        assert attachment.size == len(data)
        assert attachment.file.name.startswith("duong-day-nong/")
        assert "Biên" not in attachment.file.name and "chụp" not in attachment.file.name
        on_disk = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
        assert on_disk.read_bytes() == data
    # Private: nothing under the public media folder.
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))
    assert len(private_files(settings)) == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bien-ban.pdf", HTML_PAGE, "trang web hoặc tệp HTML"),
        ("bien-ban.pdf", EXECUTABLE, "chương trình hoặc tập lệnh"),
        ("anh.jpg", EXECUTABLE, "chương trình hoặc tập lệnh"),
        ("bien-ban.pdf", png_bytes(), "Tên tệp có đuôi .pdf nhưng nội dung là ảnh PNG"),
    ],
)
def test_a_disguised_file_is_refused_and_nothing_is_stored(
    client, exam, settings, name, data, message
):
    good = upload("ok.png", png_bytes())

    response = post(client, form_data(attachments=[good, upload(name, data)]))

    assert response.status_code == 400
    page = page_of(response)
    assert message in page
    assert f"Tệp “{name}”" in page
    assert Ticket.objects.count() == 0
    assert TicketAttachment.objects.count() == 0
    assert private_files(settings) == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(client, exam, settings):
    settings.HOTLINE_ATTACHMENT_MAX_BYTES = 1024
    data = pdf_bytes() + b"\n" * 2048 + b"%%EOF\n"

    response = post(client, form_data(attachments=[upload("lon.pdf", data)]))

    assert response.status_code == 400
    assert "Tệp quá lớn" in page_of(response)
    assert Ticket.objects.count() == 0
    assert private_files(settings) == []


def test_too_many_files_are_refused_and_nothing_is_stored(client, exam, settings):
    settings.HOTLINE_MAX_ATTACHMENTS = 3
    files = [upload(f"anh-{n}.png", png_bytes()) for n in range(4)]

    response = post(client, form_data(attachments=files))

    assert response.status_code == 400
    page = page_of(response)
    assert "Chỉ được gửi kèm tối đa 3 tệp; anh/chị đã chọn 4 tệp." in page
    assert 'href="#id_attachments"' in page
    assert Ticket.objects.count() == 0
    assert private_files(settings) == []
