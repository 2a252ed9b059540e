"""Press releases in the site search (/tim-kiem/): published only, accents optional, ranked like
the other columns, one query."""

import datetime as dt

from django.apps import apps
from django.utils import timezone

from core import search
from core.search import parse_query
from pressroom.search import provider


def urls(result) -> list[str]:
    return [hit.url for hit in result.hits]


def test_the_pressroom_app_declares_its_provider():
    assert apps.get_app_config("pressroom").search_provider == "pressroom.search.provider"
    assert provider in search.providers()


def test_a_release_is_found_with_or_without_accents(make_release):
    release = make_release(
        "Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020",
        summary="Tình hình chuẩn bị Kỳ thi tại Cà Mau.",
        body="<p>Toàn tỉnh có 9.658 thí sinh đăng ký dự thi.</p>",
    )
    make_release("Họp báo sau Kỳ thi", summary="Kết quả chấm thi.", body="<p>Điểm thi.</p>")
    for words in ("thong cao", "Thông cáo", "THÔNG CÁO", "thi sinh dang ky", "ca mau"):
        result = provider.search(parse_query(words), limit=10)
        assert urls(result) == [release.get_absolute_url()], words
        assert result.total == 1


def test_a_hit_is_named_by_the_number_and_title_and_dated_by_its_publication(make_release):
    numbered = make_release(
        "Lịch thi tốt nghiệp THPT", number="01/TCBC-SGDĐT", summary="Lịch thi các môn."
    )
    unnumbered = make_release("Lịch thi đợt 2", number="", summary="Lịch thi đợt hai.")

    hits = {hit.url: hit for hit in provider.search(parse_query("lich thi"), limit=10).hits}

    hit = hits[numbered.get_absolute_url()]
    assert hit.kind == "Thông cáo báo chí"
    assert hit.title == "Thông cáo số 01/TCBC-SGDĐT: Lịch thi tốt nghiệp THPT"
    assert hit.summary == "Lịch thi các môn."
    assert hit.url == f"/bao-chi/thong-cao/{numbered.slug}/"
    assert hit.date == numbered.publish_at
    assert hits[unnumbered.get_absolute_url()].title == "Lịch thi đợt 2"


def test_a_release_is_found_by_its_number(make_release):
    release = make_release("Kết quả thi", number="07/TCBC-SGDĐT")
    make_release("Kết quả thi đợt 2", number="08/TCBC-SGDĐT")
    for words in ("07/TCBC-SGDĐT", "07 tcbc"):
        assert urls(provider.search(parse_query(words), limit=10)) == [
            release.get_absolute_url()
        ], words


def test_a_title_match_ranks_above_a_newer_body_only_match(make_release):
    # The numbered heading is the title: a word at the end of the title still counts as one.
    body_only = make_release(
        "Công tác chuẩn bị", number="04/TCBC-SGDĐT", body="<p>Thông tin về phúc khảo.</p>"
    )
    title = make_release(
        "Kết quả phúc khảo",
        number="05/TCBC-SGDĐT",
        publish_at=timezone.now() - dt.timedelta(days=5),
    )
    assert urls(provider.search(parse_query("phuc khao"), limit=10)) == [
        title.get_absolute_url(),
        body_only.get_absolute_url(),
    ]


def test_drafts_withdrawn_and_embargoed_releases_are_never_found(hidden_releases):
    result = provider.search(parse_query("lich thi"), limit=10)
    assert result.hits == [] and result.total == 0


def test_a_search_asks_the_database_once(make_release, django_assert_num_queries):
    for n in range(15):
        make_release(f"Lịch thi môn số {n}")
    with django_assert_num_queries(1):
        result = provider.search(parse_query("lich thi"), limit=10)
    assert len(result.hits) == 10 and result.total == 15


def test_the_search_page_shows_a_release_hit(client, make_release):
    release = make_release("Thông cáo về lịch thi", number="03/TCBC-SGDĐT")
    page = client.get("/tim-kiem/", {"q": "thong cao"}).content.decode()
    assert '<span class="tag">Thông cáo báo chí</span>' in page
    assert (
        f'<a href="{release.get_absolute_url()}"><mark>Thông cáo</mark> số 03/TCBC-SGDĐT: '
        "<mark>Thông cáo</mark> về lịch thi</a>"
    ) in page
