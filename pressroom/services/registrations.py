"""Reporters register for a briefing: within its capacity, once per address, confirmed by e-mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from notifications.models import RecipientRole
from notifications.services import notify_address
from pressroom.events import PressEvent
from pressroom.ics import briefing_calendar
from pressroom.models import PressBriefing, Registration
from pressroom.services.invitations import briefing_when

CONFIRMATION_TEMPLATE = "pressroom/emails/registration"


class BriefingFull(ValidationError):
    pass


def briefing_register(
    *, briefing: PressBriefing, name: str, outlet: str, email: str, phone: str
) -> Registration:
    """Register a reporter. Guarantees: never more registrations than the capacity, even when
    reporters register at the same moment (the briefing row is locked while counting); one
    registration per address (a second one is refused with a Vietnamese message); the reporter
    gets one confirmation e-mail with the briefing's .ics, after commit."""
    email = email.strip().lower()
    with transaction.atomic():
        briefing = PressBriefing.objects.select_for_update().get(pk=briefing.pk)
        if not briefing.is_open_for_registration:
            raise ValidationError("Buổi họp báo này không còn nhận đăng ký trên cổng.")
        if briefing.registrations.filter(email=email).exists():
            raise ValidationError(
                {"email": "Địa chỉ thư này đã đăng ký dự buổi họp báo; không cần đăng ký lại."}
            )
        if briefing.registrations.count() >= briefing.capacity:
            raise BriefingFull(
                f"Buổi họp báo đã đủ {briefing.capacity} phóng viên đăng ký. Xin liên hệ "
                f"Văn phòng Sở nếu cần tham dự."
            )
        registration = Registration(
            briefing=briefing,
            name=name.strip(),
            outlet=outlet.strip(),
            email=email,
            phone=phone.strip(),
        )
        registration.full_clean()
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same address at the same moment
            raise ValidationError(
                {"email": "Địa chỉ thư này đã đăng ký dự buổi họp báo; không cần đăng ký lại."}
            ) from error
        # The registration is the press room's record of it; the outbox only sends.
        notify_address(
            event=PressEvent.REGISTRATION,
            subject=f"Xác nhận đăng ký dự họp báo: {briefing.title}"[:300],
            dedupe_key=f"press-registration:{registration.pk}",
            email=email,
            name=registration.name,
            role=RecipientRole.PUBLIC,
            template=CONFIRMATION_TEMPLATE,
            context={
                "paragraphs": [
                    f"Văn phòng Sở đã nhận đăng ký dự họp báo của {registration.name} "
                    f"({registration.outlet}).",
                ],
                "facts": [
                    ("Thời gian", briefing_when(briefing.starts_at, briefing.ends_at)),
                    ("Địa điểm", briefing.location),
                ],
                "url": briefing.get_absolute_url(),
                "attachments": [
                    {
                        "filename": "hop-bao.ics",
                        "content": briefing_calendar(briefing, method="PUBLISH"),
                        "mimetype": "text/calendar; method=PUBLISH",
                    }
                ],
            },
        )
    return registration
