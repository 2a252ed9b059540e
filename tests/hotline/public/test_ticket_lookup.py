"""The follow-up page /duong-day-nong/tra-cuu/?ma=<code>&khoa=<key>: only with the right pair, only
what the submitter may read."""

from __future__ import annotations

import difflib
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from hotline.models import Category, TicketStatus
from hotline.services import ticket_merge, ticket_note, ticket_reply
from tests.hotline.public.conftest import form_data

URL = "/duong-day-nong/tra-cuu/"
NEUTRAL = "Không tìm thấy phản ánh với mã và khóa tra cứu này."


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("canbo", is_staff=True)


@pytest.fixture
def ticket(make_ticket):
    return make_ticket(
        subject="Bí mật: phòng thi số 7",
        name="Lê Văn Gửi",
        phone="0123 000 111",
        email="nguoigui@example.org",
    )


def test_the_private_link_shows_the_ticket_and_its_public_replies_only(client, ticket, staff):
    ticket_reply(ticket=ticket, body="Thí sinh mang theo thẻ dự thi\nvà căn cước.", user=staff)
    ticket_note(ticket=ticket, body="Ghi chú nội bộ: đã gọi cho điểm thi", user=staff)
    ticket.refresh_from_db()

    response = client.get(ticket.get_follow_up_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert ticket.code in page
    assert "Bí mật: phòng thi số 7" in page
    assert "Hỏi đáp – thắc mắc" in page
    assert str(TicketStatus.ANSWERED.label) in page
    assert "Thí sinh mang theo thẻ dự thi<br>và căn cước." in page
    assert "Ghi chú nội bộ" not in page
    # Nothing of the submitter's contact data, nor their message.
    for private in ("Lê Văn Gửi", "0123 000 111", "nguoigui@example.org", ticket.message):
        assert private not in page


def test_the_page_is_never_stored_nor_sends_the_key_on(client, ticket):
    response = client.get(ticket.get_follow_up_url())

    assert response["Cache-Control"] == "no-store, private"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_new_reply_shows_at_once_the_page_is_not_cached(client, ticket, staff):
    first = client.get(ticket.get_follow_up_url()).content.decode()
    assert "Chưa có trả lời." in first

    ticket_reply(ticket=ticket, body="Câu trả lời mới của Văn phòng Sở.", user=staff)

    assert (
        "Câu trả lời mới của Văn phòng Sở."
        in client.get(ticket.get_follow_up_url()).content.decode()
    )


def _without_typed_values(page: str) -> str:
    return re.sub(r' value="[^"]*"', "", page)


def test_every_wrong_pair_gives_the_same_neutral_page(client, ticket, make_ticket):
    other = make_ticket(subject="Phản ánh của người khác")
    attempts = {
        "wrong key": {"ma": ticket.code, "khoa": "khoa-sai-" + "x" * 23},
        "empty key": {"ma": ticket.code, "khoa": ""},
        "the code alone": {"ma": ticket.code},
        "the key alone": {"khoa": ticket.token},
        "another ticket's key": {"ma": ticket.code, "khoa": other.token},
        "an unknown code": {"ma": "HL-2020-999999", "khoa": ticket.token},
    }
    pages = {}
    for label, params in attempts.items():
        response = client.get(URL, params)
        page = response.content.decode()
        assert response.status_code == 200, label
        assert NEUTRAL in page, label
        assert "Bí mật: phòng thi số 7" not in page, label
        assert "Phản ánh của người khác" not in page, label
        assert response["Cache-Control"] == "no-store, private", label
        pages[label] = _without_typed_values(page)
    reference = pages["wrong key"]
    for label, page in pages.items():
        difference = "\n".join(
            difflib.unified_diff(reference.splitlines(), page.splitlines(), lineterm="", n=0)
        )
        assert page == reference, f"{label}:\n{difference}"


def test_without_parameters_the_look_up_form_is_shown_without_a_complaint(client, db):
    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Tra cứu phản ánh</h1>" in page
    assert 'name="ma"' in page and 'name="khoa"' in page
    assert NEUTRAL not in page


def test_the_code_is_found_whatever_its_case_and_spaces(client, ticket):
    response = client.get(URL, {"ma": f"  {ticket.code.lower()} ", "khoa": ticket.token})

    assert "Bí mật: phòng thi số 7" in response.content.decode()


def test_a_merged_ticket_says_so_and_shows_the_replies_of_the_ticket_it_joined(
    client, ticket, make_ticket, staff
):
    main = make_ticket(subject="Phản ánh chính của người khác", category=Category.VIOLATION)
    ticket_merge(duplicate=ticket, into=main, user=staff)
    ticket_reply(ticket=main, body="Đã xác minh và xử lý tại điểm thi.", user=staff)
    ticket_note(ticket=main, body="Ghi chú nội bộ của phản ánh chính", user=staff)
    ticket.refresh_from_db()

    page = client.get(ticket.get_follow_up_url()).content.decode()

    assert "được gộp vào phản ánh đó" in page
    assert main.code in page
    assert "Đã xác minh và xử lý tại điểm thi." in page
    assert "Ghi chú nội bộ của phản ánh chính" not in page
    # The other submitter's subject is theirs.
    assert "Phản ánh chính của người khác" not in page


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">xem</a>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_what_the_submitter_and_staff_wrote_is_shown_escaped(client, exam, staff, payload):
    response = client.post(
        "/duong-day-nong/", form_data(subject=payload, message=payload, name=payload)
    )
    assert response.status_code == 302
    from hotline.models import Ticket

    ticket_reply(ticket=Ticket.objects.get(), body=f"Trả lời: {payload}", user=staff)

    page = client.get(response["Location"]).content.decode()

    assert payload not in page
    assert escape(payload) in page  # shown as text
    for raw in ("<script>alert", "<img src=x", "<svg", 'href="javascript:'):
        assert raw not in page


def test_look_ups_are_limited_per_address(client, ticket, settings):
    settings.HOTLINE_RATE_LIMIT = 1  # twelve look-ups per window
    for _ in range(12):
        assert client.get(URL, {"ma": "HL-2020-999999", "khoa": "x"}).status_code == 200
    assert client.get(URL).status_code == 200  # the bare form is not an attempt

    response = client.get(ticket.get_follow_up_url())

    assert response.status_code == 429
    page = response.content.decode()
    assert "tra cứu quá nhiều lần" in page
    assert "Bí mật: phòng thi số 7" not in page
    assert response["Cache-Control"] == "no-store, private"
    other = client.get(ticket.get_follow_up_url(), REMOTE_ADDR="203.0.113.50")
    assert "Bí mật: phòng thi số 7" in other.content.decode()


@pytest.mark.parametrize("code", ["HL-2020-\x00", "\x00", "HL-2020-0000011", "hl 2020 000001"])
def test_a_code_that_is_not_a_code_finds_nothing_without_a_server_error(client, ticket, code):
    # PostgreSQL refuses a NUL in a query: the shape is checked before the database is asked.
    response = client.get("/duong-day-nong/tra-cuu/", {"ma": code, "khoa": ticket.token})

    assert response.status_code == 200
    assert ticket.code not in response.content.decode()
