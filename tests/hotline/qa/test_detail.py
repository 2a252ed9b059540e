"""/hoi-dap/<slug>/: the question, the answer, who answered, when, and the documents it cites."""

import datetime as dt
import itertools
import re

import pytest
from django.utils import timezone

from documents.models import Status as DocumentStatus
from hotline.models import QATopic

ZONE = dt.timezone(dt.timedelta(hours=7))


def main(response) -> str:
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.fixture
def entry(make_entry):
    return make_entry(
        "Thí sinh được mang máy tính cầm tay nào vào phòng thi?",
        question="Con tôi thi môn Toán.\nĐược mang máy tính Casio fx-580VN X không?",
        topic=QATopic.RULES,
        asker_label="Một phụ huynh ở huyện Trần Văn Thời",
        answer=(
            "<p>Được mang máy tính cầm tay <strong>không có thẻ nhớ</strong>.</p>"
            '<script>alert(1)</script><p><a href="javascript:alert(1)">Xem thêm</a></p>'
        ),
        answering_unit="Phòng Khảo thí và Quản lý chất lượng",
        published_at=dt.datetime(2020, 7, 17, 9, 30, tzinfo=ZONE),
    )


def test_the_page_shows_question_asker_answer_unit_and_date(client, entry):
    page = main(client.get(entry.get_absolute_url()))
    assert "<h1>Thí sinh được mang máy tính cầm tay nào vào phòng thi?</h1>" in page
    assert '<time datetime="2020-07-17T09:30:00+07:00">17/7/2020</time>' in page
    assert "Người hỏi: Một phụ huynh ở huyện Trần Văn Thời" in page
    assert "<p>Con tôi thi môn Toán.<br>Được mang máy tính Casio fx-580VN X không?</p>" in page
    assert "<p>Được mang máy tính cầm tay <strong>không có thẻ nhớ</strong>.</p>" in page
    assert "Đơn vị trả lời: Phòng Khảo thí và Quản lý chất lượng" in page


def test_the_answer_is_rendered_as_sanitised_html(client, entry):
    page = main(client.get(entry.get_absolute_url()))
    assert "<script>" not in page and "alert(1)</script>" not in page
    assert "javascript:" not in page


def test_the_question_text_is_escaped(client, make_entry):
    entry = make_entry("Câu hỏi có thẻ", question="<b>đậm</b> & <script>x()</script>")
    page = main(client.get(entry.get_absolute_url()))
    assert "&lt;b&gt;đậm&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in page


def test_no_asker_line_when_the_asker_is_not_described(client, make_entry):
    entry = make_entry("Không ghi người hỏi")
    assert "Người hỏi:" not in main(client.get(entry.get_absolute_url()))


def test_the_topic_links_back_to_the_filtered_list(client, entry):
    page = main(client.get(entry.get_absolute_url()))
    link = '<a href="/hoi-dap/?chu_de=quy-che">Quy chế thi, vật dụng mang vào phòng thi</a>'
    assert f"Chủ đề: {link}" in page
    assert '<a href="/hoi-dap/?chu_de=quy-che">Các câu hỏi khác về' in page
    assert 'href="/duong-day-nong/">Gửi câu hỏi tới đường dây nóng</a>' in page


def test_headings_go_down_one_level_at_a_time(client, entry, make_document):
    entry.related_documents.set([make_document()])
    page = main(client.get(entry.get_absolute_url()))
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_related_documents_are_linked_when_the_public_may_read_them(client, entry, make_document):
    plan = make_document(
        "1423/KH-SGDĐT", issued_on=dt.date(2020, 7, 17), summary="Kế hoạch truyền thông về Kỳ thi"
    )
    draft = make_document("99/KH-SGDĐT", status=DocumentStatus.DRAFT)
    later = make_document("98/KH-SGDĐT", publish_at=timezone.now() + dt.timedelta(days=1))
    entry.related_documents.set([plan, draft, later])

    page = main(client.get(entry.get_absolute_url()))

    assert '<h2 id="van-ban-lien-quan">Văn bản liên quan</h2>' in page
    assert (
        '<li><a href="/van-ban/1423-kh-sgddt/">Kế hoạch 1423/KH-SGDĐT</a> ngày 17/7/2020: '
        "Kế hoạch truyền thông về Kỳ thi</li>"
    ) in page
    assert "99/KH-SGDĐT" not in page and "98/KH-SGDĐT" not in page


def test_no_related_documents_section_without_readable_ones(client, entry, make_document):
    entry.related_documents.set([make_document(status=DocumentStatus.DRAFT)])
    assert "Văn bản liên quan" not in main(client.get(entry.get_absolute_url()))


@pytest.mark.parametrize("kind", ["draft", "not-yet"])
def test_drafts_and_entries_not_yet_due_are_not_found(client, hidden_entries, kind):
    assert client.get(hidden_entries[kind].get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_not_found(client, db):
    assert client.get("/hoi-dap/khong-co-cau-hoi-nay/").status_code == 404


def test_the_detail_runs_a_fixed_number_of_queries(entry, make_document, count_queries):
    entry.related_documents.set([make_document()])
    few = count_queries(entry.get_absolute_url())
    entry.related_documents.set([make_document() for _ in range(10)])
    assert count_queries(entry.get_absolute_url()) == few
