"""The letter inviting parents to a review meeting: the school's own template and its placeholders.

The school edits the letter's words in Settings; SENCO desk fills in the placeholders, such as
{pupil_first_name} or {meeting_date}, for each letter. A placeholder it does not know is refused
with a sentence naming it (a letter must never go out with "{pupils_name}" printed in it), as is
a brace left open. A brace meant to print as itself is typed twice: {{ or }}.

The app's own wording is written for a parent with a reading age of 11 (domain/plain_words.py):
short sentences, everyday words. The SEND Code of Practice (January 2015) 6.65-6.67 asks schools
to meet parents of a pupil on SEN support at least three times a year and to hear the pupil's
views; Children and Families Act 2014 s44 and the SEND Regulations 2014 reg 20 require invitations
to an EHC plan's annual review at least two weeks before the meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

from .errors import ValidationError

PLACEHOLDERS: dict[str, str] = {
    "parent_names": "the names of the parents and carers the letter is to",
    "pupil_first_name": "the pupil's first name (as they are known)",
    "pupil_name": "the pupil's full name (as they are known)",
    "meeting_about": "what the meeting is for, e.g. a review of Amy's plan for extra help",
    "meeting_date": "the day and date, e.g. Thursday 12 March 2027",
    "meeting_time": "the time, e.g. 3.30pm",
    "place": "where the meeting is, e.g. the school library",
    "senco_name": "the SENCO's name (Settings)",
    "school_name": "the school's name (Settings)",
}
KEY = "invitation_template"
MAX_LENGTH = 6_000

DEFAULT_TEMPLATE = "\n\n".join(
    (
        "Dear {parent_names},",
        "We would like to invite you to a meeting about {pupil_first_name}. It is {meeting_about}.",
        "The meeting is on {meeting_date} at {meeting_time}. It will be in {place}.",
        "We will talk about how {pupil_first_name} is getting on. We will look at what has helped. "
        "Then we will agree what to do next, together.",
        "{pupil_first_name} is welcome to come too, for all or part of the meeting. We want to hear "
        "what {pupil_first_name} thinks. If {pupil_first_name} would rather not come, we will ask "
        "for their views before the meeting.",
        "Please tell us if you can come. If the time is hard for you, we will find another time. "
        "You can bring a friend or someone to help you.",
        "Yours sincerely,",
        "{senco_name}\n{school_name}",
    )
)

SAMPLE: dict[str, str] = {
    "parent_names": "Mrs Anna Kowalska",
    "pupil_first_name": "Maja",
    "pupil_name": "Maja Kowalska",
    "meeting_about": "a review of Maja's plan for extra help at school",
    "meeting_date": "Thursday 12 March 2027",
    "meeting_time": "3.30pm",
    "place": "the school library",
    "senco_name": "Ms R Khan",
    "school_name": "Oak Tree Primary",
}


def check_template(text: str) -> str:
    """The template as it is kept, or ValidationError with one sentence saying what is wrong."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({KEY: "The letter is empty. Type its words, or put back the app's own."})
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {KEY: f"Keep the letter under {MAX_LENGTH:,} characters (it has {len(text):,})."}
        )
    try:
        parts = list(Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            {
                KEY: "A { or } is not closed. Put each placeholder in one pair, like {meeting_date}; "
                "to print a brace itself, type it twice: {{ or }}."
            }
        ) from None
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValidationError(
                {
                    KEY: f"The letter uses {shown}, which SENCO desk cannot fill in. "
                    f"The ones it fills in are: {known}."
                }
            )
    return text


def fill(text: str, values: Mapping[str, str]) -> str:
    """The letter with its placeholders filled in (the template was checked when it was saved)."""
    return Formatter().vformat(check_template(text), (), {k: values.get(k, "") for k in PLACEHOLDERS})


def paragraphs(letter: str) -> list[str]:
    """The letter's paragraphs (a blank line between them); lines inside one are kept."""
    return [p.strip("\n") for p in letter.split("\n\n") if p.strip()]
