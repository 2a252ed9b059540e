"""Site search (`/tim-kiem/?q=`): one search over every app that declares a provider.

An app joins the search by naming a provider on its AppConfig, as a dotted path:

    class NewsConfig(AppConfig):
        search_provider = "news.search.provider"

A provider is any object with `search(query, *, limit) -> ProviderResult` that runs exactly one
database query and returns its best `limit` hits, ranked, with the total number of matches.
`ranked()` and `top_hits()` below do the work for a queryset, on PostgreSQL (full-text search over
a stored, weighted tsvector column with a GIN index: see `weighted_vector` and `add_vector_index`)
and on SQLite (every word must occur, counted occurrences).

Accents are optional: the app stores `normalise_search(...)` of the searchable text (no
diacritics, case-folded), beginning with the title, and the query is normalised the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.apps import apps as global_apps
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connections
from django.db.models import Count, F, QuerySet, Value, Window
from django.db.models.functions import Length, Replace, Substr
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from core.vietnamese import normalise_search, strip_diacritics

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
# More words add little and each one is a condition in every provider's query.
MAX_WORDS = 10
PER_PAGE = 10
# Nobody reads page 51 of a search; every provider fetches page × PER_PAGE rows, so this bounds it.
MAX_PAGES = 50
# A word in the title counts three times as much as the same word in the rest of the text.
TITLE_WEIGHT = 3

# A word is a run of letters and digits; everything else separates words, in the query and in the
# highlighting. PostgreSQL's parser keeps "1423/kh-sgddt", "9/8/2020" or "www.camau.gov.vn" as
# single tokens, so "1423" would find nothing there (while SQLite finds it): the characters it joins
# tokens with become spaces first. (A class of single characters: far cheaper than [^[:alnum:]]+.)
_WORD = re.compile(r"[^\W_]+")
_COMPOUND_JOINERS = re.compile(r"[-/.@:_+~]")


@dataclass(frozen=True)
class Query:
    text: str  # as the reader typed it (trimmed, at most MAX_QUERY_LENGTH characters)
    words: tuple[str, ...]  # normalised: no diacritics, case-folded

    @property
    def is_searchable(self) -> bool:
        return sum(len(word) for word in self.words) >= MIN_QUERY_LENGTH

    @property
    def normalised(self) -> str:
        return " ".join(self.words)


def parse_query(raw: str | None) -> Query:
    text = " ".join((raw or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        # Cut before the word the limit falls in: half a word would find nothing (or too much).
        cut = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0]
        text = cut if cut != text[: MAX_QUERY_LENGTH + 1] else text[:MAX_QUERY_LENGTH]
    words = tuple(dict.fromkeys(_WORD.findall(normalise_search(text))))[:MAX_WORDS]
    return Query(text=text, words=words)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # what the reader is told it is, in Vietnamese: "Tin tức", "Văn bản", ...
    title: str
    summary: str
    url: str
    date: dt.date | dt.datetime | None
    score: float


@dataclass(frozen=True)
class ProviderResult:
    hits: list[SearchHit]  # best first, at most the `limit` asked for
    total: int  # every match, not only those returned


class SearchProvider(Protocol):
    def search(self, query: Query, *, limit: int) -> ProviderResult:
        """The best `limit` hits for the query, in exactly one database query.

        Hits of all providers are merged by score: score with `ranked()` so the scales agree.
        """
        ...


def providers() -> list[SearchProvider]:
    """The provider of every installed app that declares one, in INSTALLED_APPS order."""
    found = []
    for config in global_apps.get_app_configs():
        path = getattr(config, "search_provider", None)
        if path:
            found.append(import_string(path))
    return found


# --- Ranking a queryset: PostgreSQL full-text search, or a plain fallback elsewhere ---------------


def weighted_vector(*, title: str, text: str):
    """The tsvector to store for a row (PostgreSQL): its normalised title weighted A, its whole
    normalised text weighted B. Characters that PostgreSQL's parser joins tokens with become
    spaces first, so "1423" is found in "1423/kh-sgddt"."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(
        Value(_COMPOUND_JOINERS.sub(" ", title)), config="simple", weight="A"
    ) + SearchVector(Value(_COMPOUND_JOINERS.sub(" ", text)), config="simple", weight="B")


def store_search_vector(instance, *, title: str, text: str) -> None:
    """After a row's save, write its `search_vector` (PostgreSQL only; SQLite keeps it empty).

    For a model's save(): the vector is the row's own derived field, computed by the database.
    """
    if connections[instance._state.db].vendor == "postgresql":
        type(instance).objects.filter(pk=instance.pk).update(
            search_vector=weighted_vector(title=title, text=text)
        )


def add_vector_index(apps, schema_editor, *, table: str, column: str, index: str) -> None:
    """Migration helper: a GIN index on a stored tsvector column, on PostgreSQL only (the column
    exists everywhere; SQLite searches without it)."""
    if schema_editor.connection.vendor == "postgresql":
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index)} ON {quote(table)} USING gin ({quote(column)})"
        )


