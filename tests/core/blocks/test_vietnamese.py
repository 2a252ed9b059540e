import datetime as dt
import unicodedata
import zoneinfo

import pytest
from django.template import Context, Template

from core.vietnamese import (
    format_date,
    format_date_long,
    format_datetime,
    format_weekday,
    normalise_search,
    slugify_vi,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đề thi Ngữ văn", "de-thi-ngu-van"),
        ("ĐỀ THI ĐỊA LÍ", "de-thi-dia-li"),
        ("Thí sinh ưu tiên ở vùng sâu", "thi-sinh-uu-tien-o-vung-sau"),
        ("Hướng dẫn ôn thi: Toán & Tiếng Anh!", "huong-dan-on-thi-toan-tieng-anh"),
        (NFD("Kỳ thi tốt nghiệp THPT năm 2020"), "ky-thi-tot-nghiep-thpt-nam-2020"),
        ("Công văn 2594/BGDĐT-VP", "cong-van-2594bgddt-vp"),
    ],
)
def test_slug_strips_diacritics_and_maps_d_with_stroke(title, slug):
    assert slugify_vi(title) == slug


def test_slug_is_cut_at_a_word_boundary_dash():
    assert slugify_vi("Đề thi Ngữ văn", max_length=8) == "de-thi-n"
    assert not slugify_vi("Đề thi Ngữ văn", max_length=7).endswith("-")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ky thi", "Kỳ thi tốt nghiệp"),
        ("de thi", "Đề thi Ngữ văn"),
        ("DE THI", "đề thi"),
        ("ngu van", NFD("Ngữ Văn")),
        ("Kỳ thi", NFD("KỲ THI")),
        ("uu tien", "Ưu tiên"),
        ("o  lai", "ở lại"),
    ],
)
def test_search_normaliser_makes_accents_and_case_optional(typed, stored):
    assert normalise_search(typed) in normalise_search(stored)


def test_composed_and_decomposed_input_normalise_alike():
    text = "Điểm thi Phan Ngọc Hiển, Năm Căn"
    assert normalise_search(unicodedata.normalize("NFC", text)) == normalise_search(NFD(text))
    assert normalise_search(text) == "diem thi phan ngoc hien, nam can"


def test_dates_read_as_vietnamese_readers_write_them():
    day = dt.date(2020, 7, 17)
    assert format_date(day) == "17/7/2020"
    assert format_date_long(day) == "ngày 17 tháng 7 năm 2020"
    assert format_weekday(dt.date(2020, 8, 9)) == "Chủ nhật"
    assert format_weekday(dt.date(2020, 8, 8)) == "Thứ Bảy"


def test_datetimes_are_shown_in_ho_chi_minh_time():
    # 23:30 UTC on 8/8 is 06:30 on 9/8 in Cà Mau.
    moment = dt.datetime(2020, 8, 8, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert format_datetime(moment) == "06:30 9/8/2020"
    assert format_date(moment) == "9/8/2020"


def test_template_filters_and_django_date_format_agree():
    rendered = Template("{% load vi %}{{ d|ngay }} · {{ d|ngay_dai }} · {{ d|date }}").render(
        Context({"d": dt.date(2020, 8, 27)})
    )
    assert rendered == "27/8/2020 · ngày 27 tháng 8 năm 2020 · 27/8/2020"
