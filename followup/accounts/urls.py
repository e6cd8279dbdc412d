from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views
from .views import hosted_only

T = "accounts/password_{}.html"

urlpatterns = [
    path("login/", views.PasswordLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("token/<str:token>/", views.token_login, name="token_login"),
    path(
        "password/",
        hosted_only(login_required(views.PasswordChangeView.as_view())),
        name="password_change",
    ),
    path(
        "password/changed/",
        hosted_only(
            login_required(
                auth_views.PasswordChangeDoneView.as_view(template_name=T.format("changed"))
            )
        ),
        name="password_change_done",
    ),
    path("password/reset/", hosted_only(views.PasswordResetView.as_view()), name="password_reset"),
    path(
        "password/reset/sent/",
        hosted_only(auth_views.PasswordResetDoneView.as_view(template_name=T.format("reset_sent"))),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        hosted_only(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        hosted_only(
            auth_views.PasswordResetCompleteView.as_view(template_name=T.format("reset_done"))
        ),
        name="password_reset_complete",
    ),
]
