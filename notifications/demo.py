"""Demo recipients (fictional names, example.org addresses) and what they want to hear."""

from notifications.models import Delivery, Event, Recipient, RecipientRole, Subscription

AT_ONCE = [
    Event.REPORT_URGENT,
    Event.REPORT_MISSING,
    Event.HOTLINE_ESCALATED,
    Event.HOTLINE_URGENT,
]
IN_DIGEST = [Event.REPORT_SUBMITTED, Event.REPORT_AMENDED, Event.HOTLINE_QUESTION]

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


def seed_recipients() -> None:
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
        for event in AT_ONCE if standing else [Event.REPORT_URGENT, Event.HOTLINE_URGENT]:
            Subscription.objects.get_or_create(
                recipient=recipient, event=event, defaults={"delivery": Delivery.IMMEDIATE}
            )
        if standing:
            for event in IN_DIGEST:
                Subscription.objects.get_or_create(
                    recipient=recipient, event=event, defaults={"delivery": Delivery.DIGEST}
                )
