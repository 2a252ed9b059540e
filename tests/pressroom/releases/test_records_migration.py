"""An existing database keeps its press history: the press room's records are built from the
notifications outbox's rows of the code before them, and a replay then sends nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("pressroom", "0001_initial"), ("notifications", "0004_events_declared_by_apps")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return [graph.leaf_nodes(app)[0] for app in ("pressroom", "notifications")]


@pytest.mark.django_db(transaction=True)
def test_the_records_are_built_from_the_old_outbox_rows_and_a_replay_sends_nothing_twice():
    old = migrate(BEFORE)
    Recipient = old.get_model("notifications", "Recipient")
    Message = old.get_model("notifications", "Message")
    Outlet = old.get_model("pressroom", "MediaOutlet")
    Contact = old.get_model("pressroom", "PressContact")
    Release = old.get_model("pressroom", "PressRelease")
    Briefing = old.get_model("pressroom", "PressBriefing")
    Registration = old.get_model("pressroom", "Registration")
    ListModel = old.get_model("pressroom", "DistributionList")

    outlet = Outlet.objects.create(name="Báo Mẫu Cà Mau", kind="dia-phuong", token="t1")
    people = {}
    for key, name, email, active in [
        ("a", "Phóng viên A", "pv.a@example.org", True),
        ("off", "Phóng viên nghỉ", "pv.nghi@example.org", False),  # mirror off by the sync
        ("muted", "Phóng viên tắt", "pv.tat@example.org", True),  # mirror off by the Office
    ]:
        mirror = Recipient.objects.create(
            name=name, organisation=outlet.name, email=email, role="bao-chi",
            is_active=active and key != "muted",
        )  # fmt: skip
        people[key] = Contact.objects.create(
            outlet=outlet, name=name, email=email, is_active=active, recipient=mirror
        )
    registrant = Recipient.objects.create(
        name="PV Đăng ký", email="dk@example.org", role="nguoi-dan"
    )
    everyone = ListModel.objects.create(name="Tất cả")
    everyone.contacts.add(*people.values())
    now = timezone.now()
    release = Release.objects.create(
        title="Thông cáo cũ", slug="thong-cao-cu", summary="x", body="<p>x</p>", status="duyet",
        publish_at=now - dt.timedelta(days=1), distributed_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    release.lists.add(everyone)
    briefing = Briefing.objects.create(
        title="Họp báo cũ", slug="hop-bao-cu", wave=1, starts_at=now + dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5, hours=2), status="da-moi", sequence=1,
        invited_sequence=1,
    )  # fmt: skip
    briefing.lists.add(everyone)
    registration = Registration.objects.create(
        briefing=briefing, name="PV Đăng ký", outlet="Đài Mẫu", email="dk@example.org", phone="0"
    )

    def sent(recipient, event, key, subject, **context):
        return Message.objects.create(
            recipient=recipient, event=event, dedupe_key=key, subject=subject, context=context,
            status="da-gui", sent_at=now, template="pressroom/emails/invitation",
        )  # fmt: skip

    a = people["a"].recipient
    sent(a, "thong-cao-bao-chi", f"press-release:{release.pk}", "Thông cáo báo chí: cũ")
    seq0 = f"press-briefing:{briefing.pk}:seq:0"
    seq1 = f"press-briefing:{briefing.pk}:seq:1"
    for recipient in (a, people["off"].recipient, registrant):
        sent(recipient, "hop-bao", seq0, "Giấy mời họp báo: cũ", kind="invitation", sequence=0)
    for recipient in (a, registrant):
        sent(recipient, "hop-bao", seq1, "Thay đổi: cũ", kind="update", sequence=1)
    sent(registrant, "dang-ky-hop-bao", f"press-registration:{registration.pk}", "Xác nhận")

    new = migrate(latest())

    Distribution = new.get_model("pressroom", "ReleaseDistribution")
    Invitation = new.get_model("pressroom", "BriefingInvitation")
    assert list(
        Distribution.objects.values_list(
            "release_id", "contact_id", "name", "organisation", "email"
        )
    ) == [(release.pk, people["a"].pk, "Phóng viên A", "Báo Mẫu Cà Mau", "pv.a@example.org")]
    assert sorted(
        Invitation.objects.values_list(
            "briefing_id", "kind", "sequence", "email", "contact_id", "registration_id", "subject"
        )
    ) == sorted([
        (briefing.pk, "invitation", 0, "pv.a@example.org", people["a"].pk, None, "Giấy mời họp báo: cũ"),
        (briefing.pk, "invitation", 0, "pv.nghi@example.org", people["off"].pk, None, "Giấy mời họp báo: cũ"),
        (briefing.pk, "invitation", 0, "dk@example.org", None, registration.pk, "Giấy mời họp báo: cũ"),
        (briefing.pk, "update", 1, "pv.a@example.org", people["a"].pk, None, "Thay đổi: cũ"),
        (briefing.pk, "update", 1, "dk@example.org", None, registration.pk, "Thay đổi: cũ"),
    ])  # fmt: skip
    NewRecipient = new.get_model("notifications", "Recipient")
    # The mirrors stay (their messages point at them); one switched off only by the sync is on
    # again, the one the Office switched off stays off.
    assert dict(NewRecipient.objects.filter(role="bao-chi").values_list("email", "is_active")) == {
        "pv.a@example.org": True,
        "pv.nghi@example.org": True,
        "pv.tat@example.org": False,
    }

    # With the current code: a replay of the distribution and of the invitation sends nothing
    # to whoever had it; the contact muted by the Office still gets nothing.
    from notifications.models import Message as CurrentMessage
    from pressroom.models import PressBriefing
    from pressroom.services.briefings import briefing_invite
    from pressroom.services.releases import release_distribute

    before = CurrentMessage.objects.count()
    assert release_distribute(release_id=release.pk, resend=True) == 0
    assert briefing_invite(briefing=PressBriefing.objects.get(pk=briefing.pk), user=None) == 0
    assert CurrentMessage.objects.count() == before
