"""Rich text: what sanitising keeps and drops, and the plain text made for previews and search."""

import pytest

from core.richtext import html_to_text, sanitise_html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">bấm</a>',
        '<svg onload="alert(1)"></svg>',
        '<p style="background:url(javascript:alert(1))">đoạn</p>',
        '<iframe src="https://example.org"></iframe>',
    ],
)
def test_sanitising_drops_every_way_to_run_script(payload):
    clean = sanitise_html(payload).lower()
    for danger in ("<script", "onerror", "javascript:", "onload", "style=", "<iframe"):
        assert danger not in clean


def test_sanitising_keeps_the_editors_formatting():
    html = '<p><strong>Lịch thi</strong> ngày <a href="https://example.org/lich">9/8/2020</a></p>'
    assert sanitise_html(html) == html.replace('">', '" rel="noopener noreferrer">', 1)


def test_plain_text_keeps_words_and_punctuation_together_across_inline_tags():
    html = "<p>Công bố kết quả ngày <strong>27/8/2020</strong>, tra cứu tại <a href='#'>đây</a>.</p><p>GD&amp;ĐT</p>"
    assert html_to_text(html) == "Công bố kết quả ngày 27/8/2020, tra cứu tại đây. GD&ĐT"


def test_plain_text_separates_blocks_and_cells():
    html = "<h2>Buổi sáng</h2><p>Ngữ văn</p><table><tr><td>C01</td><td>661</td></tr></table>"
    assert html_to_text(html) == "Buổi sáng Ngữ văn C01 661"
