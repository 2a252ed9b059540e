"""Log-in for exam-site users and the Steering Committee (staff log in through /admin/)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path

from exams.roles import Role, has_role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
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
]
