"""The forms of log-in and of the second factor."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại; "
            "chữ hoa và chữ thường được phân biệt."
        ),
        "inactive": "Tài khoản này đã bị khóa. Xin liên hệ Phòng Khảo thí.",
    }


class TokenForm(forms.Form):
    """One of the two: the 6-digit code of the app, or a recovery code."""

    otp_token = forms.CharField(label="Mã xác thực", required=False, max_length=8)
    recovery_code = forms.CharField(label="Mã khôi phục", required=False, max_length=24)

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if token and not token.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token

    def clean_recovery_code(self) -> str:
        return "".join(char for char in self.cleaned_data["recovery_code"] if char.isalnum())

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("otp_token") or data.get("recovery_code")):
            raise forms.ValidationError("Xin nhập mã xác thực.", code="required")
        return data


class SetupForm(forms.Form):
    device_id = forms.IntegerField(widget=forms.HiddenInput)
    otp_token = forms.CharField(label="Mã xác thực", max_length=8)

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not token.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token
