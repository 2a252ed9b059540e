# The press room's history, read once from the notifications outbox: every message of a release
# (key press-release:<pk>) and of a briefing (press-briefing:<pk>:seq:<n> or :cancel) becomes a
# ReleaseDistribution or BriefingInvitation, with the address, name and outlet it went to, its
# time and key. From here on the press room reads only its records: who holds a copy of a
# briefing, who already has a release, what the admin lists; a replay of an old task finds the
# record and sends nothing twice.
#
# The contacts' mirrored Recipient rows stay: their messages point at them (the delivery log keeps
# its history, the foreign key protects them), and notify_address writes to the same row for the
# same address. A row switched off only because its contact or outlet was (the old contact_save
# copied that flag) is switched on again: the press room checks its own flags now, and a row left
# off would silence the contact for good once reactivated. A row the Office switched off in the
# recipients' list while the contact was active stays off, and still stops mail to that address.

import re

from django.db import migrations

RELEASE_KEY = re.compile(r"^press-release:(\d+)$")
BRIEFING_KEY = re.compile(r"^press-briefing:(\d+):(?:seq:(\d+)|cancel)$")
KINDS = {"invitation", "update", "postponement", "cancellation"}
BATCH = 500


def build_records(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    Recipient = apps.get_model("notifications", "Recipient")
    PressContact = apps.get_model("pressroom", "PressContact")
    PressRelease = apps.get_model("pressroom", "PressRelease")
    PressBriefing = apps.get_model("pressroom", "PressBriefing")
    Registration = apps.get_model("pressroom", "Registration")
    ReleaseDistribution = apps.get_model("pressroom", "ReleaseDistribution")
    BriefingInvitation = apps.get_model("pressroom", "BriefingInvitation")

    mirrored = PressContact.objects.exclude(recipient=None).select_related("outlet", "recipient")
    contact_of = {contact.recipient_id: contact for contact in mirrored}
    releases = set(PressRelease.objects.values_list("pk", flat=True))
    sequences = dict(PressBriefing.objects.values_list("pk", "sequence"))
    registrations = {(r.briefing_id, r.email.lower()): r for r in Registration.objects.all()}
    seen = {
        (key, email.lower())
        for model in (ReleaseDistribution, BriefingInvitation)
        for key, email in model.objects.values_list("dedupe_key", "email")
    }

    distributions, invitations = [], []
    messages = (
        Message.objects.filter(event__in=["thong-cao-bao-chi", "hop-bao"])
        .filter(dedupe_key__startswith="press-")
        .select_related("recipient")
        .order_by("pk")
    )
    for message in messages.iterator(chunk_size=BATCH):
        address = message.recipient.email
        if (message.dedupe_key, address.lower()) in seen:
            continue  # one record per key and address: the first message
        seen.add((message.dedupe_key, address.lower()))
        contact = contact_of.get(message.recipient_id)
        addressed = {
            "contact": contact,
            "name": message.recipient.name,
            "organisation": message.recipient.organisation,
            "email": address,
            "dedupe_key": message.dedupe_key,
            "created_at": message.created_at,
        }
        if match := RELEASE_KEY.match(message.dedupe_key):
            release_id = int(match[1])
            if release_id in releases:
                distributions.append(ReleaseDistribution(release_id=release_id, **addressed))
        elif match := BRIEFING_KEY.match(message.dedupe_key):
            briefing_id = int(match[1])
            if briefing_id not in sequences:
                continue
            context = message.context or {}
            cancel = match[2] is None
            kind = context.get("kind")
            if kind not in KINDS:
                kind = "cancellation" if cancel else "invitation"
            if match[2] is not None:
                sequence = int(match[2])
            else:  # the cancellation carries the last version, raised when cancelling
                sequence = int(context.get("sequence", sequences[briefing_id]))
            invitations.append(
                BriefingInvitation(
                    briefing_id=briefing_id,
                    kind=kind,
                    sequence=sequence,
                    registration=registrations.get((briefing_id, address.lower())),
                    subject=message.subject,
                    **addressed,
                )
            )
    ReleaseDistribution.objects.bulk_create(distributions, batch_size=BATCH)
    BriefingInvitation.objects.bulk_create(invitations, batch_size=BATCH)

    switched_on_again = [
        contact.recipient_id
        for contact in mirrored
        if not contact.recipient.is_active
        and not (contact.is_active and contact.outlet.is_active)
    ]
    Recipient.objects.filter(pk__in=switched_on_again).update(is_active=True)


def unbuild_records(apps, schema_editor):
    """Back to the old code: the records go, each contact is linked again to a Recipient of its
    address (role press), the one named after its outlet first; the old contact_save makes one
    for a contact left without."""
    Recipient = apps.get_model("notifications", "Recipient")
    PressContact = apps.get_model("pressroom", "PressContact")
    apps.get_model("pressroom", "ReleaseDistribution").objects.all().delete()
    apps.get_model("pressroom", "BriefingInvitation").objects.all().delete()
    taken = set(PressContact.objects.exclude(recipient=None).values_list("recipient_id", flat=True))
    for contact in PressContact.objects.filter(recipient=None).select_related("outlet"):
        rows = [
            row
            for row in Recipient.objects.filter(
                email__iexact=contact.email, role="bao-chi", user=None
            ).order_by("pk")
            if row.pk not in taken
        ]
        rows.sort(key=lambda row: row.organisation != contact.outlet.name)
        if rows:
            taken.add(rows[0].pk)
            PressContact.objects.filter(pk=contact.pk).update(recipient=rows[0])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_events_declared_by_apps"),
        ("pressroom", "0002_press_records"),
    ]

    operations = [migrations.RunPython(build_records, unbuild_records)]
