"""The press room: media outlets and their contacts, press releases under embargo, press briefings
with invitations and registrations, and the media kit.

A release is public from its `publish_at` (the embargo) without anyone acting: the `published()`
queryset decides by time, and a beat task e-mails it once to the chosen distribution lists at
that time. Before it, staff and the outlets holding a private link (one per outlet) can read it.
A briefing carries the SEQUENCE of its iCalendar invitation: each change of time or place that
was already announced raises it, so calendars replace the old invitation.

A package by sub-domain (contacts, releases, briefings, kit); callers import from here."""

from __future__ import annotations

from pressroom.models.briefings import (
    BriefingInvitation,
    BriefingMaterial,
    BriefingStatus,
    InvitationKind,
    PressBriefing,
    PressBriefingQuerySet,
    Registration,
    Wave,
)
from pressroom.models.contacts import (
    DEFAULT_LOCATION,
    CheckedFile,
    DistributionList,
    MediaOutlet,
    OutletKind,
    PressContact,
    Spokesperson,
    new_token,
    upload_to,
)
from pressroom.models.kit import MediaKitItem
from pressroom.models.releases import (
    PressRelease,
    PressReleaseQuerySet,
    ReleaseAttachment,
    ReleaseCorrection,
    ReleaseDistribution,
    ReleaseStatus,
)

__all__ = [
    "DEFAULT_LOCATION",
    "BriefingInvitation",
    "BriefingMaterial",
    "BriefingStatus",
    "CheckedFile",
    "DistributionList",
    "InvitationKind",
    "MediaKitItem",
    "MediaOutlet",
    "OutletKind",
    "PressBriefing",
    "PressBriefingQuerySet",
    "PressContact",
    "PressRelease",
    "PressReleaseQuerySet",
    "Registration",
    "ReleaseAttachment",
    "ReleaseCorrection",
    "ReleaseDistribution",
    "ReleaseStatus",
    "Spokesperson",
    "Wave",
    "new_token",
    "upload_to",
]
