"""Publishing, scheduling, corrections and withdrawal, as the Office does them."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.pagecache import public_version
from news.models import Article, Status
from news.services import (
    article_publish,
    article_save,
    article_withdraw,
    articles_publish_due,
)
from news.tasks import publish_due


def draft(category, **fields):
    values = {
        "title": "Đề thi Ngữ văn năm 2020",
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "category": category,
    }
    values.update(fields)
    return Article(**values)


def test_a_slug_keeps_d_with_stroke_as_d_and_stays_unique(category, office):
    first = article_save(article=draft(category), user=office)
    second = article_save(article=draft(category), user=office)
    assert first.slug == "de-thi-ngu-van-nam-2020"
    assert second.slug == "de-thi-ngu-van-nam-2020-2"


def test_publishing_now_makes_the_article_public(category, office):
    article = article_publish(article=draft(category), user=office)
    assert article.status == Status.PUBLISHED and article.first_published_at
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_a_scheduled_article_becomes_public_at_its_time_without_anyone_acting(
    category, office, django_capture_on_commit_callbacks
):
    start = dt.datetime(2020, 8, 8, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        article = article_publish(
            article=draft(category), user=office, publish_at=start + dt.timedelta(hours=2)
        )
        assert article.status == Status.SCHEDULED
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(start + dt.timedelta(hours=2, seconds=1), tick=False):
        # Public by the queryset alone, before beat has run...
        assert Article.objects.published().filter(pk=article.pk).exists()
        version = public_version()
        with django_capture_on_commit_callbacks(execute=True):
            assert publish_due.apply().get() == 1
            assert articles_publish_due() == 0  # ...and beat's run happens once
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.first_published_at == start + dt.timedelta(hours=2)
        assert public_version() == version + 1  # cached pages refreshed


def test_changing_a_published_article_needs_a_public_note(category, office):
    article = article_publish(article=draft(category), user=office)
    article.summary = "Tóm tắt đã sửa."
    with pytest.raises(ValidationError, match="ghi ngắn gọn nội dung cập nhật"):
        article_save(article=article, user=office)
    article_save(article=article, user=office, change_note="Sửa tóm tắt cho chính xác.")
    correction = article.corrections.get()
    assert correction.note == "Sửa tóm tắt cho chính xác." and correction.created_by == office


def test_a_published_slug_never_changes(category, office):
    article = article_publish(article=draft(category), user=office)
    article.slug = "duong-dan-moi"
    with pytest.raises(ValidationError, match="không được đổi đường dẫn"):
        article_save(article=article, user=office, change_note="Đổi đường dẫn")


def test_withdrawing_needs_a_reason_and_keeps_the_page(category, office, client):
    article = article_publish(article=draft(category), user=office)
    with pytest.raises(ValidationError):
        article_withdraw(article=article, user=office, reason="  ")
    article_withdraw(article=article, user=office, reason="Thông tin chưa chính xác.")
    assert not Article.objects.published().filter(pk=article.pk).exists()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bài viết đã được gỡ" in text and "Thông tin chưa chính xác." in text
    assert "Nội dung." not in text
    assert article.title not in client.get("/tin-tuc/").content.decode()


def test_every_publish_change_and_withdrawal_is_in_the_audit_history(category, office):
    article = article_publish(article=draft(category), user=office)
    article.title = "Đề thi Ngữ văn năm 2020 (cập nhật)"
    article_save(article=article, user=office, change_note="Sửa tiêu đề")
    article_withdraw(article=article, user=office, reason="Trùng bài")
    history = list(article.history.order_by("history_date"))
    assert [h.status for h in history] == ["da-dang", "da-dang", "go-bo"]
    assert all(h.history_date <= timezone.now() for h in history)


def test_the_cover_image_needs_alt_text(category, office):
    article = draft(category, cover_image="tin-tuc/anh.jpg")
    with pytest.raises(ValidationError, match="mô tả cho người khiếm thị"):
        article_save(article=article, user=office)


def test_an_article_cannot_take_the_path_of_another_page(category, office):
    article = article_save(article=draft(category, title="Widget"), user=office)
    assert article.slug == "widget-bai-viet"
    article.slug = "nhung-tin"
    with pytest.raises(ValidationError, match="dành cho trang khác"):
        article_save(article=article, user=office)
