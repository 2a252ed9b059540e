"""Documents in /sitemap.xml: published ones only, with their last change."""

from django.utils import timezone


def test_the_sitemap_lists_published_documents_only(client, make_document, hidden_documents):
    document = make_document()

    text = client.get("/sitemap.xml").content.decode()

    assert (
        f"<loc>http://testserver{document.get_absolute_url()}</loc>"
        f"<lastmod>{timezone.localdate(document.updated_at).isoformat()}</lastmod>"
    ) in text.replace("\n", "").replace(" ", "")
    for hidden in hidden_documents.values():
        assert hidden.get_absolute_url() not in text
