"""The media kit: files any journalist may download."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pressroom.models.contacts import CheckedFile


class MediaKitItem(CheckedFile):
    """A file for reporters: fact sheet, figures of the exam, logo, photos."""

    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("công bố"), default=True)

    class Meta(CheckedFile.Meta):
        verbose_name = _("tài liệu cho báo chí")
        verbose_name_plural = _("bộ tài liệu cho báo chí")
        ordering = ["order", "pk"]
