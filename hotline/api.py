"""/api/v1/qa/ (written with the Q&A public pages)."""

from rest_framework import mixins, viewsets

from hotline.models import QAEntry


class QAEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = QAEntry.objects.none()
