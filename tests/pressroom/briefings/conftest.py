"""A briefing on 5/8/2020 from 8:30 to 10:00 (Hồ Chí Minh time) for the two lists of
tests/pressroom/conftest.py's `press`, and the helpers that open what the recipients would
receive: the rendered e-mail and its .ics."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from icalendar import Calendar

from notifications.models import Message
from notifications.services import render_message
from pressroom.events import PressEvent
from pressroom.models import PressBriefing, Wave
from pressroom.services.briefings import briefing_save
from tests.factories import at

# The day the Office works on the briefing: two weeks before it.
TODAY = at(2020, 7, 20, 9)


@pytest.fixture(autouse=True)
def clock():
    """Frozen at TODAY; tests move it with `clock.move_to(...)`."""
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://thi.example.org"
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "thi.example.org"
    settings.DEFAULT_FROM_EMAIL = "Cổng thông tin Kỳ thi <no-reply@thi.example.org>"


@pytest.fixture
def office(db):
    return get_user_model().objects.create_user(
        username="vanphong", email="vanphong@example.org", is_staff=True
    )


@pytest.fixture
def briefing(press, office) -> PressBriefing:
    briefing = PressBriefing(
        title="Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020",
        wave=Wave.BEFORE,
        starts_at=at(2020, 8, 5, 8, 30),
        ends_at=at(2020, 8, 5, 10),
        chair="Giám đốc Sở Giáo dục và Đào tạo",
        participants="Thường trực Ban Chỉ đạo thi tỉnh; cơ quan báo chí địa phương và trung ương.",
        agenda="<p>Thông tin về <strong>9.658 thí sinh</strong> đăng ký dự thi.</p>",
    )
    briefing_save(briefing=briefing, user=office)
    briefing.lists.set(press["lists"])
    return briefing


def messages_of(briefing: PressBriefing):
    return Message.objects.filter(
        event=PressEvent.BRIEFING, dedupe_key__startswith=f"press-briefing:{briefing.pk}:"
    ).order_by("pk")


def received(briefing: PressBriefing) -> dict[str, list[Message]]:
    """Each address and the messages of this briefing it was sent, oldest first."""
    by_address: dict[str, list[Message]] = {}
    for message in messages_of(briefing).select_related("recipient"):
        by_address.setdefault(message.recipient.email, []).append(message)
    return by_address


def ics_of(message: Message) -> Calendar:
    """The one .ics attached to the e-mail as the worker would send it, parsed."""
    email = render_message(message)
    [attachment] = [a for a in email.attachments if a.filename.endswith(".ics")]
    return Calendar.from_ical(attachment.content.decode("utf-8"))


def event_of(message: Message):
    [event] = ics_of(message).events
    return event


def text_of(message: Message) -> str:
    return render_message(message).body


def html_of(message: Message) -> str:
    [(html, mimetype)] = [
        (content, kind) for content, kind in render_message(message).alternatives
        if kind == "text/html"
    ]  # fmt: skip
    assert mimetype == "text/html"
    return html
