"""What LA request forms and health referrals ask about who the child is, beyond the roll:
address, ethnicity, first language and interpreter, NHS number and GP, previous schools and
social care status (reference/domain.md §6, §7.1).

Plain data and checks; the pupil's form cleans them through `clean_identity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The DfE's main ethnicity codes (school census, CTF), with REFU and NOBT for a family who
# declined to say and for information not yet obtained: both are answers, not gaps.
ETHNICITIES: dict[str, str] = {
    "WBRI": "White - British",
    "WIRI": "White - Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy / Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black - African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused (the family chose not to say)",
    "NOBT": "Information not yet obtained",
}

# Social care status as LA and health forms ask it, from least to most involvement. "looked_after"
# should agree with the pupil's looked-after flag (social_care_disagrees).
SOCIAL_CARE: dict[str, str] = {
    "none": "No social care involvement",
    "early_help": "Early Help",
    "child_in_need": "Child in need (section 17 plan)",
    "child_protection": "Child protection plan",
    "looked_after": "Looked after by the local authority",
}

NHS_LENGTH = 10
_SEPARATORS = re.compile(r"[\s-]")


def normalise_nhs_number(text: str) -> str:
    """'943 476 5919' or '943-476-5919' -> '9434765919' (the form prints it 3-3-4)."""
    return _SEPARATORS.sub("", text or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """The NHS number's modulus 11 check digit for its first nine digits (weights 10 down to 2;
    11 minus the remainder; 11 becomes 0; 10 means no valid number has these nine digits)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_problem(text: str) -> str:
    """'' for a valid NHS number (or none given), else what is wrong, for the SENCO."""
    number = normalise_nhs_number(text)
    if not number:
        return ""
    if not number.isdigit() or len(number) != NHS_LENGTH:
        return (
            "An NHS number has 10 digits, such as 943 476 5919 (on the child's red book, a letter "
            "from the GP or the NHS App)."
        )
    expected = nhs_check_digit(number[:9])
    if expected is None or expected != int(number[9]):
        return (
            f"{shown_nhs_number(number)} is not a valid NHS number: its last digit does not match the "
            "others (a digit is probably mistyped). Check it against a letter from the GP."
        )
    return ""


def shown_nhs_number(number: str) -> str:
    """'9434765919' -> '943 476 5919', as the NHS prints it."""
    n = normalise_nhs_number(number)
    return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == NHS_LENGTH and n.isdigit() else number


@dataclass(frozen=True)
class Identity:
    """The identity fields of a pupil's record, cleaned (None: not recorded)."""

    address: str = ""
    ethnicity: str = ""  # a key of ETHNICITIES, or ""
    interpreter_needed: bool | None = None
    nhs_number: str = ""  # ten digits, no spaces
    gp_practice: str = ""  # practice name and address, as the family gives it
    previous_schools: str = ""  # one per line: name and dates
    social_care: str = ""  # a key of SOCIAL_CARE, or "" (not recorded)


def _choice(value: object, choices: dict[str, str]) -> str:
    """A code typed or chosen: the code itself, or its label (any case)."""
    text = str(value or "").strip()
    if not text:
        return ""
    for code, label in choices.items():
        if text.lower() in (code.lower(), label.lower()):
            return code
    return text  # refused by the caller, in words


def social_care_disagrees(status: str, looked_after: bool) -> str:
    """What is wrong when the social care status and the looked-after flag disagree, else ''."""
    if looked_after and status not in ("", "looked_after"):
        return (
            f"the pupil is marked as looked after, but their social care status says "
            f"'{SOCIAL_CARE.get(status, status)}': change one of the two on the Details tab so they agree."
        )
    if status == "looked_after" and not looked_after:
        return (
            "the social care status says looked after, but the 'Looked after' box is not ticked on the "
            "Details tab: tick it, or choose another status."
        )
    return ""


def yes_no_unknown(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "not recorded", "none", "null"):
        return None
    return text in ("1", "y", "yes", "true", "t")


def clean_identity(form: dict[str, object], *, errors: dict[str, str]) -> Identity:
    """The identity part of a pupil's form. Wrong values go into `errors` by field. A social care
    status that disagrees with the looked-after flag is kept as typed (the office keeps the flag,
    and may not read the status): the request's export lists the disagreement for the SENCO."""
    nhs = normalise_nhs_number(str(form.get("nhs_number") or ""))
    if problem := nhs_number_problem(nhs):
        errors["nhs_number"] = problem
    ethnicity = _choice(form.get("ethnicity"), ETHNICITIES)
    if ethnicity and ethnicity not in ETHNICITIES:
        errors["ethnicity"] = "Choose the ethnicity from the list (the census's codes), or leave it blank."
    care = _choice(form.get("social_care"), SOCIAL_CARE)
    if care and care not in SOCIAL_CARE:
        errors["social_care"] = "Choose the social care status from the list, or leave it blank."
    return Identity(
        address=str(form.get("address") or "").strip(),
        ethnicity=ethnicity,
        interpreter_needed=yes_no_unknown(form.get("interpreter_needed")),
        nhs_number=nhs,
        gp_practice=str(form.get("gp_practice") or "").strip(),
        previous_schools=str(form.get("previous_schools") or "").strip(),
        social_care=care,
    )
