"""Files sent with a ticket: checked by core.uploads, stored privately."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core.uploads import InspectedFile, inspect_upload, safe_original_name


def inspect_attachments(files: Sequence[UploadedFile]) -> list[InspectedFile]:
    """Check every file before anything is stored; a ValidationError names the file at fault.

    Guarantees: at most HOTLINE_MAX_ATTACHMENTS files, each at most HOTLINE_ATTACHMENT_MAX_BYTES,
    each a PDF, Word, Excel, JPEG or PNG file by its content and its name's extension.
    """
    files = [f for f in files if f]
    limit = settings.HOTLINE_MAX_ATTACHMENTS
    if len(files) > limit:
        raise ValidationError(
            f"Chỉ được gửi kèm tối đa {limit} tệp; anh/chị đã chọn {len(files)} tệp.",
            code="too_many",
        )
    inspected = []
    for uploaded in files:
        try:
            inspected.append(inspect_upload(uploaded, limit=settings.HOTLINE_ATTACHMENT_MAX_BYTES))
        except ValidationError as error:
            name = safe_original_name(uploaded.name or "")
            raise ValidationError(
                f"Tệp “{name}”: {' '.join(error.messages)}", code=error.code
            ) from error
    return inspected
