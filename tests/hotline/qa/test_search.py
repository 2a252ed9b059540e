"""Q&A entries in the site search (/tim-kiem/): published only, accents optional, one query."""

from django.apps import apps

from core import search
from core.search import parse_query
from hotline.search import provider


def test_the_hotline_app_declares_its_provider():
    assert apps.get_app_config("hotline").search_provider == "hotline.search.provider"
    assert provider in search.providers()


def test_an_entry_is_found_by_its_question_or_answer_accents_optional(make_entry):
    entry = make_entry(
        "Lịch thi tốt nghiệp THPT năm 2020",
        question="Cho em hỏi lịch thi các môn?",
        answer="<p>Thí sinh làm thủ tục dự thi ngày 8/8/2020.</p>",
    )
    make_entry("Phúc khảo bài thi")
    for words in ("lich thi", "Lịch thi", "LỊCH THI", "thu tuc du thi"):
        result = provider.search(parse_query(words), limit=10)
        assert [hit.url for hit in result.hits] == [entry.get_absolute_url()], words
        assert result.total == 1
    [hit] = provider.search(parse_query("lich thi"), limit=10).hits
    assert hit.kind == "Hỏi đáp"
    assert hit.title == "Lịch thi tốt nghiệp THPT năm 2020"
    assert hit.summary == "Cho em hỏi lịch thi các môn?"
    assert hit.date == entry.published_at


def test_unpublished_entries_are_never_found(hidden_entries):
    result = provider.search(parse_query("lich thi"), limit=10)
    assert result.hits == [] and result.total == 0


def test_a_search_asks_the_database_once(make_entry, django_assert_num_queries):
    for n in range(15):
        make_entry(f"Lịch thi môn số {n}")
    with django_assert_num_queries(1):
        result = provider.search(parse_query("lich thi"), limit=10)
    assert len(result.hits) == 10 and result.total == 15


def test_the_search_page_shows_a_qa_hit(client, make_entry):
    entry = make_entry("Lịch thi tốt nghiệp THPT năm 2020")
    page = client.get("/tim-kiem/?q=lich+thi").content.decode()
    assert '<span class="tag">Hỏi đáp</span>' in page
    assert (
        f'<a href="{entry.get_absolute_url()}"><mark>Lịch thi</mark> tốt nghiệp THPT năm 2020</a>'
        in page
    )
