from django.contrib.sitemaps import Sitemap

from hotline.models import QAEntry


class QAEntrySitemap(Sitemap):
    def items(self):
        return QAEntry.objects.published()
