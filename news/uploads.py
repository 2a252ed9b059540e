"""Images that staff put into an article's body from CKEditor 5.

CKEditor's upload adapter posts the file as `upload` (multipart) with the CSRF token in the
X-CSRFToken header and expects `{"url": ...}` or `{"error": {"message": ...}}`; the message is
shown to the editor as is, so it is Vietnamese.

What is stored is never the uploaded bytes: the file must decode as a JPEG, PNG, GIF or WebP image
within the size limits, and is then re-encoded by Pillow. Whatever rode along with the pixels
(a script appended after the image data, EXIF with the photographer's GPS position, an HTML page
that merely starts with an image header) is left behind. The name on disk is generated; the
uploader's file name and extension are never used.
"""

from __future__ import annotations

import io
import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 8000
# Every frame of an animation is decoded when re-encoding: the whole animation gets the budget of
# one largest still image.
MAX_TOTAL_PIXELS = MAX_SIDE * MAX_SIDE
# Detected format -> extension on disk.
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
UPLOAD_PERMISSIONS = ("news.add_article", "news.change_article")


class ImageRefused(Exception):
    """The upload is not an image the portal stores; the message is for the editor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"message": message}}, status=status)


@never_cache
@require_POST
def editor_image_upload(request):
    """CKEditor 5's upload URL (settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME)."""
    user = request.user
    if not (
        user.is_authenticated
        and user.is_staff
        and any(user.has_perm(perm) for perm in UPLOAD_PERMISSIONS)
    ):
        return _error(
            _("Bạn không có quyền tải ảnh lên. Xin đăng nhập bằng tài khoản biên tập tin."), 403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("Không nhận được tệp ảnh. Xin chọn lại ảnh và thử lại."), 400)
    try:
        name = store_editor_image(upload)
    except ImageRefused as refused:
        logger.info("Editor image refused for user %s: %s", user.pk, refused.message)
        return _error(refused.message, 400)
    return JsonResponse({"url": default_storage.url(name)})


def store_editor_image(upload) -> str:
    """Check, re-encode and store an uploaded image; return its name in default storage.

    Guarantees: nothing is stored unless the file is a JPEG, PNG, GIF or WebP image of at most
    MAX_UPLOAD_BYTES bytes and MAX_SIDE x MAX_SIDE pixels that decodes completely; the stored file is
    Pillow's re-encoding of the pixels under `tin-tuc/noi-dung/YYYY/MM/<uuid>.<ext>`, the extension
    taken from the detected format. Raises ImageRefused otherwise.
    """
    if upload.size == 0:
        raise ImageRefused(_("Tệp rỗng, không có ảnh. Xin chọn lại ảnh."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImageRefused(
            _("Ảnh quá lớn (%(size)s MB). Ảnh tải lên tối đa 5 MB; xin giảm kích thước ảnh.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRefused(_("Ảnh quá lớn. Ảnh tải lên tối đa 5 MB; xin giảm kích thước ảnh."))
    fmt = _checked_format(data)
    encoded = _reencode(data, fmt)
    name = f"tin-tuc/noi-dung/{timezone.localtime():%Y/%m}/{uuid.uuid4().hex}.{FORMATS[fmt]}"
    return default_storage.save(name, ContentFile(encoded))


def _not_an_image() -> ImageRefused:
    return ImageRefused(
        _(
            "Tệp này không phải là ảnh hợp lệ hoặc đã bị hỏng. "
            "Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP."
        )
    )


def _checked_format(data: bytes) -> str:
    """The format Pillow detects from the content, after a structural check of the whole file."""
    # Pillow's own bomb check (twice MAX_IMAGE_PIXELS) runs in open(); ours below is stricter.
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # Pillow raises many kinds of errors on malformed files
        raise _not_an_image() from None
    # verify() leaves the image unusable: open again to read what it is.
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            width, height = image.size
            # Only animations are re-encoded frame by frame (_reencode); others keep frame 1.
            frames = getattr(image, "n_frames", 1) if fmt in ("GIF", "WEBP") else 1
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:
        raise _not_an_image() from None
    if fmt == "MPO":
        # Many phone cameras write a JPEG with a second, smaller picture appended (MPO);
        # the main picture is a plain JPEG.
        fmt = "JPEG"
    if fmt not in FORMATS:
        raise ImageRefused(
            _("Định dạng ảnh %(format)s không được nhận. Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP.")
            % {"format": fmt or "?"}
        )
    if width > MAX_SIDE or height > MAX_SIDE or width * height * frames > MAX_TOTAL_PIXELS:
        raise _too_many_pixels()
    return fmt


def _too_many_pixels() -> ImageRefused:
    return ImageRefused(
        _("Ảnh có kích thước quá lớn. Mỗi chiều ảnh tối đa %(side)s điểm ảnh.")
        % {"side": f"{MAX_SIDE:,}".replace(",", ".")}
    )


def _reencode(data: bytes, fmt: str) -> bytes:
    """Decode every pixel and write a new file of the same format, without metadata."""
    out = io.BytesIO()
    try:
        with Image.open(io.BytesIO(data)) as image:
            animated = getattr(image, "is_animated", False)
            if fmt == "JPEG":
                # Phone photos are stored sideways with an EXIF rotation, which is dropped here.
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                image.save(out, format="JPEG", quality=88, optimize=True)
            elif fmt == "PNG":
                image.save(out, format="PNG", optimize=True)
            elif fmt == "GIF":
                image.save(out, format="GIF", save_all=animated)
            else:
                image.save(out, format="WEBP", save_all=animated, quality=88)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # truncated or corrupt pixel data that the header check let through
        raise _not_an_image() from None
    return out.getvalue()
