"""A press release under embargo is in none of the site search, the feeds, the sitemap and the
API; at its time it is in all of them without anyone acting. Drafts and withdrawn releases never."""

import datetime as dt

import pytest
import time_machine

from pressroom import tasks
from pressroom.services.releases import release_withdraw
from tests.factories import at
from tests.pressroom.feeds.conftest import EVERYWHERE, where_the_public_finds

EMBARGO = at(2020, 8, 3, 15)


@pytest.fixture
def embargoed(make_release):
    with time_machine.travel(at(2020, 8, 3, 9), tick=False):
        return make_release(
            "Thông cáo về lịch thi tốt nghiệp THPT năm 2020",
            summary="Lịch thi các môn tại 14 điểm thi của tỉnh.",
            publish_at=EMBARGO,
        )


def test_an_approved_release_is_nowhere_before_its_time_and_everywhere_from_it(client, embargoed):
    with time_machine.travel(at(2020, 8, 3, 9), tick=False):
        assert where_the_public_finds(client, embargoed, query="lich thi") == set()
    with time_machine.travel(EMBARGO - dt.timedelta(seconds=1), tick=False):
        assert where_the_public_finds(client, embargoed, query="lich thi") == set()
    # Nobody acts: no editor, and beat's sweep has not run either.
    with time_machine.travel(EMBARGO, tick=False):
        assert where_the_public_finds(client, embargoed, query="lich thi") == EVERYWHERE
    with time_machine.travel(EMBARGO + dt.timedelta(days=3), tick=False):
        assert where_the_public_finds(client, embargoed, query="lich thi") == EVERYWHERE
    embargoed.refresh_from_db()
    assert embargoed.distributed_at is None


@pytest.mark.parametrize("kind", ["draft", "withdrawn"])
def test_drafts_and_withdrawn_releases_are_never_public(client, hidden_releases, kind):
    release = hidden_releases[kind]
    assert where_the_public_finds(client, release, query="lich thi") == set()
    with time_machine.travel(release.publish_at + dt.timedelta(days=365), tick=False):
        assert where_the_public_finds(client, release, query="lich thi") == set()


def test_a_withdrawn_release_leaves_everything_it_was_in(client, make_release, django_user_model):
    release = make_release("Thông cáo về lịch thi")
    assert where_the_public_finds(client, release, query="lich thi") == EVERYWHERE
    editor = django_user_model.objects.create_user("vanphong", email="vanphong@example.org")
    release_withdraw(release=release, user=editor, reason="Số liệu chưa chính xác.")
    assert where_the_public_finds(client, release, query="lich thi") == set()


def test_a_search_page_cached_before_the_embargo_shows_the_release_after_the_minute_sweep(
    client, embargoed
):
    url = embargoed.get_absolute_url()
    with time_machine.travel(EMBARGO - dt.timedelta(seconds=20), tick=False):
        assert url not in client.get("/tim-kiem/", {"q": "lich thi"}).content.decode()
    with time_machine.travel(EMBARGO + dt.timedelta(seconds=30), tick=False):
        tasks.distribute_due()  # what beat runs every minute
        assert f'href="{url}"' in client.get("/tim-kiem/", {"q": "lich thi"}).content.decode()
