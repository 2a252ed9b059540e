"""Press releases in the site search (being written)."""

from camau_exam_portal.search import ProviderResult


class ReleaseSearch:
    kind = "Thông cáo báo chí"

    def search(self, query, *, limit):
        return ProviderResult(hits=[], total=0)


provider = ReleaseSearch()
