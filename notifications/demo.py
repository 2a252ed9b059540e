"""Demo recipients (fictional names, example.org addresses) and what they want to hear.

The events are the apps' own (notifications knows none by name): the shell's seed_demo hands them
over, as it hands documents' look-up to news and hotline."""

from collections.abc import Iterable

from notifications.models import Delivery, Recipient, RecipientRole, Subscription

# (e-mail, name, title, organisation, role, standing member)
RECIPIENTS = [
    (
        "truongban@example.org",
        "Lê Văn Mẫu",
        "Trưởng ban",
        "UBND tỉnh Cà Mau",
        RecipientRole.HEAD,
        False,
    ),
    (
        "photruongban@example.org",
        "Trần Thị Mẫu",
        "Phó Trưởng ban thường trực",
        "Sở GD&ĐT Cà Mau",
        RecipientRole.STANDING_DEPUTY,
        True,
    ),
    (
        "chutichhdt@example.org",
        "Phạm Văn Thử",
        "Chủ tịch Hội đồng thi",
        "Hội đồng thi tỉnh Cà Mau",
        RecipientRole.COUNCIL_CHAIR,
        True,
    ),
    (
        "giamdoc@example.org",
        "Võ Minh Thử",
        "Giám đốc Sở",
        "Sở GD&ĐT Cà Mau",
        RecipientRole.DIRECTOR,
        True,
    ),
    (
        "chanhvanphong@example.org",
        "Nguyễn Văn Mẫu",
        "Chánh Văn phòng",
        "Sở GD&ĐT Cà Mau",
        RecipientRole.OFFICE,
        True,
    ),
    (
        "truongphongkhaothi@example.org",
        "Huỳnh Thị Thử",
        "Trưởng phòng Khảo thí và QLCL",
        "Sở GD&ĐT Cà Mau",
        RecipientRole.TESTING,
        True,
    ),
    (
        "thanhvienbcd@example.org",
        "Đặng Văn Mẫu",
        "Thành viên Ban Chỉ đạo",
        "Công an tỉnh Cà Mau",
        RecipientRole.MEMBER,
        False,
    ),
]


def seed_recipients(
    *, at_once: Iterable[str] = (), in_digest: Iterable[str] = (), urgent: Iterable[str] = ()
) -> None:
    """The demo recipients; standing members subscribe to `at_once` events at once and to
    `in_digest` ones in their digest, the other members to the `urgent` events at once."""
    at_once, in_digest, urgent = list(at_once), list(in_digest), list(urgent)
    for email, name, title, organisation, role, standing in RECIPIENTS:
        recipient, _ = Recipient.objects.update_or_create(
            email=email,
            defaults={
                "name": name,
                "title": title,
                "organisation": organisation,
                "role": role,
                "is_standing": standing,
            },
        )
        # Standing members hear every incident at once; the others hear the urgent ones.
        for event in at_once if standing else urgent:
            Subscription.objects.get_or_create(
                recipient=recipient, event=event, defaults={"delivery": Delivery.IMMEDIATE}
            )
        if standing:
            for event in in_digest:
                Subscription.objects.get_or_create(
                    recipient=recipient, event=event, defaults={"delivery": Delivery.DIGEST}
                )
