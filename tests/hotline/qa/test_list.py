"""/hoi-dap/: published entries newest first, topics, a keyword with accents optional, pages."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hotline.models import QAEntry, QATopic
from hotline.services import qa_save

ZONE = dt.timezone(dt.timedelta(hours=7))


def listed(response) -> list[str]:
    """The question title of every entry listed, in order."""
    assert response.status_code == 200, response.content.decode()[:2000]
    return [
        html.unescape(title)
        for title in re.findall(
            r'class="qa-card-title"><a href="[^"]+">([^<]*)</a>', response.content.decode()
        )
    ]


def count_text(response) -> str:
    return re.search(r'<p class="qa-count"[^>]*>(.*?)</p>', response.content.decode(), re.S).group(
        1
    )


def titles(*entries) -> list[str]:
    return [entry.question_title for entry in entries]


@pytest.fixture
def column(make_entry):
    """A small column that the topic and the keyword split differently."""
    return {
        "schedule": make_entry(
            "Lịch thi tốt nghiệp THPT năm 2020 thế nào?",
            topic=QATopic.SCHEDULE,
            answer="<p>Thí sinh làm thủ tục dự thi ngày 8/8/2020.</p>",
        ),
        "items": make_entry(
            "Được mang những vật dụng gì vào phòng thi?",
            topic=QATopic.RULES,
            answer="<p>Bút, thước kẻ, máy tính cầm tay không có thẻ nhớ.</p>",
        ),
        "review": make_entry(
            "Khi nào được nộp đơn phúc khảo?",
            topic=QATopic.GRADUATION,
            answer="<p>Trong 10 ngày kể từ ngày công bố kết quả; xem lịch thi và lịch phúc khảo.</p>",
        ),
        "venue": make_entry(
            "Địa điểm thi ở huyện Trần Văn Thời",
            topic=QATopic.SCHEDULE,
            answer="<p>Xem giấy báo dự thi.</p>",
        ),
    }


def test_the_list_shows_published_entries_newest_first(client, column, hidden_entries):
    older = column["venue"]
    newest = column["schedule"]
    response = client.get("/hoi-dap/")
    assert listed(response) == titles(newest, column["items"], column["review"], older)
    assert count_text(response) == "Có 4 câu hỏi"
    page = response.content.decode()
    for hidden in hidden_entries.values():
        assert hidden.question_title not in page


def test_an_entry_published_later_comes_first_even_if_written_earlier(client, make_entry):
    written_first = make_entry("Viết trước, đăng sau", published_at=timezone.now())
    written_later = make_entry(
        "Viết sau, đăng trước", published_at=timezone.now() - dt.timedelta(days=2)
    )
    assert listed(client.get("/hoi-dap/")) == titles(written_first, written_later)


def test_each_item_shows_its_title_topic_date_and_the_start_of_its_answer(client, make_entry):
    entry = make_entry(
        "Thí sinh tự do đăng ký ở đâu?",
        topic=QATopic.REGISTRATION,
        published_at=dt.datetime(2020, 7, 17, 9, 30, tzinfo=ZONE),
        answer="<p>Tại <strong>Sở GD&amp;ĐT</strong> hoặc trường THPT gần nhất.</p>"
        + "<p>" + "Hồ sơ gồm phiếu đăng ký và bản sao học bạ. " * 20 + "</p>",
    )  # fmt: skip
    page = client.get("/hoi-dap/").content.decode()
    card = page[page.index('<article class="qa-card">') :]
    card = card[: card.index("</article>")]
    assert f'<a href="{entry.get_absolute_url()}">Thí sinh tự do đăng ký ở đâu?</a>' in card
    assert '<a href="/hoi-dap/?chu_de=dang-ky">Đăng ký dự thi</a>' in card
    assert '<time datetime="2020-07-17T09:30:00+07:00">17/7/2020</time>' in card
    excerpt = re.search(r'<p class="qa-card-excerpt">(.*?)</p>', card, re.S).group(1)
    # Plain text, the entity read once: "GD&ĐT" shows as such, not "GD&amp;ĐT".
    assert excerpt.startswith("Tại Sở GD&amp;ĐT hoặc trường THPT gần nhất. Hồ sơ gồm")
    assert "<strong>" not in excerpt and "&amp;amp;" not in excerpt
    assert excerpt.endswith("…") and len(html.unescape(excerpt)) <= 240


def test_the_heading_names_the_current_exam(client, exam, make_entry):
    exam.title = "Kỳ thi tốt nghiệp THPT năm 2021"
    exam.save()
    page = client.get("/hoi-dap/").content.decode()
    assert "<h1>Hỏi đáp về Kỳ thi tốt nghiệp THPT năm 2021</h1>" in page


def test_the_page_offers_to_ask_the_hotline_and_links_the_feeds(client, db):
    page = client.get("/hoi-dap/").content.decode()
    assert 'href="/duong-day-nong/">Gửi câu hỏi tới đường dây nóng</a>' in page
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Hỏi đáp mới (RSS)" '
        'href="/feeds/hoi-dap/rss/">'
    ) in page
    assert (
        'type="application/atom+xml" title="Hỏi đáp mới (Atom)" href="/feeds/hoi-dap/atom/"' in page
    )
    assert "Chưa có câu hỏi nào được đăng." in page


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("lich-thi", ["schedule", "venue"]),
        ("quy-che", ["items"]),
        ("suc-khoe", []),
    ],
)
def test_the_topic_filter_lists_that_topic_only(client, column, hidden_entries, topic, expected):
    assert listed(client.get(f"/hoi-dap/?chu_de={topic}")) == titles(*(column[k] for k in expected))


def test_the_topic_choices_show_how_many_published_entries_each_holds(
    client, column, hidden_entries
):
    page = client.get("/hoi-dap/?chu_de=lich-thi").content.decode()
    assert '<option value="">Tất cả chủ đề</option>' in page
    assert '<option value="lich-thi" selected>Lịch thi, địa điểm thi (2)</option>' in page
    assert '<option value="quy-che">Quy chế thi, vật dụng mang vào phòng thi (1)</option>' in page
    assert '<option value="suc-khoe">Sức khỏe, an toàn tại điểm thi (0)</option>' in page
    assert count_text(client.get("/hoi-dap/?chu_de=lich-thi")) == (
        "Tìm thấy 2 câu hỏi về chủ đề “Lịch thi, địa điểm thi”"
    )


@pytest.mark.parametrize("keyword", ["lich thi", "Lịch thi", "LỊCH THI", "lịch   thi"])
def test_the_keyword_finds_lich_thi_with_or_without_accents(client, column, keyword):
    # The title match first, then the entry that says it in its answer only.
    assert listed(client.get("/hoi-dap/", {"q": keyword})) == titles(
        column["schedule"], column["review"]
    )


def test_a_title_match_ranks_above_a_newer_answer_only_match(client, make_entry):
    newer = make_entry("Giờ làm thủ tục", answer="<p>Có mặt trước giờ phúc khảo? Không.</p>")
    older = make_entry(
        "Phúc khảo bài thi thế nào?", published_at=timezone.now() - dt.timedelta(days=3)
    )
    assert listed(client.get("/hoi-dap/?q=phuc+khao")) == titles(older, newer)


def test_equal_matches_are_listed_newest_first(client, make_entry):
    entries = [make_entry(f"Đề thi môn {subject}") for subject in ("Toán", "Ngữ văn", "Sử")]
    assert listed(client.get("/hoi-dap/?q=de+thi")) == titles(*entries)


def test_every_word_of_the_keyword_must_occur_in_question_or_answer(client, column, make_entry):
    make_entry("Vật dụng", question="Có được mang máy tính cầm tay không?", answer="<p>Được.</p>")
    assert sorted(listed(client.get("/hoi-dap/?q=may+tinh+cam+tay"))) == sorted(
        ["Vật dụng", column["items"].question_title]
    )
    assert listed(client.get("/hoi-dap/?q=may+tinh+bong+da")) == []


def test_keyword_and_topic_combine(client, column):
    assert listed(client.get("/hoi-dap/?q=lich+thi&chu_de=tot-nghiep")) == titles(column["review"])


def test_no_match_says_so_and_offers_every_entry(client, column):
    response = client.get("/hoi-dap/?q=bong+da")
    assert listed(response) == []
    assert "Không tìm thấy câu hỏi nào phù hợp." in count_text(response)
    assert '<a href="/hoi-dap/">xem tất cả câu hỏi</a>' in count_text(response)


def test_drafts_and_scheduled_entries_are_never_found(client, hidden_entries):
    response = client.get("/hoi-dap/?q=lich+thi")
    assert listed(response) == []
    assert listed(client.get("/hoi-dap/?chu_de=lich-thi")) == []


def test_the_form_is_a_labelled_get_form_that_shows_the_filters_of_the_url(client, column):
    page = client.get("/hoi-dap/?q=lich+thi&chu_de=lich-thi").content.decode()
    assert '<form class="qa-filter" action="/hoi-dap/" method="get"' in page
    assert '<label for="id_q">Từ khóa</label>' in page
    assert 'id="id_q" value="lich thi"' in page
    assert '<label for="id_chu_de">Chủ đề</label>' in page
    assert '<select name="chu_de" id="id_chu_de">' in page
    assert '<a class="qa-filter-reset" href="/hoi-dap/">Xóa bộ lọc</a>' in page
    assert '<meta name="robots" content="noindex, follow">' in page
    assert "Xóa bộ lọc" not in client.get("/hoi-dap/").content.decode()


def test_empty_fields_of_a_submitted_form_are_dropped_from_the_url(client, column):
    response = client.get("/hoi-dap/?q=lich+thi&chu_de=")
    assert response.status_code == 302
    assert response["Location"] == "/hoi-dap/?q=lich+thi"
    assert client.get("/hoi-dap/?q=+&chu_de=")["Location"] == "/hoi-dap/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("chu_de=bong-da", "Không có chủ đề này: hãy chọn trong danh sách."),
        ("chu_de=%00", "Không có chủ đề này: hãy chọn trong danh sách."),
        ("q=" + "a" * 201, "Từ khóa dài quá 200 ký tự: hãy rút gọn."),
        ("q=lich%00thi", "Có ký tự không hợp lệ (ký tự rỗng): hãy nhập lại."),
        ("q=a", "Từ khóa quá ngắn: hãy gõ ít nhất 2 chữ cái hoặc chữ số"),
        ("q=%21%3F", "Từ khóa quá ngắn: hãy gõ ít nhất 2 chữ cái hoặc chữ số"),
    ],
)
def test_invalid_values_are_explained_in_vietnamese_with_a_400(client, column, query, message):
    response = client.get(f"/hoi-dap/?{query}")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Bộ lọc chưa đúng, xin sửa lại:" in page and message in page
    assert 'aria-invalid="true"' in page
    assert 'class="qa-list"' not in page
    assert '<form class="qa-filter"' in page


def test_pages_of_twenty_keep_the_keyword_and_the_topic(client, make_entry):
    entries = [make_entry(f"Lịch thi số {n}", topic=QATopic.SCHEDULE) for n in range(45)]
    make_entry("Lịch thi nhưng chủ đề khác", topic=QATopic.OTHER)
    query = "q=lich+thi&chu_de=lich-thi"
    first = client.get(f"/hoi-dap/?{query}")
    assert listed(first) == titles(*entries[:20])
    assert count_text(first) == (
        "Tìm thấy 45 câu hỏi về chủ đề “Lịch thi, địa điểm thi”, trang 1 / 3"
    )
    assert f'href="?page=2&amp;{query.replace("&", "&amp;")}" rel="next"' in first.content.decode()
    assert listed(client.get(f"/hoi-dap/?page=2&{query}")) == titles(*entries[20:40])
    assert listed(client.get(f"/hoi-dap/?page=3&{query}")) == titles(*entries[40:])


def test_a_page_past_the_end_is_not_found(client, make_entry):
    make_entry()
    assert client.get("/hoi-dap/?page=2").status_code == 404
    assert client.get("/hoi-dap/?page=abc").status_code == 404


def test_the_list_is_cached_and_refreshed_when_an_entry_is_published(
    client, make_entry, django_capture_on_commit_callbacks
):
    make_entry("Câu hỏi thứ nhất")
    client.get("/hoi-dap/")
    with CaptureQueriesContext(connection) as cached:
        assert client.get("/hoi-dap/").status_code == 200
    assert len(cached) == 0

    draft = make_entry("Câu hỏi vừa đăng", is_published=False)
    draft.is_published = True
    with django_capture_on_commit_callbacks(execute=True):
        qa_save(entry=draft, user=None)
    assert listed(client.get("/hoi-dap/"))[0] == "Câu hỏi vừa đăng"


@pytest.mark.parametrize(
    "path", ["/hoi-dap/", "/hoi-dap/?page=2", "/hoi-dap/?q=lich+thi&chu_de=lich-thi"]
)
def test_the_list_runs_a_fixed_number_of_queries(make_entry, count_queries, path):
    for n in range(25):
        make_entry(f"Lịch thi số {n}", topic=QATopic.SCHEDULE)
    few = count_queries(path)
    QAEntry.objects.bulk_create(
        QAEntry(
            question_title=f"Lịch thi thêm {n}",
            slug=f"lich-thi-them-{n}",
            question="Hỏi.",
            topic=QATopic.SCHEDULE,
            answer="<p>Đáp.</p>",
            is_published=True,
            published_at=timezone.now() - dt.timedelta(days=1, minutes=n),
            search_text=f"lich thi them {n} hoi. dap.",
        )
        for n in range(500)
    )
    assert count_queries(path) == few
    # The layout (current exam, hotline lines, agency), the topic counts, the count and the page.
    assert few <= 6
