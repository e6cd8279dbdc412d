"""The mailbox's forms: the connection settings and a proposal's changes."""

from __future__ import annotations

from typing import Any

from django import forms

from ..tracker.forms import SpokenDateTimeInput
from .imap import Server
from .services import KINDS

KIND_CHOICES = [
    ("", "as proposed"),
    ("reply", "a reply"),
    ("rejection", "a rejection"),
    ("interview_invite", "an interview invitation"),
    ("request_info", "a request for information"),
    ("offer", "an offer"),
    ("do_not_call", "please don't call"),
    ("sent", "a message I sent"),
]
assert {k for k, _ in KIND_CHOICES if k} <= set(KINDS)


class ConnectForm(forms.Form):
    host = forms.CharField(
        max_length=255, help_text="e.g. imap.gmail.com, outlook.office365.com, imap.fastmail.com"
    )
    port = forms.IntegerField(min_value=1, max_value=65535, initial=993)
    security = forms.ChoiceField(
        choices=[
            ("tls", "TLS (port 993)"),
            ("starttls", "STARTTLS (port 143)"),
            ("plain", "none (only for a server on this computer)"),
        ],
        initial="tls",
    )
    username = forms.CharField(
        max_length=255, label="User name", help_text="usually your email address"
    )
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        help_text="an app password where your provider offers one; stored encrypted, never shown again",
    )
    auto_confirm = forms.BooleanField(
        required=False, label="Record high-confidence matches without asking"
    )

    def server(self) -> Server:
        data: dict[str, Any] = self.cleaned_data
        return Server(
            data["host"].strip(),
            data["port"],
            data["security"],
            data["username"].strip(),
            data["password"],
        )


class ChangeForm(forms.Form):
    """What the user may change before confirming: application, kind, date."""

    application = forms.ChoiceField(choices=[])
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False, label="What it is")
    at = forms.DateTimeField(
        required=False,
        label="When",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=SpokenDateTimeInput(),
    )

    def __init__(self, *args: Any, applications: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = applications  # type: ignore[attr-defined]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        at = data.get("at")
        return {
            "application": data["application"],
            "kind": data.get("kind") or None,
            "at": at.strftime("%Y-%m-%dT%H:%M") if at else None,
        }
