"""Public pages of the document library (filled in by the library's public-pages work)."""

from camau_exam_portal.views import ComingSoonView

document_list = ComingSoonView.as_view(
    section_title="Văn bản chỉ đạo",
    description=(
        "Văn bản chỉ đạo, hướng dẫn về Kỳ thi của Bộ GD&ĐT, UBND tỉnh, "
        "Ban Chỉ đạo thi cấp tỉnh và Sở GD&ĐT."
    ),
)


def document_detail(request, slug: str):
    from django.http import Http404

    raise Http404
