"""Reading a posting's follow-up directions: "no calls" and "email only" (spec §3, §6).

The posting sentences are invented for these tests. False positives matter as much as
misses: a posting that merely talks about calls (a sales job, an on-call rotation) must
not stop the planner from suggesting a follow-up call.
"""

from __future__ import annotations

import dataclasses

import pytest

from followup.planner.directions import PostingDirections, read_posting

# (posting text, a snippet the evidence must hold, exactly as written)
NO_CALLS = [
    ("No phone calls, please.", "No phone calls"),
    ("Please do not call the office about your application.", "Please do not call"),
    ("We are unable to take phone inquiries.", "We are unable to take phone inquiries"),
    ("Phone calls will not be accepted.", "Phone calls will not be accepted"),
    ("Do not phone the office.", "Do not phone"),
    ("No phone calls or walk-ins.", "No phone calls"),
    ("Calls will not be returned.", "Calls will not be returned"),
    ("Don't call us, we'll call you.", "Don't call"),
    ("We review applications weekly. Please don’t call to ask.", "Please don’t call"),
    ("No telephone enquiries, please.", "No telephone enquiries"),
    ("Please refrain from calling the clinic.", "Please refrain from calling"),
    ("Please do not contact us by phone.", "Please do not contact us by phone"),
    ("Candidates should not call the store directly.", "Candidates should not call"),
    ("HR does not accept phone calls about open roles.", "HR does not accept phone calls"),
    ("We can’t return calls from applicants.", "We can’t return calls"),
    (
        "Unfortunately, we're unable to respond to individual phone calls.",
        "we're unable to respond to individual phone calls",
    ),
    (
        "Telephone inquiries regarding this position will not be answered.",
        "Telephone inquiries regarding this position will not be answered",
    ),
    ("Applicants who call will be disqualified.", "Applicants who call will be disqualified"),
    # "or agencies" is a second thing not wanted, not a qualifier of the calls
    ("No phone calls or agencies, please.", "No phone calls"),
    ("Please do not\ncall or email the hiring manager.", "Please do not\ncall"),
    (
        "Our office does not take phone calls about job openings.",
        "Our office does not take phone calls",
    ),
    ("Kindly, no calls.", "no calls"),
    ("Apply through the portal – please, no calls.", "no calls"),
    ("We won't be able to return calls.", "We won't be able to return calls"),
    ("Please don't follow up via telephone.", "Please don't follow up via telephone"),
    ("No phone\ncalls, please.", "No phone\ncalls"),
    ("No phone calls, emails, or drop-ins.", "No phone calls"),
    ("We are not accepting phone calls at this time.", "We are not accepting phone calls"),
    ("Please do not call during the application process.", "Please do not call"),
]

NOT_NO_CALLS = [
    "You will make 60 outbound calls a day.",
    "Join our on-call rotation one weekend a month.",
    "No cold calling required!",
    "Handle customer calls with patience and care.",
    "Top candidates will have a short phone screen with our recruiter.",
    "Call us at 555-0100 with questions.",
    "Feel free to call our office if you have questions.",
    "Calls welcome!",
    "No recruiters or agencies, please.",
    # Addressed to agencies and recruiters, not candidates: they do not rule calls out.
    "No calls from agencies.",
    "No calls or emails from agencies, please.",
    "Recruiters: please do not call.",
    "Staffing agencies, please do not call or email.",
    "Calls from third-party recruiters will not be returned.",
    "Sales calls will not be accepted.",
    # Duties and features of the job
    "Join weekly conference calls with the regional team.",
    "Do not call list compliance and call recording.",
    "Ensure Do Not Call compliance for every campaign.",
    "Do not call customers outside approved hours.",
    "This back-office role involves no phone calls to customers.",
    "Enjoy no calls after 6 pm and no weekend shifts.",
    "You will not take calls; this is a back-office role.",
    "Do not call in sick by text message; phone your supervisor.",
    "Answer phones and return calls promptly.",
    # Other
    "No phone? No problem, we provide one.",
    "Do not hesitate to contact us by phone or email.",
    "We do not call references without your consent.",
    "We will call shortlisted candidates within two weeks.",
    "Experience in a call-center environment is a plus.",
    # A time restriction, not a ban
    "Please do not call before 10 am.",
    "No calls? Then this is the job for you: all support is by chat.",
]

