from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", views.account_home, name="home"),
    path("dang-nhap/xac-thuc/", views.verify, name="otp-verify"),
    path("dang-nhap/thiet-lap-xac-thuc/", views.setup, name="otp-setup"),
]
