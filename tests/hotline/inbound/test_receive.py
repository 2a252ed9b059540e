"""inbound_email_receive: what becomes of each message the hotline address receives."""

from __future__ import annotations

import hashlib

import pytest

from hotline.inbound import MAX_MESSAGE_CHARS, inbound_email_receive
from hotline.models import (
    Category,
    Channel,
    EntryKind,
    InboundEmail,
    InboundStatus,
    Ticket,
    TicketAttachment,
    TicketStatus,
)
from hotline.services import ticket_merge, ticket_reply, ticket_submit
from notifications.models import Message
from tests.hotline.inbound.conftest import acknowledgements, sample, with_headers

pytestmark = pytest.mark.django_db

# --- decoding ------------------------------------------------------------------------------------

GMAIL = (
    "gmail_alternative_qp.eml",
    "Hỏi về lịch thi môn Ngữ văn và vật dụng được mang vào phòng thi tại điểm thi Trường THPT "
    "Cà Mau",
    "Kính gửi Đường dây nóng Sở Giáo dục và Đào tạo,\n\n"
    "Em là Nguyễn Thị Hoàng, thí sinh tự do đăng ký dự thi tại điểm thi Trường THPT Cà Mau. "
    "Em xin hỏi: buổi thi môn Ngữ văn sáng ngày 09/8 bắt đầu lúc mấy giờ, và thí sinh có được "
    "mang thước kẻ, máy tính cầm tay vào phòng thi không ạ?\n\n"
    "Em cảm ơn ạ.\nNguyễn Thị Hoàng\nĐT: 0123 456 000",
    "Nguyễn Thị Hoàng",
    "nguyenthihoang.cm@example.com",
)
OUTLOOK = (
    "outlook_alternative_base64.eml",
    "Phản ánh: thí sinh sử dụng điện thoại trong phòng thi số 12, điểm thi THPT Phan Ngọc Hiển",
    "Kính gửi Ban Chỉ đạo thi,\n\n"
    "Sáng nay (04/8), tôi thấy một thí sinh ở phòng thi số 12 sử dụng điện thoại trong giờ thi "
    "môn Toán.\n\nĐề nghị Ban Chỉ đạo kiểm tra, xử lý.\n\nTrân trọng,\nTrần Văn Bình",
    "Trần Văn Bình",
    "tranvanbinh1975@example.net",
)
HTML_ONLY = (
    "html_only.eml",
    "Hỏi kết quả phúc khảo môn Tiếng Anh",
    "Xin chào Đường dây nóng,\n\n"
    "Cho tôi hỏi khi nào có kết quả phúc khảo bài thi môn Tiếng Anh?\n"
    "Con tôi là thí sinh số báo danh 32001234, điểm thi Trường THPT Hồ Thị Kỷ.\n\n"
    "Xin cảm ơn & chúc sức khỏe!\nLê Thị Mai\nGửi từ Yahoo Mail trên Android",
    "Lê Thị Mai",
    "lethimai_cm@mail.example.org",
)
THUNDERBIRD = (
    "thunderbird_mixed_attachments.eml",
    "Gửi đề cương ôn tập và giấy báo dự thi bị sai ngày sinh",
    # format=flowed: the lines Thunderbird wrapped are one line again.
    "Kính gửi Đường dây nóng,\n\n"
    "Giấy báo dự thi của em ghi ngày sinh 12/3/2002, trong khi giấy khai sinh là 21/3/2002. "
    "Em gửi kèm ảnh chụp giấy báo dự thi và đề cương ôn tập em nhận được ở trường.\n\n"
    "Xin hướng dẫn em cách đính chính.\n\n--\nPhạm Minh Tuấn\nLớp 12A3, Trường THPT Cà Mau",
    "Phạm Minh Tuấn",
    "pmtuan.12a3@sogd.example.org",
)
WINDOWS_1258 = (
    "outlook_express_windows1258.eml",
    "Xin hỏi về điểm ưu tiên khu vực",
    "Kính gửi quý Sở,\n\n"
    "Con tôi học tại huyện Ngọc Hiển thì được cộng điểm ưu tiên khu vực nào?\n\n"
    "Trân trọng cảm ơn.",
    "Huynh Van Nam",
    "hvnam.ngochien@mail-vn.example.com",
)
MISLABELLED = (
    "mislabelled_charset.eml",
    "Hỏi thủ tục phúc khảo bài thi",
    "Cho em hỏi hạn chót nộp đơn phúc khảo là ngày nào ạ?",
    "Lý Thu Hà",
    "lythuha@sogd.example.org",
)


