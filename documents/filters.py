"""The filters of the public library (/van-ban/): one GET form whose URL reproduces the result.

Parameter names are Vietnamese without diacritics (co_quan, loai, nam, tu_ngay, den_ngay, hieu_luc,
q, sap_xep); every message a reader may see is Vietnamese. A value that is not valid never reaches
the query: the form reports it and the page shows the form again.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.fields import ModelChoiceField

from core.vietnamese import normalise_search
from documents.models import Document, DocumentType, IssuingBody, Validity

MAX_KEYWORD_LENGTH = 200
# More words add little and each is a condition of the query.
MAX_KEYWORD_WORDS = 10
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INVALID_DATE = "Ngày không hợp lệ: nhập dạng ngày/tháng/năm, ví dụ 17/7/2020."
ALL = "Tất cả"
NULL_CHARACTER = "Có ký tự không hợp lệ (ký tự rỗng): hãy nhập lại."

# sap_xep value -> (label, ordering). The first is the default.
SORTS = {
    "moi-ban-hanh": ("Mới ban hành trước", ("-issued_on", "-number", "-pk")),
    "moi-dang": ("Mới đăng trước", ("-publish_at", "-pk")),
}
DEFAULT_SORT = "moi-ban-hanh"


def keyword_words(raw: str) -> list[str]:
    """The normalised words of a keyword: no diacritics, case-folded, at most MAX_KEYWORD_WORDS.

    Split on spaces only, so a number and symbol typed whole ("1423/KH-SGDĐT") stays one word and
    matches the stored symbol exactly.
    """
    return list(dict.fromkeys(normalise_search(raw).split()))[:MAX_KEYWORD_WORDS]


def filter_keyword(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Every word must occur in the row's normalised search text (number and symbol, summary,
    signer, full text): accents and case are optional."""
    for word in words:
        # search_text and the words are both case-folded: a plain LIKE, no lower() of the column.
        queryset = queryset.filter(search_text__contains=word)
    return queryset


class BodyChoiceField(ModelChoiceField):
    def to_python(self, value):
        # Django checks for a NUL character itself, with its own message: the reader is told the
        # same as for any other value that is not in the list.
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BodyFilter(django_filters.ModelChoiceFilter):
    field_class = BodyChoiceField


class DocumentFilterForm(forms.Form):
    def full_clean(self):
        super().full_clean()
        # A field with an error points to its message (the template shows it as "<id>-loi").
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-loi"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", "“Đến ngày” phải bằng hoặc sau “Từ ngày”.")
        return cleaned


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Từ khóa",
        method="filter_q",
        max_length=MAX_KEYWORD_LENGTH,
        help_text="Số, ký hiệu hoặc trích yếu, gõ có dấu hay không dấu đều được.",
        error_messages={
            "max_length": f"Từ khóa dài quá {MAX_KEYWORD_LENGTH} ký tự: hãy rút gọn.",
            "null_characters_not_allowed": NULL_CHARACTER,
        },
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_KEYWORD_LENGTH}),
    )
    co_quan = BodyFilter(
        label="Cơ quan ban hành",
        field_name="issuing_body",
        queryset=IssuingBody.objects.all(),
        empty_label=ALL,
        error_messages={
            "invalid_choice": "Không có cơ quan ban hành này: hãy chọn trong danh sách.",
        },
    )
    loai = django_filters.ChoiceFilter(
        label="Loại văn bản",
        field_name="doc_type",
        choices=DocumentType.choices,
        empty_label=ALL,
        error_messages={"invalid_choice": "Không có loại văn bản này: hãy chọn trong danh sách."},
    )
    nam = django_filters.ChoiceFilter(
        label="Năm ban hành",
        field_name="issue_year",
        choices=[],  # the years of published documents, set per request in __init__
        empty_label=ALL,
        error_messages={
            "invalid_choice": "Không có văn bản nào ban hành năm này: hãy chọn năm trong danh sách.",
        },
    )
    tu_ngay = django_filters.DateFilter(
        label="Ban hành từ ngày",
        field_name="issued_on",
        lookup_expr="gte",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": INVALID_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    den_ngay = django_filters.DateFilter(
        label="Đến ngày",
        field_name="issued_on",
        lookup_expr="lte",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": INVALID_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hieu_luc = django_filters.ChoiceFilter(
        label="Tình trạng hiệu lực",
        method="filter_validity",
        choices=Validity.choices,
        empty_label=ALL,
        error_messages={
            "invalid_choice": "Không có tình trạng hiệu lực này: hãy chọn trong danh sách.",
        },
    )
    sap_xep = django_filters.ChoiceFilter(
        label="Sắp xếp",
        method="sort",
        choices=[(value, label) for value, (label, _ordering) in SORTS.items()],
        empty_label=None,
        null_label=None,
        error_messages={"invalid_choice": "Cách sắp xếp không hợp lệ: hãy chọn trong danh sách."},
    )

    class Meta:
        model = Document
        fields = ["q", "co_quan", "loai", "nam", "tu_ngay", "den_ngay", "hieu_luc", "sap_xep"]
        form = DocumentFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, years=()):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["nam"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sap_xep"):
            queryset = queryset.order_by(*SORTS[DEFAULT_SORT][1])
        return queryset

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return filter_keyword(queryset, keyword_words(value))

    def filter_validity(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_validity().filter(validity_now=value)

    def sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*SORTS[value][1])

    @property
    def has_advanced_values(self) -> bool:
        """Whether a filter other than the keyword and the sort is set (the fold stays open)."""
        data = self.data or {}
        return any(
            data.get(name) for name in ("co_quan", "loai", "nam", "tu_ngay", "den_ngay", "hieu_luc")
        )
