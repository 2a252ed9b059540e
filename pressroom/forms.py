"""The press room's public form: a reporter registers for a briefing.

It only shapes input, as the hotline's form does: rate limiting and the honeypot are checked by the
view before the form is bound; capacity and "once per address" are the service's guarantees.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

# The honeypot's name: a field people never see (hidden by CSS, no inline style under the CSP)
# and form-filling robots happily complete. The same name as the hotline's form.
HONEYPOT_FIELD = "trang_web"
# Loose on purpose: people write 0123 456 789, 0123.456.789, (0123) 3000 000 or +84 123 456 789.
PHONE_SHAPE = re.compile(r"^\+?[0-9(][0-9 .\-()]*$")


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": "Xin ghi họ và tên phóng viên.",
            "max_length": "Họ và tên dài tối đa %(limit_value)d ký tự.",
        },
    )
    outlet = forms.CharField(
        label="Cơ quan báo chí",
        max_length=200,
        help_text="Tên tờ báo, đài hoặc cơ quan anh/chị đại diện.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={
            "required": "Xin ghi tên cơ quan báo chí.",
            "max_length": "Tên cơ quan báo chí dài tối đa %(limit_value)d ký tự.",
        },
    )
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,  # Registration.email
        help_text="Thư xác nhận và lịch họp báo (tệp .ics) được gửi tới địa chỉ này.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Xin ghi địa chỉ thư điện tử để nhận thư xác nhận.",
            "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.",
            "max_length": "Địa chỉ thư điện tử dài tối đa %(limit_value)d ký tự.",
        },
    )
    phone = forms.CharField(
        label="Số điện thoại",
        max_length=30,
        help_text="Ví dụ: 0123 456 789 hoặc +84 123 456 789.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "required": "Xin ghi số điện thoại để Văn phòng Sở liên hệ khi cần.",
            "max_length": "Số điện thoại dài tối đa %(limit_value)d ký tự.",
        },
    )
    # The honeypot: hidden from people and assistive technology, left empty by them.
    trang_web = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_outlet(self) -> str:
        return " ".join(self.cleaned_data["outlet"].split())

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = sum(char.isdigit() for char in phone)
        if not PHONE_SHAPE.match(phone) or not 8 <= digits <= 15:
            raise ValidationError(
                "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch nối, ngoặc đơn "
                "và dấu + ở đầu), từ 8 đến 15 chữ số. Ví dụ: 0123 456 789.",
                code="phone",
            )
        return phone

    def registration(self) -> dict:
        """Keyword arguments of `briefing_register` (without the briefing)."""
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "outlet", "email", "phone")}

    def add_service_error(self, error: ValidationError) -> None:
        """Show a refusal of the service next to the field it names, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)

    def error_summary(self) -> list[dict]:
        """Every error, in the order of the fields, with the id its link jumps to."""
        summary = []
        for name, errors in self.errors.items():
            if name == "__all__":
                summary += [{"anchor": "", "label": "", "message": e} for e in errors]
                continue
            bound = self[name]
            summary += [
                {"anchor": bound.id_for_label, "label": bound.label, "message": e} for e in errors
            ]
        return summary

    @classmethod
    def unchecked(cls, data) -> RegistrationForm:
        """An unbound form showing again what the person typed, when the submission was refused
        before it was checked (rate limit, honeypot): no error is shown."""
        return cls(
            initial={name: data.get(name, "") for name in cls.base_fields if name != HONEYPOT_FIELD}
        )
