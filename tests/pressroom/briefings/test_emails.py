"""The release and the registration e-mails, rendered as the worker sends them."""

from icalendar import Calendar

from notifications.models import Message
from notifications.services import render_message
from pressroom.events import PressEvent
from pressroom.ics import briefing_uid
from pressroom.models import PressRelease, ReleaseStatus, Spokesperson
from pressroom.services.briefings import briefing_invite
from pressroom.services.registrations import briefing_register
from pressroom.services.releases import release_distribute
from tests.pressroom.briefings.conftest import TODAY, event_of, messages_of


def test_the_release_email_carries_the_summary_the_body_and_the_link(press):
    spokesperson = Spokesperson.objects.create(
        name="Chánh Văn phòng Mẫu", title="Chánh Văn phòng Sở", email="vanphong@example.org"
    )
    release = PressRelease.objects.create(
        number="01/TCBC-SGDĐT",
        title="Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020",
        summary="Tình hình chuẩn bị Kỳ thi tại Cà Mau.",
        body='<p>Toàn tỉnh có <strong>9.658</strong> thí sinh.</p><script>alert("x")</script>',
        spokesperson=spokesperson,
        status=ReleaseStatus.APPROVED,
        publish_at=TODAY,
    )
    release.lists.set(press["lists"])
    release_distribute(release_id=release.pk)
    message = Message.objects.get(event=PressEvent.RELEASE, recipient__email="pv.b@example.org")

    email = render_message(message)
    [html] = [content for content, kind in email.alternatives if kind == "text/html"]

    assert email.subject == (
        "Thông cáo báo chí số 01/TCBC-SGDĐT: Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020"
    )
    link = f"https://thi.example.org{release.get_absolute_url()}"
    for part in (email.body, html):
        assert "Kính gửi Phóng viên B (Báo Mẫu Trung ương)" in part
        assert "trân trọng gửi anh/chị thông cáo báo chí" in part
        assert "Tình hình chuẩn bị Kỳ thi tại Cà Mau." in part
        assert "Chánh Văn phòng Mẫu, Chánh Văn phòng Sở (vanphong@example.org)" in part
        assert "Công bố lúc" in part and "09:00 20/7/2020" in part
        assert link in part
        assert "alert" not in part
    assert "Toàn tỉnh có 9.658 thí sinh." in email.body  # plain text in the text part
    assert "<p>Toàn tỉnh có <strong>9.658</strong> thí sinh.</p>" in html  # HTML kept in HTML
    assert email.attachments == []


def test_the_registration_confirmation_carries_a_published_ics_of_the_same_briefing(
    briefing, office
):
    briefing_invite(briefing=briefing, user=office)
    briefing_register(
        briefing=briefing,
        name="Phóng viên Đăng ký",
        outlet="Đài Mẫu",
        email="dangky@example.org",
        phone="0000 000 000",
    )
    message = Message.objects.get(event=PressEvent.REGISTRATION)

    email = render_message(message)
    [html] = [content for content, kind in email.alternatives if kind == "text/html"]

    assert email.subject == (
        "Xác nhận đăng ký dự họp báo: Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020"
    )
    for part in (email.body, html):
        assert "Kính gửi Phóng viên Đăng ký," in part
        assert "Văn phòng Sở đã nhận đăng ký dự họp báo của Phóng viên Đăng ký (Đài Mẫu)." in part
        assert "từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020" in part
        assert "Bà Triệu" in part
        assert "hop-bao.ics" in part and "thêm buổi họp báo vào lịch" in part
        assert f"https://thi.example.org{briefing.get_absolute_url()}" in part
    [attachment] = email.attachments
    assert attachment.filename == "hop-bao.ics"
    assert attachment.mimetype == "application/ics"
    calendar = Calendar.from_ical(attachment.content.decode("utf-8"))
    assert calendar["method"] == "PUBLISH"
    [event] = calendar.events
    assert event["uid"] == briefing_uid(briefing)
    assert event["sequence"] == event_of(messages_of(briefing).first())["sequence"] == 0
    assert event["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert calendar.timezones
