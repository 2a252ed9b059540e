"""Reads of the news column, each a fixed number of queries whatever the number of articles."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from news.models import Article, Category, RelatedPortal


def latest_articles(*, limit: int = 8, exclude_ids=()) -> list[Article]:
    return list(Article.objects.published().for_listing().exclude(pk__in=exclude_ids)[:limit])


def pinned_articles(*, now=None) -> list[Article]:
    now = now or timezone.now()
    return list(Article.objects.published(now).for_listing().filter(pinned_until__gte=now)[:3])


def latest_by_category(*, per_category: int = 3) -> list[tuple[Category, list[Article]]]:
    """Each active category with its newest articles: two queries in all."""
    categories = list(Category.objects.filter(is_active=True))
    ranked = (
        Article.objects.published()
        .select_related("category")
        .filter(category__in=categories)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("publish_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_category)
        .order_by("category_id", "rank")
    )
    by_category: dict[int, list[Article]] = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    return [(c, by_category[c.pk]) for c in categories if c.pk in by_category]


def article_for_reader(*, slug: str) -> Article | None:
    return (
        Article.objects.readable()
        .select_related("category")
        .prefetch_related("corrections", Prefetch("sessions"))
        .filter(slug=slug)
        .first()
    )


def related_articles(*, article: Article, limit: int = 4) -> list[Article]:
    return list(
        Article.objects.published()
        .for_listing()
        .filter(Q(category_id=article.category_id))
        .exclude(pk=article.pk)[:limit]
    )


def related_portals() -> list[RelatedPortal]:
    return list(RelatedPortal.objects.filter(is_active=True))
