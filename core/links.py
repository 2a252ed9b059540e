"""Links from one app's public page to another app's rows, through a relation between their models.

A Q&A entry cites directive documents (`hotline.QAEntry.related_documents`); a document's page lists
the articles that cite it (`news.Article.related_documents`, read from the document's side). The
relation is declared by string ("documents.Document"), so neither app imports the other, and the app
that owns the linked rows decides which of them the public may see and what a link to them needs:
its queryset has `for_public_links(now)` (rows the public may read now, the columns a link shows, in
the order links are listed), the way its model has `get_absolute_url()` for whoever links to it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Model, Prefetch


def public_links(model: type[Model], relation: str, *, now: dt.datetime) -> Prefetch:
    """A prefetch of `model`'s `relation` (a field or a reverse relation) keeping only the rows the
    public may read at `now`: one query whatever the number of rows of `model` fetched."""
    linked = model._meta.get_field(relation).related_model
    return Prefetch(relation, queryset=linked._default_manager.for_public_links(now))
