"""/tim-kiem/?q=: accent-optional search of the news column, ranked, paginated and highlighted."""

import datetime as dt
import re
import unicodedata

import pytest
from django.utils import timezone

from core import search

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [hit.hit.title for hit in response.context["results"].hits]


def test_typing_without_accents_finds_an_accented_title(client, publish):
    publish("Kỳ thi tốt nghiệp THPT năm 2020 diễn ra an toàn")

    response = client.get("/tim-kiem/", {"q": "ky thi"})

    assert response.status_code == 200
    assert titles(response) == ["Kỳ thi tốt nghiệp THPT năm 2020 diễn ra an toàn"]
    assert "Tìm thấy 1 kết quả cho “<strong>ky thi</strong>”" in response.content.decode()


def test_typing_with_accents_finds_the_same_article(client, publish):
    publish("Kỳ thi tốt nghiệp THPT năm 2020 diễn ra an toàn")

    assert titles(client.get("/tim-kiem/", {"q": "Kỳ thi"})) == titles(
        client.get("/tim-kiem/", {"q": "ky thi"})
    )
    assert len(titles(client.get("/tim-kiem/", {"q": "KỲ THI"}))) == 1


def test_an_accented_query_finds_text_written_without_accents(client, publish):
    publish("Thong bao lich thi (ban khong dau)")

    assert titles(client.get("/tim-kiem/", {"q": "Lịch thi"})) == [
        "Thong bao lich thi (ban khong dau)"
    ]


@pytest.mark.parametrize("query", ["de thi", "Đề thi", "đề thi", "DE THI"])
def test_d_with_stroke_is_matched_by_a_plain_d(client, publish, query):
    publish("Đề thi môn Ngữ văn")

    assert titles(client.get("/tim-kiem/", {"q": query})) == ["Đề thi môn Ngữ văn"]


def test_a_decomposed_unicode_query_finds_the_composed_title(client, publish):
    publish("Kỳ thi tốt nghiệp THPT")
    decomposed = unicodedata.normalize("NFD", "Kỳ thi tốt nghiệp")
    assert decomposed != "Kỳ thi tốt nghiệp"

    assert titles(client.get("/tim-kiem/", {"q": decomposed})) == ["Kỳ thi tốt nghiệp THPT"]


def test_every_word_of_the_query_must_occur(client, publish):
    publish("Lịch thi môn Toán")
    publish("Lịch làm việc của Ban Chỉ đạo")

    assert titles(client.get("/tim-kiem/", {"q": "lich thi"})) == ["Lịch thi môn Toán"]


def test_words_are_found_in_the_summary_and_the_body_too(client, publish):
    publish("Thông báo số 1", summary="Lịch tập huấn cán bộ coi thi.")
    publish("Thông báo số 2", body="<p>Các điểm <strong>tập huấn</strong> được bố trí...</p>")

    assert sorted(titles(client.get("/tim-kiem/", {"q": "tap huan"}))) == [
        "Thông báo số 1",
        "Thông báo số 2",
    ]


def test_a_document_number_is_found_through_its_parts(client, publish):
    publish("Triển khai kế hoạch truyền thông", summary="Theo Kế hoạch số 1423/KH-SGDĐT.")

    assert len(titles(client.get("/tim-kiem/", {"q": "1423"}))) == 1
    assert len(titles(client.get("/tim-kiem/", {"q": "1423/KH-SGDĐT"}))) == 1


def test_a_title_match_ranks_above_a_newer_body_only_match(client, publish):
    publish("Thông báo", body="<p>Thông tin về kỳ thi năm nay.</p>", days_ago=0)
    publish("Kỳ thi năm 2020: những điều cần biết", days_ago=5)

    assert titles(client.get("/tim-kiem/", {"q": "ky thi"})) == [
        "Kỳ thi năm 2020: những điều cần biết",
        "Thông báo",
    ]


def test_equal_matches_are_listed_newest_first(client, publish):
    publish("Lịch thi (cũ)", days_ago=3)
    publish("Lịch thi (mới)", days_ago=1)
    publish("Lịch thi (giữa)", days_ago=2)

    assert titles(client.get("/tim-kiem/", {"q": "lich thi"})) == [
        "Lịch thi (mới)",
        "Lịch thi (giữa)",
        "Lịch thi (cũ)",
    ]


def test_results_are_paginated_ten_a_page_and_the_links_keep_the_query(client, publish):
    for n in range(23):
        publish(f"Kỳ thi: tin số {n}", days_ago=n)

    pages = [client.get("/tim-kiem/", {"q": "ky thi", "page": n}) for n in (1, 2, 3)]

    assert [len(titles(page)) for page in pages] == [10, 10, 3]
    assert titles(pages[0])[0] == "Kỳ thi: tin số 0"
    assert titles(pages[2]) == ["Kỳ thi: tin số 20", "Kỳ thi: tin số 21", "Kỳ thi: tin số 22"]
    assert len({title for page in pages for title in titles(page)}) == 23
    first, third = pages[0].content.decode(), pages[2].content.decode()
    assert "Tìm thấy 23 kết quả" in first
    assert 'href="?page=2&amp;q=ky+thi" rel="next"' in first
    assert 'href="?page=2&amp;q=ky+thi" rel="prev"' in third


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", str(search.MAX_PAGES + 1)])
def test_a_page_past_the_results_or_not_a_number_is_not_found(client, publish, page):
    for n in range(23):
        publish(f"Kỳ thi: tin số {n}")

    assert client.get("/tim-kiem/", {"q": "ky thi", "page": page}).status_code == 404


