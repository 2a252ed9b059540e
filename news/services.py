"""Writes of the news column. Admin and any other caller go through these functions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.pagecache import bump_public_version
from news.models import Article, Category, Correction, Status

# Fields whose change on a published article the public must be told about.
PUBLIC_FIELDS = ("title", "summary", "body", "cover_image", "cover_alt", "category_id")


def article_save(*, article: Article, user, change_note: str = "") -> Article:
    """Save an article from the editor; a published article's public change needs a note.

    Guarantees: the body is sanitised (Article.save); a change to a published article's public
    content is recorded as a correction with its author and time, and shown on the page; public
    pages are refreshed.
    """
    change_note = change_note.strip()
    with transaction.atomic():
        changed = _public_fields_changed(article)
        needs_note = changed and article.first_published_at and article.status != Status.WITHDRAWN
        if needs_note and not change_note:
            raise ValidationError(
                {"change_note": "Bài đã đăng: hãy ghi ngắn gọn nội dung cập nhật, đính chính."}
            )
        _apply_status_times(article)
        article.full_clean()
        article.save()
        if change_note and article.first_published_at:
            Correction.objects.create(article=article, note=change_note, created_by=user)
        transaction.on_commit(bump_public_version)
    return article


def article_publish(
    *, article: Article, user, publish_at: dt.datetime | None = None, change_note: str = ""
) -> Article:
    """Publish now, or schedule for `publish_at`; the article becomes public at that time without
    anyone acting (the published() queryset and the beat task `publish_due`)."""
    article.publish_at = publish_at or article.publish_at or timezone.now()
    article.status = Status.SCHEDULED if article.publish_at > timezone.now() else Status.PUBLISHED
    return article_save(article=article, user=user, change_note=change_note)


def article_withdraw(*, article: Article, user, reason: str) -> Article:
    """Withdraw: the page stays with a notice and the reason instead of a 404."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"withdrawn_reason": "Hãy ghi lý do gỡ bài."})
    article.status = Status.WITHDRAWN
    article.withdrawn_reason = reason
    return article_save(article=article, user=user)


def articles_publish_due(*, now: dt.datetime | None = None) -> int:
    """Flip scheduled articles whose time has come to published and refresh public pages."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Article.objects.filter(status=Status.SCHEDULED, publish_at__lte=now)
        count = 0
        for article in due.select_for_update():
            article.status = Status.PUBLISHED
            article.first_published_at = article.first_published_at or article.publish_at
            article._change_reason = "Đến giờ đăng theo lịch hẹn"
            article.save()
            count += 1
        if count:
            transaction.on_commit(bump_public_version)
    return count


def _apply_status_times(article: Article) -> None:
    now = timezone.now()
    if article.status in (Status.PUBLISHED, Status.SCHEDULED) and article.publish_at <= now:
        article.status = Status.PUBLISHED
        article.first_published_at = article.first_published_at or article.publish_at
    if article.status == Status.WITHDRAWN:
        article.withdrawn_at = article.withdrawn_at or now
    else:
        article.withdrawn_at = None
        article.withdrawn_reason = ""


def _public_fields_changed(article: Article) -> bool:
    if not article.pk:
        return False
    old = Article.objects.filter(pk=article.pk).values(*PUBLIC_FIELDS).first()
    if old is None:
        return False
    new_values = {
        "title": article.title,
        "summary": article.summary,
        "body": _sanitised(article.body),
        "cover_image": article.cover_image.name if article.cover_image else "",
        "cover_alt": article.cover_alt,
        "category_id": article.category_id,
    }
    return any((old[field] or "") != (new_values[field] or "") for field in PUBLIC_FIELDS)


def _sanitised(body: str) -> str:
    from core.richtext import sanitise_html

    return sanitise_html(body)


# The category of the drafts other apps prepare for the Office (a migration creates it).
SESSION_NEWS_CATEGORY = "tinh-hinh-cac-buoi-thi"


def article_draft_prepare(
    *, title: str, summary: str, body_html: str, sessions=(), byline: str = ""
) -> Article:
    """A draft article prepared by the portal (the reports app's session summary) for the Office
    to review: never published here; a person publishes it in admin. The body is sanitised on
    save like any other."""
    category = (
        Category.objects.filter(slug=SESSION_NEWS_CATEGORY).first()
        or Category.objects.filter(is_active=True).order_by("order", "pk").first()
    )
    if category is None:
        raise ValidationError("Chưa có chuyên mục tin tức nào để lưu bản nháp.")
    with transaction.atomic():
        article = Article(
            title=title[:250],
            summary=summary[:600],
            body=body_html,
            category=category,
            byline=byline,
            status=Status.DRAFT,
        )
        article.full_clean(exclude=["slug"])
        article.save()
        article.sessions.set(sessions)
    return article
