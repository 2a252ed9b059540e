"""The press room's public form: a reporter registers for a briefing.

It only shapes input, as the hotline's form does: rate limiting and the honeypot are checked by the
view before the form is bound; capacity and "once per address" are the service's guarantees.
"""

from __future__ import annotations

from django import forms

from core.forms import PublicForm, clean_phone_number


class RegistrationForm(PublicForm):
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

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_outlet(self) -> str:
        return " ".join(self.cleaned_data["outlet"].split())

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])

    def registration(self) -> dict:
        """Keyword arguments of `briefing_register` (without the briefing)."""
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "outlet", "email", "phone")}
