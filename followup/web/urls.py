from django.urls import include, path

urlpatterns = [
    path("", include("followup.tracker.urls")),
    path("accounts/", include("followup.accounts.urls")),
    path("feeds/", include("followup.feeds.urls")),
    path("digest/", include("followup.digest.urls")),
    path("api/", include("followup.api.urls")),
    path("imports/", include("followup.imports.urls")),
    path("worklog/", include("followup.worklog.urls")),
    path("insights/", include("followup.insights.web.urls")),
    path("mail/", include("followup.mail.urls")),
]
