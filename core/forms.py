"""What every public form of the portal shares: the honeypot, the phone number's shape, a summary of
errors that links to each field, and a way to show again what was typed when a submission was
refused before it was checked (rate limit, honeypot).

Rate limiting and the honeypot are the view's business, before a form is bound; a form only
shapes input.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

# The honeypot's name: a field people never see (hidden by CSS, so no inline style under the CSP)
# and form-filling robots happily complete.
HONEYPOT_FIELD = "trang_web"
# Loose on purpose: people write 0123 456 789, 0123.456.789, (0123) 3000 000 or +84 123 456 789.
PHONE_SHAPE = re.compile(r"^\+?[0-9(][0-9 .\-()]*$")
PHONE_ERROR = (
    "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch nối, ngoặc đơn và dấu + ở "
    "đầu), từ 8 đến 15 chữ số. Ví dụ: 0123 456 789."
)


def clean_phone_number(value: str) -> str:
    """A phone number as people write it, spaces tidied; "" stays "" (the field decides whether
    it is required)."""
    phone = " ".join(value.split())
    if not phone:
        return ""
    digits = sum(char.isdigit() for char in phone)
    if not PHONE_SHAPE.match(phone) or not 8 <= digits <= 15:
        raise ValidationError(PHONE_ERROR, code="phone")
    return phone


class PublicForm(forms.Form):
    """Base of the public forms: the honeypot field, the error summary and `unchecked`."""

    # Fields never shown again by `unchecked` (files cannot be, the honeypot must not be).
    not_shown_again: tuple[str, ...] = ()

    # The honeypot: hidden from people and assistive technology, left empty by them.
    trang_web = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def error_summary(self) -> list[dict]:
        """Every error, in the order of the fields, with the id its link jumps to."""
        summary = []
        for name, errors in self.errors.items():
            if name == "__all__":
                summary += [{"anchor": "", "label": "", "message": e} for e in errors]
                continue
            bound = self[name]
            anchor = bound.id_for_label or f"{bound.auto_id}_0"  # radios: the first choice
            summary += [{"anchor": anchor, "label": bound.label, "message": e} for e in errors]
        return summary

    def add_service_error(self, error: ValidationError) -> None:
        """Show a refusal of a service next to the field it names, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)

    @classmethod
    def unchecked(cls, data):
        """An unbound form showing again what the person typed, when the submission was refused
        before it was checked: no error is shown, files are never kept."""
        skip = {HONEYPOT_FIELD, *cls.not_shown_again}
        return cls(
            initial={name: data.get(name, "") for name in cls.base_fields if name not in skip}
        )
