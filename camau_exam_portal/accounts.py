"""Log-in for exam-site users and the Steering Committee (staff log in through /admin/)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect
from django.urls import path

from camau_exam_portal import twofactor
from exams.roles import Role, has_role


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại; "
            "chữ hoa và chữ thường được phân biệt."
        ),
        "inactive": "Tài khoản này đã bị khóa. Xin liên hệ Phòng Khảo thí.",
    }


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def account_home(request):
    """Send each person to the place their role works in."""
    user = request.user
    if has_role(user, Role.SITE) and not user.is_superuser:
        return redirect("reports:site-home")
    if has_role(user, Role.STEERING):
        return redirect("reports:dashboard")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("home")


app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", account_home, name="home"),
    path("dang-nhap/xac-thuc/", twofactor.verify, name="otp-verify"),
    path("dang-nhap/thiet-lap-xac-thuc/", twofactor.setup, name="otp-setup"),
]


def axes_username(request, credentials=None) -> str:
    """The user name django-axes records for a log-in attempt (AXES_USERNAME_CALLABLE): what was
    typed, without NUL characters (PostgreSQL refuses them) and cut to the column's 255 characters,
    so a junk attempt is counted as a failure instead of ending in a server error."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username).replace("\x00", "")[:255]
