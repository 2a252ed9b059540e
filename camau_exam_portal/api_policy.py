"""The rules every view of the public API (/api/v1/) follows, referenced from settings.REST_FRAMEWORK.

Anonymous and read-only, throttled per client address, paginated 20 a page, errors in Vietnamese.
This module imports no view, viewset or router of REST framework: REST framework reads these classes
while it defines its own views, so an import back into them would be circular.
"""

from __future__ import annotations

import logging
import math

from django.http import Http404
from rest_framework import exceptions, pagination, permissions, throttling
from rest_framework.settings import api_settings

from camau_exam_portal.http import client_ip

logger = logging.getLogger(__name__)


class ReadOnly(permissions.BasePermission):
    """GET, HEAD and OPTIONS only: any other method is refused with 405, whatever the viewset offers."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        raise exceptions.MethodNotAllowed(
            request.method,
            detail=f"Phương thức {request.method} không được hỗ trợ: API này chỉ cho phép đọc dữ liệu.",
        )


class PerAddressThrottle(throttling.AnonRateThrottle):
    """Requests per client address, the address as the rest of the portal sees it (TRUSTED_PROXY_COUNT)."""

    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_rate(self) -> str | None:
        # Read at each request rather than once at import, so a changed setting takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        """With the cache (Redis) down the counts cannot be kept: the read-only API keeps
        answering, unthrottled, rather than failing every partner's request."""
        try:
            return super().allow_request(request, view)
        except Exception as error:  # the cache is down
            logger.warning("API throttle cache unavailable (%s); request allowed.", error)
            return True


class PageNumberPagination(pagination.PageNumberPagination):
    page_query_description = "Số trang, bắt đầu từ 1."
    invalid_page_message = "Trang không tồn tại."


def exception_handler(exc, context):
    """REST framework's handler, with the messages its Vietnamese catalogue lacks."""
    from rest_framework.views import exception_handler as drf_exception_handler  # see module doc

    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Article matches the given query.").
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait) if exc.wait is not None else None
        detail = "Quá nhiều yêu cầu từ địa chỉ này."
        if wait:
            detail += f" Mời thử lại sau {wait} giây."
        exc = exceptions.Throttled(detail=detail)
        exc.wait = wait
    return drf_exception_handler(exc, context)