@pytest.mark.parametrize(
    ("filename", "subject", "message", "name", "address"),
    [GMAIL, OUTLOOK, HTML_ONLY, THUNDERBIRD, WINDOWS_1258, MISLABELLED],
    ids=["gmail-qp", "outlook-base64", "html-only", "thunderbird-flowed", "cp1258", "mislabelled"],
)
def test_a_message_becomes_a_ticket_with_its_vietnamese_text_intact(
    filename, subject, message, name, address
):
    raw = sample(filename)

    inbound = inbound_email_receive(raw=raw)

    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.message) == (subject, message)
    assert (ticket.name, ticket.email) == (name, address)
    assert (ticket.channel, ticket.category) == (Channel.EMAIL, Category.QUESTION)
    assert ticket.source_email == inbound
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.NEW_TICKET
    assert inbound.error == ""
    assert inbound.subject == subject
    assert bytes(inbound.raw) == raw


def test_the_sender_gets_one_acknowledgement_with_the_code():
    inbound_email_receive(raw=sample("gmail_alternative_qp.eml"))

    ticket = Ticket.objects.get()
    (ack,) = acknowledgements("nguyenthihoang.cm@example.com")
    assert ack.subject.startswith(f"[{ticket.code}] Đã nhận: Hỏi về lịch thi môn Ngữ văn")
    assert ack.context["code"] == ticket.code
    assert ack.recipient.name == "Nguyễn Thị Hoàng"


def test_control_characters_and_nul_never_reach_the_ticket():
    raw = (
        b"From: Tran Thi B <ttb@example.org>\n"
        b"Subject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o=00_s=E1=BB=B1_c=E1=BB=91?=\n"
        b"Message-ID: <nul-1@example.org>\n"
        b"Content-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        b"M=E1=BA=A5t =00=07=C4=91i=E1=BB=87n.\n"
    )

    inbound_email_receive(raw=raw)

    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.message) == ("Báo cáo sự cố", "Mất điện.")


def test_a_very_long_message_is_capped_and_says_where_the_rest_is():
    body = ("Nội dung rất dài. " * 2000).encode()
    raw = (
        b"From: ttb@example.org\nSubject: Dai\nMessage-ID: <long@example.org>\n"
        b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body
    )

    inbound = inbound_email_receive(raw=raw)

    ticket = Ticket.objects.get()
    assert len(ticket.message) < MAX_MESSAGE_CHARS + 200
    assert ticket.message.startswith("Nội dung rất dài. Nội dung rất dài.")
    assert ticket.message.endswith(
        "(Thư dài hơn; toàn văn ở thư gốc trong mục Thư đến đường dây nóng.)"
    )
    assert bytes(inbound.raw) == raw


# --- attachments ---------------------------------------------------------------------------------


def test_attachments_are_kept_byte_for_byte_under_their_vietnamese_names():
    inbound_email_receive(raw=sample("thunderbird_mixed_attachments.eml"))

    ticket = Ticket.objects.get()
    pdf, png = ticket.attachments.order_by("pk")
    for attachment, filename, name, content_type in [
        (pdf, "de-cuong-on-tap.pdf", "Đề cương ôn tập.pdf", "application/pdf"),
        (png, "giay-bao-du-thi.png", "ảnh chụp giấy báo dự thi.png", "image/png"),
    ]:
        original = sample(filename)
        assert attachment.original_name == name
        assert attachment.content_type == content_type
        assert attachment.sha256 == hashlib.sha256(original).hexdigest()
        with attachment.file.open("rb") as stored:
            assert stored.read() == original
    assert not ticket.entries.exists()  # nothing refused, nothing for staff to note


