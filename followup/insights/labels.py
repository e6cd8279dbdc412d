"""The figures' names in the job seeker's words, shared by the page, the charts and the CLI."""

from __future__ import annotations

from .figures import Group

STAGE_LABELS = {
    "applied": "Applied",
    "answered": "Heard back",
    "interviewed": "Interviewed",
    "offered": "Offer",
    "accepted": "Accepted",
}
EMPLOYER_KIND_LABELS = {
    "corporate": "Corporation",
    "small_business": "Small business",
    "startup": "Startup",
    "nonprofit": "Nonprofit",
    "government": "Government",
    "staffing_agency": "Staffing agency",
    "unknown": "Kind not noted",
}
CHANNEL_LABELS = {
    "online": "Online",
    "referral": "Through a referral",
    "email": "By email",
    "in_person": "In person",
}
ACTION_LABELS = {
    "check_in": "Check-in",
    "confirm_receipt": "Did it arrive?",
    "ask_insider": "Asked your contact inside",
    "escalate": "Wrote to the hiring manager",
    "call": "Call",
    "send_letter": "Letter",
    "other": "Other follow-up",
}
FOLLOW_UP_CHANNEL_LABELS = {
    "email": "email",
    "phone": "phone",
    "letter": "letter",
    "message": "message",
}
GROUP_TITLES = {
    "all": "All applications",
    "employer_kind": "By kind of employer",
    "channel": "By how you applied",
    "industry": "By industry",
}


def group_label(group: Group) -> str:
    """'Corporation', 'Through a referral', 'online media', or 'All applications'."""
    if group.value is None:
        return GROUP_TITLES["all"]
    if group.by == "employer_kind":
        return EMPLOYER_KIND_LABELS.get(group.value, group.value)
    if group.by == "channel":
        return CHANNEL_LABELS.get(group.value, group.value)
    return group.value


def follow_up_label(action: str, channel: str) -> str:
    """'Check-in by email', 'Call by phone' reads badly: calls are just 'Call'."""
    name = ACTION_LABELS.get(action, action.replace("_", " ").capitalize())
    if channel == "phone" and action == "call":
        return name
    return f"{name} by {FOLLOW_UP_CHANNEL_LABELS.get(channel, channel)}"
