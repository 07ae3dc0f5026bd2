"""A referral pack for an outside service (EP, SALT, CAMHS, OT, specialist teaching).

The shared core of every referral form (domain.md §7.1), then the service's own questions
(§7.2), then consent. Without consent to refer it still prints, under a plain banner.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from ..domain.dates import uk
from ..domain.referrals import SERVICE_QUESTIONS
from . import parts, theme
from .models import ReferralModel


def build(model: ReferralModel, path: Path | str, *, invariant: bool = False) -> Path:
    story, info = _document(model)
    return theme.build_pdf(
        path, story, info, subject=f"Referral to {model.service_name}", invariant=invariant
    )


def pdf_bytes(model: ReferralModel, *, invariant: bool = False) -> bytes:
    """The pack in memory, for a bundle with its attachments."""
    story, info = _document(model)
    return theme.pdf_bytes(story, info, subject=f"Referral to {model.service_name}", invariant=invariant)


def _document(model: ReferralModel) -> tuple[list[Flowable], theme.PageInfo]:
    s = theme.make_styles()
    story: list[Flowable] = [theme.para(model.title, s["title"])]
    if not model.consent_ok:
        story.append(_consent_banner(model, s))
    sections: list[tuple[str, list[Flowable]]] = [
        (
            "Referral",
            [
                theme.facts(
                    [
                        ("Service", model.service_name),
                        ("Date of referral", uk(model.referred_on)),
                        ("Status", model.status),
                        ("Referred by", model.referrer),
                        ("School", model.school.name),
                        ("URN", model.school.urn),
                        ("SENCO", model.school.senco_name),
                        ("SENCO contact", model.school.senco_contact),
                    ],
                    s,
                )
            ],
        ),
        ("The child or young person", [parts.child_facts(model.child, s, with_upn=True)]),
        ("Family: parents and carers", parts.parents_table(model.parents, s)),
        ("SEN status and needs", parts.needs_block(model.needs, s, describe=False)),
        ("Reason for referral", [theme.text_or_missing(model.reason, s)]),
        ("What has been tried, and its impact", _tried(model, s)),
        # staff's own words, when the SENCO asked them (the last 12 months)
        *parts.observations_section("Observations from staff", model.observations, s),
        ("Other professionals involved", parts.involvements_table(model.involvements, s)),
        (f"Questions for {model.service_name}", _service_questions(model, s)),
        ("What the school is asking the service for", [theme.text_or_missing(model.asks, s)]),
        *(
            [("Reports attached", parts.attachments_block(model.attachments, model.attachments_note, s))]
            if model.attachments
            else []
        ),
        ("Consent", _consent(model, s)),
    ]
    story += theme.numbered_sections(sections, s)  # the last section never alone on a page
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return story, info


def _consent_banner(model: ReferralModel, s) -> Flowable:
    if model.consent is None:
        detail = (
            "No parent or carer's consent to this referral is recorded. The service will not "
            "accept it until consent is given; the school cannot mark it sent."
        )
    else:
        detail = (
            f"{model.consent.given_by} did not agree to this referral "
            f"({uk(model.consent.given_on)}). It must not be sent."
        )
    return theme.banner("CONSENT NOT RECORDED", s, detail)


def _tried(model: ReferralModel, s) -> list[Flowable]:
    if not model.tried:
        return [theme.not_recorded(s, "no cycles of SEN support are recorded for this pupil.")]
    out: list[Flowable] = []
    for cycle in model.tried:
        out += parts.cycle_block(cycle, s, model.printed_on)
    return out


def _service_questions(model: ReferralModel, s) -> list[Flowable]:
    known = SERVICE_QUESTIONS.get(model.service, [])
    rows = [(label, model.answers.get(key, "")) for key, label in known]
    # answers to questions this version does not list are still printed: nothing typed is lost
    rows += [(key, text) for key, text in model.answers.items() if key not in dict(known)]
    return [theme.facts(rows, s, label_width=0.42)]


def _consent(model: ReferralModel, s) -> list[Flowable]:
    c = model.consent
    if c is None:
        return [_consent_banner(model, s)]
    out: list[Flowable] = [
        theme.facts(
            [
                ("Consent given by", c.given_by),
                ("Relationship to the child", c.relationship),
                ("Date", uk(c.given_on)),
                ("How it was given", c.method),
                ("Agrees to the referral", parts.yes_no(c.agreed)),
                (
                    "Agrees to information being shared with",
                    ", ".join(c.share_with) if c.share_with else "No services named",
                ),
                ("Do not share with / exclusions", c.exclusions or "None"),
            ],
            s,
        )
    ]
    if not c.agreed:
        out.append(_consent_banner(model, s))
    return out
