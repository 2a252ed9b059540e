"""A release is public at its embargo without anyone acting, and reaches each contact once."""

import datetime as dt

import pytest
import time_machine

from notifications.models import Message
from pressroom import tasks
from pressroom.events import PressEvent
from pressroom.models import DistributionList, PressContact, PressRelease, ReleaseStatus
from pressroom.services.contacts import contact_save
from pressroom.services.releases import release_distribute, releases_distribute_due
from tests.factories import at


def sent_to(release) -> list[str]:
    return sorted(
        Message.objects.filter(
            event=PressEvent.RELEASE, dedupe_key=f"press-release:{release.pk}"
        ).values_list("recipient__email", flat=True)
    )


def test_under_embargo_a_release_is_not_published_and_not_sent(make_release):
    with time_machine.travel(at(2020, 8, 3, 9), tick=False):
        release = make_release(publish_at=at(2020, 8, 3, 15))
        assert not PressRelease.objects.published().filter(pk=release.pk).exists()
        assert releases_distribute_due() == 0
    assert sent_to(release) == []


def test_at_its_time_the_release_is_public_and_sent_without_anyone_acting(make_release):
    with time_machine.travel(at(2020, 8, 3, 9), tick=False):
        release = make_release(publish_at=at(2020, 8, 3, 15))
    with time_machine.travel(at(2020, 8, 3, 15, 0, 30), tick=False):
        assert PressRelease.objects.published().filter(pk=release.pk).exists()
        tasks.distribute_due()  # what beat runs every minute
    # The shared contact once, the inactive one never.
    assert sent_to(release) == ["pv.a@example.org", "pv.b@example.org"]
    release.refresh_from_db()
    assert release.distributed_at == at(2020, 8, 3, 15, 0, 30)


def test_running_the_distribution_twice_sends_one_email_per_contact(make_release):
    release = make_release()
    tasks.distribute_due()
    tasks.distribute_due()
    assert release_distribute(release_id=release.pk) == 0
    assert sent_to(release) == ["pv.a@example.org", "pv.b@example.org"]


def test_a_contact_added_later_gets_it_once_on_resend_and_nobody_twice(make_release, press):
    release = make_release()
    tasks.distribute_due()
    local, _central = press["outlets"]
    late = contact_save(contact=PressContact(outlet=local, name="PV C", email="pv.c@example.org"))
    DistributionList.objects.get(name="Báo chí địa phương").contacts.add(late)
    assert release_distribute(release_id=release.pk, resend=True) == 1
    assert release_distribute(release_id=release.pk, resend=True) == 0
    assert sent_to(release) == ["pv.a@example.org", "pv.b@example.org", "pv.c@example.org"]


@pytest.mark.parametrize("status", [ReleaseStatus.DRAFT, ReleaseStatus.WITHDRAWN])
def test_drafts_and_withdrawn_releases_are_never_sent(make_release, status):
    release = make_release(status=status, withdrawn_reason="Sai số liệu")
    assert releases_distribute_due() == 0
    assert release_distribute(release_id=release.pk, resend=True) == 0
    assert sent_to(release) == []


def test_the_email_carries_the_release_and_links_to_its_page(make_release):
    release = make_release()
    releases_distribute_due()
    message = Message.objects.filter(event=PressEvent.RELEASE).first()
    assert message.subject == (
        "Thông cáo báo chí số 01/TCBC-SGDĐT: Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020"
    )
    assert message.context["url"] == release.get_absolute_url()
    assert "9.658 thí sinh" in message.context["body_html"]


def test_a_contact_edit_is_what_the_next_email_uses_and_deactivation_stops_mail(
    press, make_release
):
    contact = press["people"]["b"]
    contact.email = "moi@example.org"
    contact.is_active = False
    contact_save(contact=contact)
    release = make_release()
    tasks.distribute_due()
    assert sent_to(release) == ["pv.a@example.org"]

    contact.is_active = True
    contact_save(contact=contact)
    assert release_distribute(release_id=release.pk, resend=True) == 1
    assert sent_to(release) == ["moi@example.org", "pv.a@example.org"]


def test_a_late_approval_with_a_past_time_is_sent_at_the_next_sweep(make_release):
    release = make_release(status=ReleaseStatus.DRAFT)
    release.status = ReleaseStatus.APPROVED
    release.publish_at -= dt.timedelta(days=1)
    release.save()
    assert releases_distribute_due() == 1
    assert len(sent_to(release)) == 2