def ranked(
    queryset: QuerySet, *, text_field: str, vector_field: str, query: Query, title_field: str
) -> QuerySet:
    """The rows matching every word of the query, annotated `search_score`, best first.

    `text_field` holds the normalised text of the row and begins with the normalised title (so the
    title's words are its first `len(title)` characters); `vector_field` holds `weighted_vector()`
    of the row on PostgreSQL. Ties keep the queryset's own ordering.
    """
    if not query.words:
        return queryset.none()
    tiebreak = list(queryset.query.order_by or queryset.model._meta.ordering)
    title_text = Substr(text_field, 1, Length(title_field))
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        ts_query = SearchQuery(query.normalised, config="simple", search_type="plain")
        # The stored vector weighs the title A and the text B: a title match ranks 2.5 times higher.
        queryset = queryset.filter(**{vector_field: ts_query}).annotate(
            search_score=SearchRank(F(vector_field), ts_query)
        )
    else:
        for word in query.words:
            queryset = queryset.filter(**{f"{text_field}__icontains": word})
        score = Value(0)
        for word in query.words:
            score = (
                score
                + _occurrences(title_text, word) * TITLE_WEIGHT
                + _occurrences(F(text_field), word)
            )
        queryset = queryset.annotate(search_score=score)
    return queryset.order_by("-search_score", *tiebreak)


def _occurrences(expression, word: str):
    """How many times the word occurs in the text (integer division: the removed length is a multiple)."""
    return (Length(expression) - Length(Replace(expression, Value(word), Value("")))) / len(word)


def top_hits(
    queryset: QuerySet, *, limit: int, to_hit: Callable[[object], SearchHit]
) -> ProviderResult:
    """The first `limit` rows of a `ranked()` queryset as hits, and the total: one query."""
    rows = list(queryset.annotate(search_total=Window(Count("*")))[:limit])
    total = rows[0].search_total if rows else 0
    return ProviderResult(hits=[to_hit(row) for row in rows], total=total)


# --- Highlighting --------------------------------------------------------------------------------


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """The text, escaped, with every whole normalised word of the query in <mark>.

    Matching happens on the normalised form, character by character: each character of the NFC
    text maps to its own normalised piece ("Đ" -> "d", "ề" -> "e"), so a match in the normalised
    text is a span of the original. A piece may be empty (a lone combining mark) or longer than
    one character; the mapping holds either way.
    """
    text = unicodedata.normalize("NFC", text or "")
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not text or not words:
        return escape(text)
    pieces = [strip_diacritics(ch).casefold() for ch in text]
    owner = [i for i, piece in enumerate(pieces) for _ in piece]
    folded = "".join(pieces)
    alternatives = "|".join(map(re.escape, words))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    spans: list[list[int]] = []
    for match in pattern.finditer(folded):
        start, end = owner[match.start()], owner[match.end() - 1] + 1
        while end < len(text) and not pieces[end]:
            end += 1  # keep a trailing combining mark inside the <mark>
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1][1] = end  # "Kỳ thi": one mark, not two
        else:
            spans.append([start, end])
    html, position = [], 0
    for start, end in spans:
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 (every piece of the text is escaped above)


# --- Searching every provider --------------------------------------------------------------------


@dataclass(frozen=True)
class ShownHit:
    """A hit on the page being shown, with its title and summary highlighted."""

    hit: SearchHit
    title: SafeString
    summary: SafeString


@dataclass
class SearchResults:
    query: Query
    total: int = 0
    page: Page | None = None
    hits: list[ShownHit] = field(default_factory=list)


class _FetchedWindow(Sequence):
    """What the Paginator pages through: the hits fetched so far, counted as the full total."""

    def __init__(self, hits: list[SearchHit], total: int):
        self.hits, self.total = hits, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.hits[index]


def search(query: Query, *, page_number: int = 1, per_page: int = PER_PAGE) -> SearchResults:
    """One page of hits from every provider, best score first, newest first among equals.

    One query per provider whatever the number of rows: each returns its best page × per_page
    hits, enough to cut any page up to `page_number` exactly from the merged list.
    Raises InvalidPage for a page before the first, past the results or past MAX_PAGES.
    """
    if not query.is_searchable:
        return SearchResults(query=query)
    if not 1 <= page_number <= MAX_PAGES:
        raise InvalidPage(page_number)
    limit = page_number * per_page
    hits: list[SearchHit] = []
    total = 0
    for provider in providers():
        result = provider.search(query, limit=limit)
        hits.extend(result.hits)
        total += result.total
    hits.sort(key=_merge_key)
    shown_total = min(total, MAX_PAGES * per_page)
    page = Paginator(_FetchedWindow(hits, shown_total), per_page).page(page_number)
    shown = [
        ShownHit(
            hit=hit,
            title=highlight(hit.title, query.words),
            summary=highlight(hit.summary, query.words),
        )
        for hit in page.object_list
    ]
    return SearchResults(query=query, total=total, page=page, hits=shown)


def _merge_key(hit: SearchHit):
    when = hit.date
    if isinstance(when, dt.datetime):
        stamp = when.timestamp()
    elif isinstance(when, dt.date):
        stamp = dt.datetime.combine(when, dt.time()).timestamp()
    else:
        stamp = float("-inf")
    # Scores within a hundredth are equally relevant (ts_rank moves by a few ten-thousandths with
    # the length of the text): among them, the newest comes first.
    return (-round(hit.score, 2), -stamp)
