from functools import partial

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

from core.search import add_vector_index, weighted_vector
from core.vietnamese import normalise_search


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("news", "Article")
    for pk, title, text in Article.objects.values_list("pk", "title", "search_text").iterator():
        Article.objects.filter(pk=pk).update(
            search_vector=weighted_vector(title=normalise_search(title), text=text)
        )


class Migration(migrations.Migration):
    """Full-text search of the articles (issue: News column, item 9): a stored weighted tsvector
    with a GIN index on PostgreSQL; the column stays empty on SQLite, which searches without it."""

    dependencies = [("news", "0002_categories")]
    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            partial(
                add_vector_index,
                table="news_article",
                column="search_vector",
                index="news_article_search",
            ),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
    ]
