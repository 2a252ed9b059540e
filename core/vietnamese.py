"""Vietnamese text helpers used by every app: slugs, search normalisation and dates.

Django's own slugify drops "đ" (it has no decomposition), so "Đề thi" would become "e-thi";
these helpers map đ/Đ to d first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils import timezone
from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def strip_diacritics(text: str) -> str:
    """ "Kỳ thi Đề" -> "Ky thi De", for composed (NFC) and decomposed (NFD) input alike."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify_vi(text: str, *, max_length: int | None = None) -> str:
    """A URL slug without diacritics: "Đề thi Ngữ văn" -> "de-thi-ngu-van"."""
    slug = slugify(strip_diacritics(text))
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(queryset, base: str, *, exclude_pk=None) -> str:
    """`base`, or `base-2`, `base-3`... the first not taken in the queryset (by its `slug`)."""
    slug, n = base, 2
    while queryset.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def normalise_search(text: str) -> str:
    """Case-folded text without diacritics and with single spaces, for accent-optional search.

    "Kỳ thi" and "ky thi" both become "ky thi"; "Đề THI" becomes "de thi".
    """
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value: dt.date | dt.datetime | None) -> str:
    """17/7/2020 (no leading zeros), in the portal's time zone for a datetime."""
    if value is None:
        return ""
    day = _as_local_date(value)
    return f"{day.day}/{day.month}/{day.year}"


def format_date_long(value: dt.date | dt.datetime | None) -> str:
    """ngày 17 tháng 7 năm 2020"""
    if value is None:
        return ""
    day = _as_local_date(value)
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def format_weekday(value: dt.date | dt.datetime | None) -> str:
    """Thứ Bảy, Chủ nhật..."""
    if value is None:
        return ""
    return WEEKDAYS[_as_local_date(value).weekday()]


def format_datetime(value: dt.datetime | None) -> str:
    """07:35 17/7/2020 in Asia/Ho_Chi_Minh."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {format_date(local)}"


def format_count(value: int | None) -> str:
    """11.318 as Vietnamese readers write thousands; an em dash for no figure."""
    return "—" if value is None else f"{value:,}".replace(",", ".")


def format_rate(value) -> str:
    """A percentage with two decimals as Vietnamese readers write it (99,75 %); an em dash for
    none (nothing to divide)."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",") + " %"
