"""Invitations to a briefing carry an iCalendar file that calendars can trust: one UID, a SEQUENCE
raised by every announced change, times in Hồ Chí Minh time; each address gets each version once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Recipient
from notifications.services import render_message
from pressroom.ics import briefing_uid
from pressroom.models import BriefingStatus, PressContact, Spokesperson
from pressroom.services.briefings import (
    briefing_cancel,
    briefing_invite,
    briefing_mark_held,
    briefing_postpone,
    briefing_reschedule,
    briefing_save,
    briefing_validate,
)
from pressroom.services.contacts import contact_save
from pressroom.services.invitations import invitation_log
from pressroom.services.registrations import briefing_register
from tests.factories import VN, at
from tests.pressroom.briefings.conftest import (
    event_of,
    html_of,
    ics_of,
    messages_of,
    received,
    text_of,
)

INVITED = ["pv.a@example.org", "pv.b@example.org"]


def sequences(messages) -> list[int]:
    return [int(event_of(m)["sequence"]) for m in messages]


def register(briefing, name="Phóng viên Đăng ký", email="dangky@example.org"):
    return briefing_register(
        briefing=briefing, name=name, outlet="Đài Mẫu", email=email, phone="0000 000 000"
    )


def move(briefing, office, *, starts_at=None, ends_at=None, location=None) -> int:
    return briefing_reschedule(
        briefing=briefing,
        user=office,
        starts_at=starts_at or briefing.starts_at,
        ends_at=ends_at or briefing.ends_at,
        location=location or briefing.location,
    )


# --- the invitation ------------------------------------------------------------------------------


def test_the_invitation_is_a_request_at_sequence_0_in_ho_chi_minh_time(briefing, office):
    assert briefing_invite(briefing=briefing, user=office) == 2

    assert sorted(received(briefing)) == INVITED  # the inactive contact gets nothing
    briefing.refresh_from_db()
    assert (briefing.status, briefing.sequence, briefing.invited_sequence) == (
        BriefingStatus.INVITED,
        0,
        0,
    )
    for message in messages_of(briefing):
        calendar = ics_of(message)
        assert calendar["method"] == "REQUEST"
        [timezone] = calendar.timezones
        assert timezone["tzid"] == "Asia/Ho_Chi_Minh"
        [event] = calendar.events
        assert event["uid"] == f"hop-bao-{briefing.uid}@thi.example.org"
        assert event["sequence"] == 0
        assert event["status"] == "CONFIRMED"
        for name, wall_clock in [("dtstart", (2020, 8, 5, 8, 30)), ("dtend", (2020, 8, 5, 10))]:
            assert event[name].params["TZID"] == "Asia/Ho_Chi_Minh"
            value = event.decoded(name)
            assert value.replace(tzinfo=None) == dt.datetime(*wall_clock)
            assert value.utcoffset() == dt.timedelta(hours=7)
        assert str(event["organizer"]) == "mailto:no-reply@thi.example.org"
        assert "Bà Triệu" in str(event["location"])


def test_the_ics_is_attached_as_an_itip_request(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    email = render_message(messages_of(briefing).first()).message()

    # The calendar is one of the alternatives (what shows an invitation card in Gmail and
    # Outlook), and a copy is attached as a file for other clients.
    [part] = [p for p in email.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() is None
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_all("Content-Type") == ['text/calendar; method="REQUEST"; charset="utf-8"']
    [copy] = [p for p in email.walk() if p.get_filename() == "hop-bao.ics"]
    assert copy.get_content_type() == "application/ics"
    assert copy.get_payload(decode=True).decode() == part.get_payload(decode=True).decode()


def test_the_invitation_says_when_where_and_who_as_vietnamese_readers_write_it(
    briefing, office, press
):
    Spokesperson.objects.create(
        name="Chánh Văn phòng Mẫu", title="Chánh Văn phòng Sở", email="vanphong@example.org",
        is_default=True,
    )  # fmt: skip
    briefing_invite(briefing=briefing, user=office)
    message = received(briefing)["pv.a@example.org"][0]

    assert render_message(message).subject == (
        "Giấy mời họp báo: Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020"
    )
    for part in (text_of(message), html_of(message)):
        assert "Kính gửi Phóng viên A (Báo Mẫu Cà Mau)" in part
        assert "trân trọng kính mời anh/chị dự buổi họp báo" in part
        assert "Từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020" in part
        assert "Phòng họp số 5, Sở Giáo dục và Đào tạo" in part
        assert "Giám đốc Sở Giáo dục và Đào tạo" in part
        assert "Thường trực Ban Chỉ đạo thi tỉnh" in part
        assert "Chánh Văn phòng Mẫu, Chánh Văn phòng Sở (vanphong@example.org)" in part
        assert "hop-bao.ics" in part and "vào lịch của anh/chị" in part
        assert f"https://thi.example.org{briefing.get_absolute_url()}" in part
    assert "Đăng ký dự họp báo" in text_of(message)
    assert "- Nội dung: Thông tin về 9.658 thí sinh đăng ký dự thi." in text_of(message)
    assert "<strong>9.658 thí sinh</strong>" in html_of(message)


def test_inviting_twice_sends_one_message_per_contact(briefing, office):
    assert briefing_invite(briefing=briefing, user=office) == 2
    assert briefing_invite(briefing=briefing, user=office) == 0

    assert {address: len(got) for address, got in received(briefing).items()} == {
        "pv.a@example.org": 1,
        "pv.b@example.org": 1,
    }


def test_a_contact_added_to_a_list_then_invited_again_is_the_only_one_to_get_a_message(
    briefing, office, press
):
    briefing_invite(briefing=briefing, user=office)
    local, _central = press["outlets"]
    late = contact_save(
        contact=PressContact(outlet=local, name="Phóng viên C", email="pv.c@example.org")
    )
    press["lists"][0].contacts.add(late)

    assert briefing_invite(briefing=briefing, user=office) == 1

    got = received(briefing)
    assert sorted(got) == [*INVITED, "pv.c@example.org"]
    assert all(len(messages) == 1 for messages in got.values())
    assert sequences(got["pv.c@example.org"]) == [0]


def test_registered_reporters_are_invited_and_each_address_gets_one_message(briefing, office):
    register(briefing)
    register(briefing, name="Phóng viên A", email="PV.A@example.org")  # also on a list

    assert briefing_invite(briefing=briefing, user=office) == 3

    got = received(briefing)
    assert sorted(got) == ["dangky@example.org", *INVITED]
    assert all(len(messages) == 1 for messages in got.values())


@pytest.mark.parametrize("state", ["cancelled", "held", "past"])
def test_a_cancelled_held_or_past_briefing_is_not_invited(briefing, office, state, clock):
    if state == "cancelled":
        briefing_cancel(briefing=briefing, user=office, note="Trùng lịch họp của tỉnh.")
        expected = "đã hủy"
    elif state == "held":
        clock.move_to(at(2020, 8, 5, 11))
        briefing_mark_held(briefing=briefing, user=office)
        expected = "đã tổ chức"
    else:
        clock.move_to(at(2020, 8, 5, 8, 30))
        expected = "đã đến giờ hoặc đã qua"

    with pytest.raises(ValidationError) as refused:
        briefing_invite(briefing=briefing, user=office)

    assert expected in refused.value.messages[0]
    assert not messages_of(briefing).exists()


# --- changes of time or place --------------------------------------------------------------------


def test_a_change_before_the_invitations_sends_nothing_and_keeps_the_sequence(briefing, office):
    assert move(briefing, office, starts_at=at(2020, 8, 6, 14), ends_at=at(2020, 8, 6, 16)) == 0

    briefing.refresh_from_db()
    assert briefing.sequence == 0
    assert briefing.starts_at == at(2020, 8, 6, 14)
    assert not messages_of(briefing).exists()

    briefing_invite(briefing=briefing, user=office)
    event = event_of(messages_of(briefing).first())
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == at(2020, 8, 6, 14)


def test_a_change_after_the_invitations_sends_every_invitee_one_update_with_the_next_sequence(
    briefing, office
):
    register(briefing)
    briefing_invite(briefing=briefing, user=office)

    assert move(briefing, office, starts_at=at(2020, 8, 5, 14), ends_at=at(2020, 8, 5, 15, 30)) == 3
    assert move(briefing, office, starts_at=at(2020, 8, 5, 14), ends_at=at(2020, 8, 5, 15, 30)) == 0

    briefing.refresh_from_db()
    assert (briefing.sequence, briefing.invited_sequence) == (1, 1)
    got = received(briefing)
    assert sorted(got) == ["dangky@example.org", *INVITED]
    for messages in got.values():
        assert sequences(messages) == [0, 1]
        update = messages[1]
        event = event_of(update)
        assert ics_of(update)["method"] == "REQUEST"
        assert event["uid"] == briefing_uid(briefing)
        assert event["status"] == "CONFIRMED"
        assert event.decoded("dtstart").replace(tzinfo=None) == dt.datetime(2020, 8, 5, 14)
        assert event["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    update = got["pv.a@example.org"][1]
    assert update.subject == (
        "Thay đổi thời gian, địa điểm họp báo: "
        "Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020"
    )
    text = text_of(update)
    assert "Trước đây: từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020" in text
    assert "Nay đổi thành: từ 14 giờ đến 15 giờ 30, thứ Tư, ngày 5 tháng 8 năm 2020" in text
    assert "Địa điểm" not in text.split("Thông tin buổi họp báo sau khi thay đổi")[0]
    assert "<s>từ 8 giờ 30 đến 10 giờ" in html_of(update)

    # Inviting again: everyone holds version 1 already.
    assert briefing_invite(briefing=briefing, user=office) == 0


def test_each_change_raises_the_sequence_and_the_cancellation_closes_it_with_the_same_uid(
    briefing, office
):
    briefing_invite(briefing=briefing, user=office)
    move(briefing, office, starts_at=at(2020, 8, 5, 14), ends_at=at(2020, 8, 5, 15, 30))
    move(briefing, office, location="Hội trường Sở Giáo dục và Đào tạo, thành phố Cà Mau")
    briefing_cancel(briefing=briefing, user=office, note="Theo chỉ đạo của Ban Chỉ đạo thi tỉnh.")

    for messages in received(briefing).values():
        calendars = [ics_of(m) for m in messages]
        assert [c["method"] for c in calendars] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL"]
        assert sequences(messages) == [0, 1, 2, 3]
        assert {str(c.events[0]["uid"]) for c in calendars} == {briefing_uid(briefing)}
        assert [str(c.events[0]["status"]) for c in calendars] == [
            "CONFIRMED",
            "CONFIRMED",
            "CONFIRMED",
            "CANCELLED",
        ]
        assert "Hội trường" in str(calendars[2].events[0]["location"])
        assert all(c.timezones for c in calendars)


def test_an_update_reaches_whoever_holds_the_invitation_not_contacts_never_invited(
    briefing, office, press
):
    briefing_invite(briefing=briefing, user=office)
    press["lists"][1].contacts.remove(press["people"]["b"])  # B still holds version 0
    local, _central = press["outlets"]
    late = contact_save(
        contact=PressContact(outlet=local, name="Phóng viên C", email="pv.c@example.org")
    )
    press["lists"][0].contacts.add(late)

    assert move(briefing, office, location="Hội trường Sở Giáo dục và Đào tạo") == 2

    got = received(briefing)
    assert sorted(got) == INVITED
    assert sequences(got["pv.b@example.org"]) == [0, 1]
    # C is invited, at the current version, when the Office invites again.
    assert briefing_invite(briefing=briefing, user=office) == 1
    assert sequences(received(briefing)["pv.c@example.org"]) == [1]


def test_a_change_to_a_time_already_past_is_refused_once_announced(briefing, office):
    briefing_invite(briefing=briefing, user=office)

    with pytest.raises(ValidationError) as refused:
        move(briefing, office, starts_at=at(2020, 7, 19, 8), ends_at=at(2020, 7, 19, 9))

    assert "Giờ bắt đầu mới đã qua" in refused.value.message_dict["starts_at"][0]
    briefing.refresh_from_db()
    assert briefing.sequence == 0


# --- postponement, cancellation, held ------------------------------------------------------------


def test_a_postponement_is_a_tentative_update_and_a_new_invitation_confirms_it(briefing, office):
    briefing_invite(briefing=briefing, user=office)

    note = "Tạm hoãn do ảnh hưởng của bão; dự kiến tổ chức lại ngày 7/8/2020."
    assert briefing_postpone(briefing=briefing, user=office, note=note) == 2
    assert briefing_postpone(briefing=briefing, user=office, note=note) == 0
    move(briefing, office, starts_at=at(2020, 8, 7, 8, 30), ends_at=at(2020, 8, 7, 10))
    assert briefing_invite(briefing=briefing, user=office) == 2

    briefing.refresh_from_db()
    assert (briefing.status, briefing.sequence, briefing.status_note) == (
        BriefingStatus.INVITED,
        3,
        "",
    )
    for messages in received(briefing).values():
        assert sequences(messages) == [0, 1, 2, 3]
        statuses = [str(event_of(m)["status"]) for m in messages]
        assert statuses == ["CONFIRMED", "TENTATIVE", "TENTATIVE", "CONFIRMED"]
        assert {ics_of(m)["method"] for m in messages} == {"REQUEST"}
    postponement, update, invitation = received(briefing)["pv.a@example.org"][1:]
    assert postponement.subject.startswith("Tạm hoãn họp báo: ")
    assert "xin thông báo tạm hoãn buổi họp báo" in text_of(postponement)
    assert f"Ghi chú: {note}" in text_of(postponement)
    assert "dự kiến tổ chức từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020" in (
        text_of(postponement)
    )
    assert "vẫn đang tạm hoãn" in text_of(update)
    assert "đã tạm hoãn nay được tổ chức lại" in text_of(invitation)
    assert event_of(invitation).decoded("dtstart") == at(2020, 8, 7, 8, 30)


def test_cancelling_twice_sends_one_cancellation_to_each_invitee_and_registrant(briefing, office):
    register(briefing)
    briefing_invite(briefing=briefing, user=office)

    note = "Theo chỉ đạo của Ban Chỉ đạo thi tỉnh."
    assert briefing_cancel(briefing=briefing, user=office, note=note) == 3
    assert briefing_cancel(briefing=briefing, user=office, note=note) == 0

    briefing.refresh_from_db()
    assert briefing.status == BriefingStatus.CANCELLED
    assert briefing.cancelled_sent_at == at(2020, 7, 20, 9)
    got = received(briefing)
    assert sorted(got) == ["dangky@example.org", *INVITED]
    for messages in got.values():
        cancellation = messages[-1]
        assert len(messages) == 2
        assert cancellation.dedupe_key == f"press-briefing:{briefing.pk}:cancel"
        assert cancellation.subject.startswith("Hủy họp báo: ")
        calendar = ics_of(cancellation)
        assert calendar["method"] == "CANCEL"
        assert calendar.events[0]["status"] == "CANCELLED"
        assert calendar.events[0]["sequence"] == 1
        assert calendar.events[0]["uid"] == briefing_uid(briefing)
        kinds = [kind for _content, kind in render_message(cancellation).alternatives]
        assert "text/calendar; method=CANCEL" in kinds
    text = text_of(got["pv.b@example.org"][-1])
    assert "xin thông báo hủy buổi họp báo “Họp báo về công tác chuẩn bị" in text
    assert "dự kiến tổ chức từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020 tại" in text
    assert f"Lý do: {note}" in text
    assert "xóa buổi họp báo khỏi lịch của anh/chị" in text


def test_a_plan_cancelled_before_anyone_heard_of_it_tells_nobody(briefing, office):
    assert briefing_cancel(briefing=briefing, user=office, note="Không tổ chức.") == 0

    briefing.refresh_from_db()
    assert (briefing.status, briefing.sequence, briefing.cancelled_sent_at) == (
        BriefingStatus.CANCELLED,
        0,
        None,
    )
    assert not messages_of(briefing).exists()


def test_postponing_and_cancelling_need_a_note(briefing, office):
    for service in (briefing_postpone, briefing_cancel):
        with pytest.raises(ValidationError) as refused:
            service(briefing=briefing, user=office, note="  ")
        assert "Hãy ghi lý do" in refused.value.message_dict["status_note"][0]


def test_a_briefing_is_marked_held_only_after_it_started_and_tells_nobody(briefing, office, clock):
    briefing_invite(briefing=briefing, user=office)
    with pytest.raises(ValidationError):
        briefing_mark_held(briefing=briefing, user=office)

    clock.move_to(at(2020, 8, 5, 11))
    briefing_mark_held(
        briefing=briefing, user=office, outcome_html='<p onclick="x()">Đã thông tin đầy đủ.</p>'
    )

    briefing.refresh_from_db()
    assert briefing.status == BriefingStatus.HELD
    assert briefing.outcome == "<p>Đã thông tin đầy đủ.</p>"
    assert messages_of(briefing).count() == 2  # the invitations only
    with pytest.raises(ValidationError):
        briefing_cancel(briefing=briefing, user=office, note="Nhầm.")


# --- the admin's save ----------------------------------------------------------------------------


def test_the_admins_save_refuses_a_status_change_and_keeps_the_sequence_it_did_not_set(
    briefing, office
):
    briefing_invite(briefing=briefing, user=office)
    move(briefing, office, location="Hội trường Sở Giáo dục và Đào tạo")
    stale = type(briefing).objects.get(pk=briefing.pk)
    stale.sequence = 0  # what a form loaded before the change would carry
    stale.title = "Họp báo Kỳ thi tốt nghiệp THPT năm 2020"

    assert briefing_save(briefing=stale, user=office) == 0  # no change of time or place
    stale.refresh_from_db()
    assert (stale.title, stale.sequence) == ("Họp báo Kỳ thi tốt nghiệp THPT năm 2020", 1)

    stale.status = BriefingStatus.CANCELLED
    with pytest.raises(ValidationError) as refused:
        briefing_save(briefing=stale, user=office)
    assert "Trạng thái chỉ đổi bằng các thao tác" in refused.value.message_dict["status"][0]


def test_the_admins_save_announces_a_change_of_time_like_a_reschedule(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    edited = type(briefing).objects.get(pk=briefing.pk)
    edited.starts_at = dt.datetime(2020, 8, 5, 9, 0, 0, tzinfo=VN)
    edited.chair = "Phó Giám đốc Sở"

    assert briefing_save(briefing=edited, user=office) == 2
    assert briefing_save(briefing=edited, user=office) == 0

    assert edited.sequence == 1
    assert all(sequences(m) == [0, 1] for m in received(briefing).values())


def test_the_history_names_who_invited_and_who_changed_the_time(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    move(briefing, office, starts_at=at(2020, 8, 5, 14), ends_at=at(2020, 8, 5, 15, 30))

    latest = briefing.history.order_by("-history_id")[:3]
    assert [(h.history_change_reason, h.history_user) for h in latest] == [
        ("Đổi thời gian (lần sửa 1)", office),
        ("Gửi giấy mời (lần sửa 0)", office),
        ("Tạo họp báo", office),
    ]


def test_the_invitation_log_lists_each_message_of_the_briefing(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    briefing_cancel(briefing=briefing, user=office, note="Không tổ chức.")

    log = list(invitation_log(briefing))
    assert len(log) == 4
    assert {record.email for record in log} == set(INVITED)
    assert {record.delivery.label for record in log} == {"Chờ gửi"}  # as the outbox reports
    assert not Recipient.objects.filter(email="pv.nghi@example.org", messages__isnull=False)


def test_a_form_can_run_the_saves_checks_before_saving(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    edited = type(briefing).objects.get(pk=briefing.pk)
    edited.chair = "Phó Giám đốc Sở"
    briefing_validate(briefing=edited)  # nothing to refuse

    edited.starts_at, edited.ends_at = at(2020, 7, 19, 8), at(2020, 7, 19, 9)
    with pytest.raises(ValidationError) as refused:
        briefing_validate(briefing=edited)
    assert list(refused.value.message_dict) == ["starts_at"]

    edited.starts_at = None  # the form reports its own error on the field
    briefing_validate(briefing=edited)

    assert not briefing.history.filter(chair="Phó Giám đốc Sở").exists()
    assert messages_of(briefing).count() == 2