def test_a_program_disguised_as_a_pdf_is_refused_and_the_ticket_is_still_made(settings):
    inbound = inbound_email_receive(raw=sample("disguised_program.eml"))

    ticket = Ticket.objects.get()
    assert ticket.subject == "Gửi bảng điểm và ảnh phòng thi"
    (photo,) = ticket.attachments.all()
    assert photo.original_name == "phong-thi.png"
    stored = [p for p in (settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]
    assert len(stored) == 1  # the program was never written anywhere
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.NEW_TICKET
    assert "bang-diem.pdf" in inbound.error
    assert "chương trình" in inbound.error
    (note,) = ticket.entries.all()
    assert note.kind == EntryKind.INTERNAL_NOTE
    assert "bang-diem.pdf" in note.body
    assert "chương trình" in note.body
    (ack,) = acknowledgements("vothanhtung@webmail.example.net")
    # The sender is told too, so they can send the file another way.
    assert any("bang-diem.pdf" in p for p in ack.context["paragraphs"])


def test_attachments_beyond_the_limit_are_refused_with_a_note(settings):
    settings.HOTLINE_MAX_ATTACHMENTS = 1

    inbound = inbound_email_receive(raw=sample("thunderbird_mixed_attachments.eml"))

    ticket = Ticket.objects.get()
    assert [a.original_name for a in ticket.attachments.all()] == ["Đề cương ôn tập.pdf"]
    inbound.refresh_from_db()
    assert "ảnh chụp giấy báo dự thi.png" in inbound.error
    assert "tối đa 1 tệp" in inbound.error
    assert "ảnh chụp giấy báo dự thi.png" in ticket.entries.get(kind=EntryKind.INTERNAL_NOTE).body


# --- replies -------------------------------------------------------------------------------------

REPLY_TEXT = (
    "Dạ em bổ sung: em dự thi ở phòng thi số 07, số báo danh 32000777.\n\n"
    "Vào Th 2, 3 thg 8, 2020 vào lúc 10:02 Đường dây nóng Kỳ thi <no-reply@sogd.example.org> "
    "đã viết:\n\n"
    "> Kính gửi Nguyễn Thị Hoàng,\n>\n"
    "> Đường dây nóng Kỳ thi đã nhận câu hỏi, phản ánh của anh/chị."
)


def test_a_reply_carrying_the_code_joins_its_ticket_and_reopens_it(ticket_123):
    ticket_reply(ticket=ticket_123, body="Buổi thi bắt đầu lúc 7 giờ 35.", user=None)

    inbound = inbound_email_receive(raw=sample("gmail_reply_with_code.eml"))

    assert Ticket.objects.count() == 1
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.JOINED
    entry = ticket_123.entries.get(kind=EntryKind.SUBMITTER)
    assert entry.body == REPLY_TEXT
    assert entry.source_email == inbound
    ticket_123.refresh_from_db()
    assert ticket_123.status == TicketStatus.IN_PROGRESS
    # The only acknowledgement is the one of the original question.
    assert acknowledgements("nguyenthihoang.cm@example.com").count() == 1


def test_the_code_is_recognised_in_any_case_after_any_reply_prefix(ticket_123):
    raw = (
        "From: Nguyễn Thị Hoàng <nguyenthihoang.cm@example.com>\n"
        "Subject: TL: hl-2020-000123 bổ sung\n"
        "Message-ID: <lower-case@example.org>\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
        "Em gửi thêm số báo danh 32000777.\n"
    ).encode()

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.JOINED
    assert ticket_123.entries.get().body == "Em gửi thêm số báo danh 32000777."


def test_a_stranger_naming_a_code_makes_a_new_ticket_and_staff_are_told(ticket_123):
    raw = sample("gmail_reply_with_code.eml").replace(
        b"<NguyenThiHoang.CM@example.com>", b"<nguoi.khac@example.org>"
    )

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.NEW_TICKET
    assert not ticket_123.entries.exists()
    new = Ticket.objects.exclude(pk=ticket_123.pk).get()
    assert new.email == "nguoi.khac@example.org"
    note = new.entries.get(kind=EntryKind.INTERNAL_NOTE)
    assert "HL-2020-000123" in note.body


def test_a_reply_to_a_merged_ticket_joins_the_ticket_it_was_merged_into(ticket_123):
    duplicate = ticket_submit(
        channel=Channel.WEB,
        category=Category.QUESTION,
        subject="Giờ thi Ngữ văn",
        message="Mấy giờ thi Ngữ văn?",
        email="tranvanbinh1975@example.net",
    )
    ticket_merge(duplicate=duplicate, into=ticket_123, user=None)
    raw = (
        f"From: tranvanbinh1975@example.net\nSubject: Re: [{duplicate.code}] Trả lời\n"
        "Message-ID: <merged@example.org>\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\nCảm ơn, tôi hỏi thêm về phòng thi.\n"
    ).encode()

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.JOINED
    entry = ticket_123.entries.get(kind=EntryKind.SUBMITTER)
    assert entry.body == "Cảm ơn, tôi hỏi thêm về phòng thi."


# --- automatic mail ------------------------------------------------------------------------------


def _gmail_with(*headers: str):
    return lambda: with_headers(sample("gmail_alternative_qp.eml"), *headers)


@pytest.mark.parametrize(
    "make_raw",
    [
        lambda: sample("outlook_out_of_office.eml"),
        lambda: sample("bounce_mailer_daemon.eml"),
        _gmail_with("Auto-Submitted: auto-generated"),
        _gmail_with("Precedence: bulk"),
        _gmail_with("Precedence: auto_reply"),
        _gmail_with("Return-Path: <>"),
    ],
    ids=["out-of-office", "bounce", "auto-generated", "bulk", "auto-reply", "null-sender"],
)
def test_automatic_mail_is_kept_and_answered_by_nobody(make_raw, ticket_123):
    raw = make_raw()
    before = Message.objects.count()

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.IGNORED
    assert "tự động" in inbound.error or "chuyển phát" in inbound.error
    assert bytes(inbound.raw) == raw
    assert Ticket.objects.count() == 1  # HL-2020-000123 only
    assert not ticket_123.entries.exists()
    assert Message.objects.count() == before


def test_mail_coming_back_from_the_hotline_address_itself_is_ignored(settings):
    settings.HOTLINE_EMAIL = "DuongDayNong@sogd.example.org"
    raw = sample("no_sender.eml").replace(
        b"To: duongdaynong", b"From: duongdaynong@sogd.example.org\nTo: duongdaynong"
    )

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.IGNORED
    assert not Ticket.objects.exists()


def test_a_person_saying_auto_submitted_no_is_answered():
    inbound = inbound_email_receive(raw=_gmail_with("Auto-Submitted: no")())

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.NEW_TICKET
    assert acknowledgements("nguyenthihoang.cm@example.com").count() == 1


# --- what cannot be read -------------------------------------------------------------------------

GARBAGE = bytes(range(256)) * 4 + b"\x00\xff\xfe" * 100


@pytest.mark.parametrize("raw", [GARBAGE, b"", b"\r\n\r\n"], ids=["garbage", "empty", "blank"])
def test_what_is_not_a_message_is_kept_for_staff_as_failed(raw):
    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.FAILED
    assert inbound.error
    assert bytes(inbound.raw) == raw
    assert not Ticket.objects.exists()
    assert not Message.objects.exists()


def test_a_message_without_sender_becomes_a_ticket_without_acknowledgement():
    inbound = inbound_email_receive(raw=sample("no_sender.eml"))

    ticket = Ticket.objects.get()
    assert ticket.subject == "Báo cáo sự cố mất điện tại điểm thi"
    assert ticket.message == "Điểm thi THCS-THPT Năm Căn mất điện từ 7 giờ 40 phút."
    assert ticket.email == ""
    assert not acknowledgements("").exists()
    assert "không có địa chỉ người gửi" in ticket.entries.get(kind=EntryKind.INTERNAL_NOTE).body
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.NEW_TICKET


def test_a_failure_while_making_the_ticket_keeps_the_message_and_writes_nothing_else(
    monkeypatch,
):
    # Stands for any unforeseen error after the ticket row was written (a template, a bug).
    def broken(ticket, **_kwargs):
        raise RuntimeError("mẫu thư hỏng")

    monkeypatch.setattr("hotline.services.submission._acknowledge", broken)
    raw = sample("thunderbird_mixed_attachments.eml")

    inbound = inbound_email_receive(raw=raw)

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.FAILED
    assert "RuntimeError: mẫu thư hỏng" in inbound.error
    assert inbound.subject == "Gửi đề cương ôn tập và giấy báo dự thi bị sai ngày sinh"
    assert inbound.sender == "Phạm Minh Tuấn <pmtuan.12a3@sogd.example.org>"
    assert bytes(inbound.raw) == raw
    assert not Ticket.objects.exists()
    assert not TicketAttachment.objects.exists()
    assert not Message.objects.exists()


# --- the same message twice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename", ["gmail_alternative_qp.eml", "thunderbird_mixed_attachments.eml"]
)
def test_the_same_message_delivered_twice_is_one_row_one_ticket_one_acknowledgement(filename):
    raw = sample(filename)

    first = inbound_email_receive(raw=raw)
    second = inbound_email_receive(raw=raw)

    assert second.pk == first.pk
    assert InboundEmail.objects.count() == 1
    ticket = Ticket.objects.get()
    assert ticket.attachments.count() == (2 if "thunderbird" in filename else 0)
    assert acknowledgements(ticket.email).count() == 1


def test_the_same_bytes_without_message_id_delivered_twice_are_one_row():
    raw = sample("no_sender.eml").replace(
        b"Message-ID: <20200810075000.77@scanner.pgd-nammcan.local>\n", b""
    )
    assert b"Message-ID" not in raw

    first = inbound_email_receive(raw=raw)
    second = inbound_email_receive(raw=raw)

    assert second.pk == first.pk
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", None])
def test_utf8_text_labelled_latin_1_or_not_labelled_reads_as_vietnamese(label):
    content_type = f"text/plain; charset={label}" if label else "text/plain"
    raw = (
        f"From: lythuha@sogd.example.org\nSubject: Hoi\nMessage-ID: <latin-{label}@example.org>\n"
        f"Content-Type: {content_type}\nContent-Transfer-Encoding: 8bit\n\n"
        "Đơn phúc khảo nộp ở đâu ạ?\n"
    ).encode()

    inbound_email_receive(raw=raw)

    assert Ticket.objects.get().message == "Đơn phúc khảo nộp ở đâu ạ?"
