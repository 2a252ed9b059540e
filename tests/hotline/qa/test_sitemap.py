"""Q&A entries in /sitemap.xml: published ones only, with their last change."""

from django.utils import timezone


def test_the_sitemap_lists_published_entries_only(client, make_entry, hidden_entries):
    entry = make_entry("Lịch thi thế nào?")

    text = client.get("/sitemap.xml").content.decode()

    assert (
        f"<loc>http://testserver{entry.get_absolute_url()}</loc>"
        f"<lastmod>{timezone.localdate(entry.updated_at).isoformat()}</lastmod>"
    ) in text.replace("\n", "").replace(" ", "")
    assert "<loc>http://testserver/hoi-dap/</loc>" in text
    for hidden in hidden_entries.values():
        assert hidden.get_absolute_url() not in text
