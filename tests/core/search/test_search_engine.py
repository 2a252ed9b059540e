"""The shell's search: providers declared by apps, one query each, merged by score then date."""

import datetime as dt
import unicodedata

import pytest
from django.apps import apps
from django.core.paginator import InvalidPage
from django.utils import timezone

from core import search
from core.search import ProviderResult, SearchHit, highlight, parse_query
from news.search import provider as news_provider

NOW = timezone.now()


class FakeProvider:
    """What a later app (documents, press releases, Q&A) would register: fixed hits, no query."""

    def __init__(self):
        self.hits = [
            SearchHit(
                "Văn bản", "Văn bản điểm cao", "", "/van-ban/a/", NOW - dt.timedelta(days=9), 1000.0
            ),
            SearchHit("Văn bản", "Văn bản điểm thấp", "", "/van-ban/b/", dt.date(2020, 7, 1), 0.0),
        ]
        self.limits = []

    def search(self, query, *, limit):
        self.limits.append(limit)
        return ProviderResult(hits=self.hits[:limit], total=len(self.hits))


fake_provider = FakeProvider()


@pytest.fixture
def documents_provider(monkeypatch):
    monkeypatch.setattr(
        apps.get_app_config("documents"),
        "search_provider",
        "tests.core.search.test_search_engine.fake_provider",
        raising=False,
    )
    fake_provider.limits.clear()
    return fake_provider


def test_the_news_app_declares_its_provider_on_its_app_config():
    assert apps.get_app_config("news").search_provider == "news.search.provider"
    assert news_provider in search.providers()


def test_a_provider_declared_by_another_app_joins_the_search(documents_provider):
    from hotline.search import provider as qa_provider
    from pressroom.search import provider as release_provider

    assert search.providers() == [news_provider, documents_provider, qa_provider, release_provider]


def test_hits_of_every_provider_are_merged_by_score_then_date(db, publish, documents_provider):
    publish("Kỳ thi: bài đăng hôm nay")
    publish("Kỳ thi: bài cũ", days_ago=30)

    results = search.search(parse_query("ky thi"))

    assert [shown.hit.title for shown in results.hits] == [
        "Văn bản điểm cao",
        "Kỳ thi: bài đăng hôm nay",
        "Kỳ thi: bài cũ",
        "Văn bản điểm thấp",
    ]
    assert results.total == 4
    assert [shown.hit.kind for shown in results.hits] == [
        "Văn bản",
        "Tin tức",
        "Tin tức",
        "Văn bản",
    ]


def test_every_provider_is_asked_for_enough_hits_to_cut_the_page(db, documents_provider):
    with pytest.raises(InvalidPage):  # two hits make no third page
        search.search(parse_query("ky thi"), page_number=3)

    assert documents_provider.limits == [30]


def test_a_search_runs_one_query_per_provider_whatever_the_number_of_articles(
    db, publish, django_assert_num_queries
):
    for n in range(25):
        publish(f"Kỳ thi: tin số {n}")

    with django_assert_num_queries(len(search.providers())):
        results = search.search(parse_query("ky thi"), page_number=2)

    assert results.total == 25
    assert len(results.hits) == 10


def test_the_news_provider_returns_the_best_hits_and_the_total_of_all_matches(db, publish):
    for n in range(5):
        publish(f"Kỳ thi: tin số {n}", days_ago=n)

    result = news_provider.search(parse_query("ky thi"), limit=2)

    assert result.total == 5
    assert [hit.title for hit in result.hits] == ["Kỳ thi: tin số 0", "Kỳ thi: tin số 1"]
    assert result.hits[0].kind == "Tin tức"
    assert result.hits[0].url.startswith("/tin-tuc/")


def test_a_query_is_normalised_into_distinct_words():
    query = parse_query("  Kỳ   THI, kỳ thi — Đề-thi 2020!  ")

    assert query.text == "Kỳ THI, kỳ thi — Đề-thi 2020!"
    assert query.words == ("ky", "thi", "de", "2020")
    assert query.is_searchable


def test_a_query_longer_than_200_characters_is_cut_before_the_word_the_limit_falls_in():
    query = parse_query("ky thi " * 60)  # the 200th character is inside a "thi"

    assert len(query.text) <= 200
    assert query.text.endswith("ky")
    assert query.words == ("ky", "thi")
    assert len(parse_query("x" * 500).text) == 200


def test_a_query_of_one_letter_or_no_letters_is_not_searched():
    assert not parse_query("").is_searchable
    assert not parse_query("ý").is_searchable
    assert not parse_query("?! …").is_searchable
    assert parse_query("ab").is_searchable


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Kỳ thi năm 2020", ["ky", "thi"], "<mark>Kỳ thi</mark> năm 2020"),
        ("Đề thi và ĐỀ THI", ["de"], "<mark>Đề</mark> thi và <mark>ĐỀ</mark> THI"),
        ("Thiết bị thi", ["thi"], "Thiết bị <mark>thi</mark>"),  # whole words only
        ("a < b & thi", ["thi"], "a &lt; b &amp; <mark>thi</mark>"),
        ("Kỳ thi", [], "Kỳ thi"),
        ("", ["thi"], ""),
    ],
)
def test_highlighting_marks_whole_words_in_their_original_accents(text, words, expected):
    assert highlight(text, words) == expected


def test_highlighting_a_decomposed_text_shows_it_composed():
    assert highlight(unicodedata.normalize("NFD", "Kỳ thi"), ["ky"]) == "<mark>Kỳ</mark> thi"


def test_highlighting_keeps_a_combining_mark_without_a_composed_form_inside_the_mark():
    # "x̂" has no precomposed form: the mark stays a separate character of the NFC text.
    assert highlight("x\u0302 thi", ["x"]) == "<mark>x\u0302</mark> thi"


def test_highlighting_copes_with_characters_whose_normal_form_is_longer():
    # "ß" case-folds to "ss": the normalised text is longer than the original.
    assert highlight("Straße thi", ["strasse", "thi"]) == "<mark>Straße thi</mark>"