def test_matched_words_are_highlighted_in_the_title_and_summary_in_their_original_accents(
    client, publish
):
    publish("Đề thi môn Toán", summary="Đáp án và đề thi tham khảo.")

    page = client.get("/tim-kiem/", {"q": "de thi"}).content.decode()

    assert "<mark>Đề thi</mark> môn Toán" in page
    assert "Đáp án và <mark>đề thi</mark> tham khảo." in page


def test_highlighting_escapes_the_text_around_the_marks(client, publish):
    publish("Kỳ thi <script>alert(1)</script> & lịch thi")

    page = client.get("/tim-kiem/", {"q": "ky thi"}).content.decode()

    assert (
        "<mark>Kỳ thi</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; lịch <mark>thi</mark>"
        in page
    )
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "nhap"},
        {"status": "hen-gio", "publish_at": timezone.now() + dt.timedelta(days=1)},
        {"status": "da-dang", "publish_at": timezone.now() + dt.timedelta(days=1)},
        {"status": "go-bo", "withdrawn_reason": "Thông tin chưa chính xác."},
    ],
    ids=["draft", "scheduled-not-yet-due", "publish-time-in-the-future", "withdrawn"],
)
def test_articles_the_public_may_not_read_are_never_found(client, publish, fields):
    publish("Kỳ thi: bài không công khai", **fields)
    publish("Kỳ thi: bài đã đăng")

    response = client.get("/tim-kiem/", {"q": "ky thi"})

    assert titles(response) == ["Kỳ thi: bài đã đăng"]
    assert "không công khai" not in response.content.decode()


def test_a_scheduled_article_is_found_once_it_is_due(client, publish):
    publish("Kỳ thi: bài hẹn giờ đã đến giờ", status="hen-gio")

    assert titles(client.get("/tim-kiem/", {"q": "ky thi"})) == ["Kỳ thi: bài hẹn giờ đã đến giờ"]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "?!"}])
def test_an_empty_query_shows_the_form_and_the_hint_without_results(client, publish, params):
    publish("Kỳ thi tốt nghiệp THPT")

    response = client.get("/tim-kiem/", params)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Tìm kiếm</h1>" in page
    assert 'id="tim-kiem-tu-khoa"' in page
    assert "Gõ có dấu hay không dấu đều được" in page
    assert "Tìm thấy" not in page and "Không tìm thấy" not in page


def test_a_one_letter_query_asks_for_a_longer_one_and_searches_nothing(
    client, publish, django_assert_num_queries
):
    publish("Kỳ thi tốt nghiệp THPT")

    with django_assert_num_queries(0):
        results = search.search(search.parse_query("ý"))
    page = client.get("/tim-kiem/", {"q": "ý"}).content.decode()

    assert results.total == 0 and results.hits == []
    assert "quá ngắn" in page
    assert "Tìm thấy" not in page


def test_an_over_long_query_is_cut_to_200_characters_and_still_searched(client, publish):
    publish("Kỳ thi tốt nghiệp THPT")
    long_query = "ky thi " * 60  # 420 characters

    response = client.get("/tim-kiem/", {"q": long_query})

    assert response.status_code == 200
    assert len(response.context["query"].text) <= search.MAX_QUERY_LENGTH
    assert titles(response) == ["Kỳ thi tốt nghiệp THPT"]


def test_a_query_of_odd_characters_is_harmless(client, publish):
    publish("Kỳ thi tốt nghiệp THPT")

    for query in ["100%", "_", "'; DROP TABLE news_article; --", "ky\x00thi", "\\", "a & b | !c"]:
        response = client.get("/tim-kiem/", {"q": query})
        assert response.status_code == 200, query


def test_nothing_found_shows_a_helpful_empty_state(client, publish):
    publish("Kỳ thi tốt nghiệp THPT")

    page = client.get("/tim-kiem/", {"q": "bóng đá"}).content.decode()

    assert "Không tìm thấy kết quả nào cho “<strong>bóng đá</strong>”" in page
    assert "gõ không dấu" in page
    assert 'href="/duong-day-nong/"' in page


def test_each_result_shows_its_kind_linked_title_and_vietnamese_date(client, publish):
    article = publish(
        "Kỳ thi tốt nghiệp THPT",
        publish_at=timezone.make_aware(dt.datetime(2020, 7, 17, 7, 30)),
    )

    page = client.get("/tim-kiem/", {"q": "ky thi"}).content.decode()

    result = re.search(r'<li class="search-result">(.*?)</li>', page, re.S).group(1)
    assert '<span class="tag">Tin tức</span>' in result
    assert (
        f'<a href="{article.get_absolute_url()}"><mark>Kỳ thi</mark> tốt nghiệp THPT</a>' in result
    )
    assert ">17/7/2020</time>" in result


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_makes_the_same_number_of_queries_whatever_the_number_of_articles(
    client, publish, django_assert_num_queries, count
):
    for n in range(count):
        publish(f"Kỳ thi: tin số {n}", summary=f"Tóm tắt kỳ thi số {n}.")
    client.get("/tim-kiem/", {"q": "khởi động"})  # the layout's cached site details

    # The layout's current exam, then one query per search provider.
    with django_assert_num_queries(1 + len(search.providers())):
        response = client.get("/tim-kiem/", {"q": "ky thi"})

    assert len(titles(response)) == min(count, 10)


def test_the_page_is_cached_for_anonymous_readers(client, publish):
    publish("Kỳ thi tốt nghiệp THPT")
    first = client.get("/tim-kiem/", {"q": "ky thi"})
    publish("Kỳ thi: bài mới")  # no publishing service ran, so the public version is unchanged

    second = client.get("/tim-kiem/", {"q": "ky thi"})

    assert "public" in first["Cache-Control"]
    assert second.content == first.content