EMAIL_ONLY = [
    ("Email inquiries only.", "Email inquiries only"),
    ("Please direct all questions by email.", "direct all questions by email"),
    ("Contact us by email only.", "by email only"),
    ("Only email applications will be considered.", "Only email applications"),
    (
        "Applications must be submitted by email to jobs@acme.example.",
        "Applications must be submitted by email",
    ),
    ("All questions should be emailed to careers@acme.example.", "All questions should be emailed"),
    ("We only accept applications by email.", "only accept applications by email"),
    (
        "Please send all inquiries to hiring@acme.example.",
        "send all inquiries to hiring@acme.example",
    ),
    ("Email is the preferred way to reach our team.", "Email is the preferred way"),
    ("We prefer to be contacted by email.", "prefer to be contacted by email"),
    ("Please email rather than call.", "email rather than call"),
    ("Instead of calling, please send us an email.", "Instead of calling, please send us an email"),
    ("Reach us by e-mail, not phone.", "by e-mail, not phone"),
    ("E-MAIL APPLICATIONS ONLY", "E-MAIL APPLICATIONS ONLY"),
    ("Follow-ups via email only, please.", "via email only"),
    ("Applications are only accepted via email.", "only accepted via email"),
    ("The only way to reach us is by email.", "only way to reach us is by email"),
    (
        "Please do not call; email jobs@acme.example instead.",
        "Please do not call; email jobs@acme.example instead",
    ),
]

NOT_EMAIL_ONLY = [
    "Excellent email etiquette is essential.",
    "Answer customer emails within one business day.",
    "Experience with email marketing platforms.",
    "Questions? Send us an email or call 555-0100.",
    "Manage our email-only support queue.",
    "We will only email candidates selected for an interview.",
    "Not only email: you will also run our social channels.",
    "Email: jobs@acme.example | Phone: 555-0100",
    "Resumes can be sent by email or by post.",
    "Applications must be submitted by email or through our website.",
    "We prefer candidates with email marketing experience.",
    "Third-party recruiters should contact us by email only.",
    "Please send all invoices to ap@acme.example.",
    "Contact us by email or phone.",
    "We moved our newsletter to email instead.",
    "Interested candidates should email only their resume and cover letter.",
]

CALL_CENTER_POSTING = """Inside Sales Representative

You will make 80 outbound calls a day to small-business owners, handle inbound calls
from existing customers and book demos for our account executives. You will follow
our Do Not Call compliance rules and log every call in Salesforce. No cold calling
required in your first month: you start with warm leads.

Benefits: company phone, no weekend on-call, quarterly bonus. Experience with email
marketing tools is a plus, and excellent email etiquette is a must.

Questions? Call us at 555-0100 or send us an email at talent@acme.example; calls
welcome. No recruiters or agencies, please.
"""

NONPROFIT_POSTING = """Program Assistant, Riverbend Food Bank

Riverbend Food Bank is looking for a Program Assistant to support our volunteer
intake and weekly distribution days. You will answer phones at the front desk,
schedule volunteer shifts and keep our donor database current.

To apply, email a resume and a short cover letter to jobs@riverbend.example with
"Program Assistant" in the subject line. Due to the volume of applications, we are
unable to respond to phone inquiries. Only candidates selected for an interview will
be contacted.
"""

BOTH_POSTING = """Junior Accountant - Hartley & Sons

Hartley & Sons is a three-partner accounting firm. We are hiring a Junior Accountant
for tax season and beyond. Apply by sending your CV to office@hartley.example.
Email inquiries only. No phone calls, please; our partners are with clients all day.
"""


@pytest.mark.parametrize(("posting", "snippet"), NO_CALLS)
def test_no_calls_requests_are_read(posting: str, snippet: str) -> None:
    directions = read_posting(posting)
    assert directions.no_calls
    assert snippet in directions.evidence


@pytest.mark.parametrize("posting", NOT_NO_CALLS)
def test_calls_mentioned_without_a_request_do_not_rule_calls_out(posting: str) -> None:
    directions = read_posting(posting)
    assert not directions.no_calls, directions.evidence


@pytest.mark.parametrize(("posting", "snippet"), EMAIL_ONLY)
def test_email_only_requests_are_read(posting: str, snippet: str) -> None:
    directions = read_posting(posting)
    assert directions.email_only
    assert snippet in directions.evidence


@pytest.mark.parametrize("posting", NOT_EMAIL_ONLY)
def test_email_mentioned_without_a_request_is_not_email_only(posting: str) -> None:
    directions = read_posting(posting)
    assert not directions.email_only, directions.evidence


@pytest.mark.parametrize(
    "posting", [p for p, _ in NO_CALLS + EMAIL_ONLY] + [NONPROFIT_POSTING, BOTH_POSTING]
)
def test_evidence_is_quoted_from_the_posting_as_written(posting: str) -> None:
    evidence = read_posting(posting).evidence
    assert evidence
    for snippet in evidence:
        assert snippet in posting
        assert snippet == snippet.strip()


@pytest.mark.parametrize("posting", [None, "", "   \n\t "])
def test_no_posting_gives_no_directions(posting: str | None) -> None:
    assert read_posting(posting) == PostingDirections(no_calls=False, email_only=False, evidence=())


