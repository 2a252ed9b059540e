from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản chỉ đạo"
    search_provider = "documents.search.provider"

    # The Office keeps the library; the Testing division reads it.
    role_permissions = {
        "Văn phòng Sở": [
            f"documents.{action}_{model}"
            for model in ("document", "documentfile", "documentlink", "issuingbody")
            for action in ("add", "change", "view")
        ]
        + ["documents.delete_documentlink", "documents.view_historicaldocument"],
        "Phòng Khảo thí": ["documents.view_document", "documents.view_documentfile"],
    }

    # Sections of /sitemap.xml, collected by camau_exam_portal.sitemaps.
    sitemaps = {"documents": "documents.sitemaps.DocumentSitemap"}
