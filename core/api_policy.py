"""The rules every view of the public API (/api/v1/) follows, referenced from settings.REST_FRAMEWORK.

Anonymous and read-only, throttled per client address, paginated 20 a page, errors in Vietnamese and
in JSON, also for an address under /api/ that no route matches (`page_not_found`, the site's
handler404). The OpenAPI responses at the end describe those errors; each endpoint lists the ones it
can give in its `extend_schema(responses=...)`.
This module imports no view, viewset or router of REST framework: REST framework reads these classes
while it defines its own views, so an import back into them would be circular.
"""

from __future__ import annotations

import logging
import math

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, pagination, permissions, serializers, throttling
from rest_framework.settings import api_settings

from core.http import client_ip

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


API_PATH_PREFIX = "/api/"


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 (handler404): under /api/, an address no route matches (an unknown endpoint,
    a slug with characters no slug has) answers in JSON as the API's own 404 does; anywhere else,
    Django's page from templates/404.html."""
    path = request.path_info
    if path.startswith(API_PATH_PREFIX) or path == API_PATH_PREFIX.rstrip("/"):
        return JsonResponse(
            {"detail": str(exceptions.NotFound.default_detail)},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.page_not_found(request, exception)


# The errors of the API in its OpenAPI description: each endpoint names those it can give in
# `extend_schema(responses=...)`, and RETRY_AFTER among its parameters for the 429's header.


# {"detail": "..."}: the body of every refusal but that of a refused query parameter. (A comment,
# not a docstring: drf-spectacular would show a docstring to the API's readers, in English.)
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Lý do, bằng tiếng Việt.")


INVALID_QUERY = OpenApiResponse(
    dict[str, list[str]],
    description=(
        "Tham số truy vấn không hợp lệ: với mỗi tham số sai, danh sách lỗi bằng tiếng Việt."
    ),
    examples=[
        OpenApiExample(
            "Ngày sai dạng",
            value={
                "published_after": ["Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-09."]
            },
            status_codes=["400"],
            response_only=True,
        )
    ],
)


def _refusal(status: int, description: str, title: str, detail: str) -> OpenApiResponse:
    """A refusal with the {"detail": ...} body, and an example of it."""
    example = OpenApiExample(
        title, value={"detail": detail}, status_codes=[str(status)], response_only=True
    )
    return OpenApiResponse(ErrorSerializer, description=description, examples=[example])


PAGE_NOT_FOUND = _refusal(
    404,
    "Số trang (page) không hợp lệ hoặc lớn hơn số trang hiện có.",
    "Trang không tồn tại",
    "Trang không tồn tại.",
)
NOT_FOUND = _refusal(
    404,
    "Không có mục đã công bố nào có đường dẫn (slug) này.",
    "Không tìm thấy",
    "Không tìm thấy.",
)
THROTTLED = _refusal(
    429,
    "Địa chỉ IP này đã gửi quá số yêu cầu cho phép mỗi phút; tiêu đề Retry-After cho biết số giây "
    "cần chờ.",
    "Quá nhiều yêu cầu",
    "Quá nhiều yêu cầu từ địa chỉ này. Mời thử lại sau 42 giây.",
)
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    int,
    OpenApiParameter.HEADER,
    response=[429],
    description="Số giây cần chờ trước khi gửi yêu cầu tiếp theo.",
)


def list_responses(serializer, *, filtered: bool = True, paged: bool = True) -> dict:
    """The responses of a list operation: its page, and the refusals it can give."""
    responses = {200: serializer, 429: THROTTLED}
    if filtered:
        responses[400] = INVALID_QUERY
    if paged:
        responses[404] = PAGE_NOT_FOUND
    return dict(sorted(responses.items()))


def detail_responses(serializer, *, filtered: bool = True) -> dict:
    """The responses of a detail operation. REST framework's detail lookup also applies the
    list's filters, so on a filtered endpoint a bad filter value is refused there too (400)."""
    responses = {200: serializer, 404: NOT_FOUND, 429: THROTTLED}
    if filtered:
        responses[400] = INVALID_QUERY
    return dict(sorted(responses.items()))