@pytest.mark.parametrize(
    ("posting", "snippet"),
    [
        ("PLEASE DON’T CALL.", "PLEASE DON’T CALL"),
        ("please don‘t call.", "please don‘t call"),
        ("Please DO NOT Phone The Office.", "Please DO NOT Phone"),
        ("We Can’t Accept Phone Calls.", "We Can’t Accept Phone Calls"),
        ("Don`t call us.", "Don`t call"),
        ("Dont call us.", "Dont call"),
    ],
)
def test_case_and_apostrophes_do_not_matter(posting: str, snippet: str) -> None:
    directions = read_posting(posting)
    assert directions.no_calls
    assert directions.evidence == (snippet,)


def test_one_line_can_ask_for_both() -> None:
    directions = read_posting("Questions? Email hr@acme.example (no calls).")
    assert directions == PostingDirections(
        no_calls=True, email_only=True, evidence=("Email hr@acme.example (no calls)",)
    )


def test_a_posting_can_ask_for_both_in_separate_sentences() -> None:
    directions = read_posting(BOTH_POSTING)
    assert directions.no_calls
    assert directions.email_only
    assert directions.evidence == ("Email inquiries only", "No phone calls")


def test_a_call_center_posting_asks_for_nothing() -> None:
    assert read_posting(CALL_CENTER_POSTING) == PostingDirections(False, False, ())


def test_a_request_deep_in_a_long_posting_is_found() -> None:
    directions = read_posting(NONPROFIT_POSTING)
    assert directions.no_calls
    assert not directions.email_only
    assert directions.evidence == ("we are\nunable to respond to phone inquiries",)


def test_a_request_and_an_agency_notice_side_by_side() -> None:
    posting = "Please, no phone calls. Staffing agencies: do not call or email us."
    directions = read_posting(posting)
    assert directions.no_calls
    assert directions.evidence == ("no phone calls",)


def test_evidence_stays_aligned_when_lower_casing_changes_length() -> None:
    posting = "Offices in İstanbul and İzmir. Please do not call."
    assert read_posting(posting).evidence == ("Please do not call",)


def test_directions_are_immutable() -> None:
    directions = read_posting("No phone calls.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        directions.no_calls = False  # type: ignore[misc]


# A typical posting of about 3,000 characters: channels mentioned a dozen times, as
# duties, benefits and the application address; one real request at the end.
TYPICAL_POSTING = """Operations Coordinator (Full-Time, Hybrid)
Brightwater Home Services, Portland, OR

About us
Brightwater Home Services is a family-owned plumbing, heating and cooling company that
has served the Portland metro area since 1987. We have grown from two vans to a team of
45 technicians and office staff, and we still treat every customer the way our founder
did: promptly, honestly and with a plan.

About the role
The Operations Coordinator keeps our field teams moving. You will build the daily
dispatch board, confirm appointments with homeowners, order parts from our suppliers and
make sure every job ticket is closed out with photos and notes. On a busy morning you
might reschedule six jobs around a burst pipe, so you need to stay calm and keep
everyone informed.

What you will do
- Schedule and dispatch service calls for 20+ technicians
- Handle inbound customer calls and chat messages about appointment times
- Follow up with customers after each visit to confirm the work was completed
- Order parts and equipment, track deliveries and resolve supplier issues
- Keep job records accurate for billing and warranty claims
- Prepare a weekly report on response times and first-time fix rates
- Take part in a light on-call rotation (one weekend a month, paid)

What you bring
- Two or more years in dispatch, scheduling or office administration
- Comfort with scheduling software, spreadsheets and shared calendars
- Clear, friendly written and spoken communication
- The ability to juggle changing priorities without losing track of details
- A valid driver's license is a plus (occasional supply runs)
- Experience in the trades or home services is helpful but not required

What we offer
- $24 to $28 per hour, depending on experience, plus overtime
- Medical, dental and vision insurance with 80% of premiums paid
- 401(k) with a 4% company match after 90 days
- Three weeks of paid time off plus seven paid holidays
- A company cell phone and a monthly transit pass
- Paid training and a clear path to Operations Supervisor
- A yearly tool and boot allowance, and lunch on us every other Friday
- A quiet office with free parking, a standing desk and a fridge full of snacks

Schedule
Monday to Friday, 7:30 a.m. to 4:00 p.m., with two days a week from home after the
first 90 days. The on-call weekend is compensated at time and a half.

How to apply
Send your resume and a short note about a time you untangled a scheduling mess to
careers@brightwater.example. We review applications every Friday and will contact
shortlisted candidates by email to set up a 20-minute phone screen, followed by an
in-person interview at our shop.

Brightwater Home Services is an equal opportunity employer. We welcome applicants of
all backgrounds and will provide reasonable accommodations on request.

Please, no phone calls or drop-in visits regarding this position. Staffing agencies:
we are not accepting candidates from third parties for this role.
"""


def test_a_typical_posting_is_read() -> None:
    # bench/posting_directions.py times this same posting.
    assert 2_900 <= len(TYPICAL_POSTING) <= 3_100
    assert read_posting(TYPICAL_POSTING) == PostingDirections(True, False, ("no phone calls",))
