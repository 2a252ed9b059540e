"""The filters of the Q&A column (/hoi-dap/): one GET form whose URL reproduces the result.

Parameter names are Vietnamese without diacritics (q, chu_de); every message a reader may see is
Vietnamese. A value that is not valid never reaches the query: the form reports it and the page
shows the form again.

Without a keyword the entries are listed newest first. With one, they are ranked like the site
search (`core.search.ranked`): every word must occur, accents optional, a word in the
question's title counts more than one in the answer, newest first among equals. A reader typing
"phúc khảo" wants the question about it first, not the newest answer mentioning it in passing.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import DecimalField, QuerySet
from django.db.models.functions import Cast

from core.search import (
    MAX_QUERY_LENGTH,
    MIN_QUERY_LENGTH,
    Query,
    parse_query,
    ranked,
)
from hotline.models import QAEntry, QATopic

NULL_CHARACTER = "Có ký tự không hợp lệ (ký tự rỗng): hãy nhập lại."
TOO_SHORT = (
    f"Từ khóa quá ngắn: hãy gõ ít nhất {MIN_QUERY_LENGTH} chữ cái hoặc chữ số, ví dụ “lịch thi”."
)
ALL_TOPICS = "Tất cả chủ đề"


def search_entries(queryset: QuerySet[QAEntry], query: Query) -> QuerySet[QAEntry]:
    """The entries matching every word of the query, best first, newest first among equals.

    The list page and the site search both rank with this, so they find the same entries."""
    matches = ranked(
        queryset,
        text_field="search_text",
        vector_field="search_vector",
        query=query,
        # search_text begins with the normalised question title.
        title_field="question_title",
    )
    # Scores within a hundredth are equally relevant, as the site search merges them (PostgreSQL's
    # rank moves by a few ten-thousandths with the length of the text): among them, newest first.
    # (A cast to numeric rounds; ROUND() takes no precision for PostgreSQL's real.)
    return matches.order_by(
        Cast("search_score", DecimalField(max_digits=12, decimal_places=2)).desc(),
        "-published_at",
        "-pk",
    )


class QAFilterForm(forms.Form):
    def full_clean(self):
        super().full_clean()
        # A field with an error points to its message (the template shows it as "<id>-loi").
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-loi"

    def clean_q(self) -> str:
        value = self.cleaned_data.get("q")
        if value and not parse_query(value).is_searchable:
            raise forms.ValidationError(TOO_SHORT, code="too_short")
        return value


class QAFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Từ khóa",
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text="Từ trong câu hỏi hoặc câu trả lời, gõ có dấu hay không dấu đều được.",
        error_messages={
            "max_length": f"Từ khóa dài quá {MAX_QUERY_LENGTH} ký tự: hãy rút gọn.",
            "null_characters_not_allowed": NULL_CHARACTER,
        },
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    chu_de = django_filters.ChoiceFilter(
        label="Chủ đề",
        field_name="topic",
        choices=QATopic.choices,
        empty_label=ALL_TOPICS,
        error_messages={"invalid_choice": "Không có chủ đề này: hãy chọn trong danh sách."},
    )

    class Meta:
        model = QAEntry
        fields = ["q", "chu_de"]
        form = QAFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, counts=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if counts is not None:
            # "Lịch thi, địa điểm thi (12)": how many entries each topic holds, whatever the keyword.
            self.filters["chu_de"].extra["choices"] = [
                (value, f"{label} ({counts.get(value, 0)})") for value, label in QATopic.choices
            ]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_entries(queryset, parse_query(value))

    @property
    def topic_label(self) -> str:
        """The chosen topic's name, or "" (for the heading of a filtered list)."""
        topic = self.form.cleaned_data.get("chu_de") if self.form.is_valid() else ""
        return str(QATopic(topic).label) if topic else ""
