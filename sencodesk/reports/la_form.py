"""An LA's own Word form, filled from the EHC needs assessment request (docxtpl).

An LA profile may name a .docx of the LA's form (`word_form = "our_form.docx"` in its TOML)
into which the school has typed fields where the app's answers go: `{{ child.name }}`, and
for a table with a row per item, `{%tr for p in parents %}` ... `{%tr endfor %}` (docxtpl's
tags; see README, "LA profiles"). The fields are those of `form_fields` below, taken from the
same read-model, and the same functions, as the request's PDF and Word pack: the form cannot say
what the pack does not.

The template is the school's file: it is filled in a sandbox (it can read the fields, never
the computer), and a fault in it (a mistyped tag, or a field name SENCO desk does not know,
which would otherwise fill as a blank nobody notices) is said in plain words, naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..domain.dates import uk
from ..domain.errors import UserError
from ..domain.money import pounds
from . import ehcna, parts
from .models import EhcnaModel
from .word import save_docx

PROVISION_KEYS = ("name", "staff", "frequency", "sessions")


def form_fields(m: EhcnaModel) -> dict[str, Any]:
    """Everything an LA form may ask for, as plain text, lists and yes/no words."""
    c = m.child
    this_year = m.evidence.provision_maps[0] if m.evidence.provision_maps else None
    asked, unknown = ehcna.la_answers(m)
    return {
        "draft": ehcna.is_draft(m),
        "draft_reasons": m.draft_reasons(),
        "printed_on": uk(m.printed_on),
        "request_date": uk(m.request_date),
        "request_kind": "Re-request" if m.request_kind == "re" else "New request",
        "completed_by": m.completed_by,
        "la_name": m.la_name,
        "school": {
            "name": m.school.name,
            "urn": m.school.urn,
            "senco": m.school.senco_name,
            "senco_contact": m.school.senco_contact,
            "head": m.school.head_name,
        },
        "child": {
            "name": c.name,
            "legal_forename": c.legal_forename,
            "legal_surname": c.legal_surname,
            "preferred_name": c.preferred_name,
            "dob": uk(c.dob),
            "year_group": c.year_group,
            "gender": c.gender,
            "upn": c.upn,
            "home_language": c.home_language,
            "looked_after": parts.yes_no(c.looked_after),
            "admission_date": uk(c.admission_date),
            "attendance": parts.attendance_text(c),
            "sen_status": c.sen_status,
            "sen_since": uk(c.sen_since),
            "address": c.address,
            "ethnicity": c.ethnicity,
            "interpreter_needed": parts.yes_no_unknown(c.interpreter_needed),
            "nhs_number": c.nhs_number,
            "gp_practice": c.gp_practice,
            "previous_schools": c.previous_schools,
            "social_care": c.social_care,
            "fsm": parts.yes_no(c.fsm),
            "pupil_premium": parts.yes_no(c.pupil_premium),
        },
        "parents": [
            dict(zip(("name", "relationship", "parental_responsibility", "phone", "email"), row, strict=True))
            for row in parts.parent_rows(m.parents)
        ],
        "needs": [dict(zip(("rank", "need", "area"), row, strict=True)) for row in parts.need_rows(m.needs)],
        "area_descriptions": [
            {"area": a.area, "text": a.description}
            for a in parts.with_descriptions(m.needs, m.evidence.area_descriptions)
            if a.description
        ],
        "child_views": [
            {"given": parts.dated(v.given_on, v.given_by), "text": v.text} for v in m.evidence.child_views
        ],
        "parent_views": [
            {"given": parts.dated(v.given_on, v.given_by), "text": v.text} for v in m.evidence.parent_views
        ],
        "cycles": [
            {
                "heading": cp.heading,
                "outcomes": [dict(zip(("text", "rating"), row, strict=True)) for row in cp.outcomes],
                "provision": [
                    dict(zip(("name", "staff", "frequency", "sessions"), row[:4], strict=False))
                    for row in cp.provision
                ],
                "review": dict(cp.review).get("Review decision", ""),
            }
            for cp in (parts.cycle_parts(cycle, m.printed_on) for cycle in m.evidence.cycles)
        ],
        "provision": [
            dict(zip(("provision", "detail", "cost"), row, strict=True))
            for row in (ehcna.cost_rows(this_year) if this_year else [])
        ],
        "provision_year": this_year.label if this_year else "",
        "provision_total": pounds(this_year.total_pence) if this_year else "",
        "provision_total_sentence": ehcna.total_sentence(this_year, m.threshold_pence) if this_year else "",
        "threshold": pounds(m.threshold_pence),
        "professionals": [
            dict(zip(("service", "professional", "dates", "latest_report", "summary"), row, strict=True))
            for row in parts.involvement_rows(m.involvements)
        ],
        "advice": [
            {"text": text, "by": by, "provision": provision or ehcna.NOT_ACTED_ON, "difference": note}
            for text, by, provision, note in ehcna.advice_rows(m)
        ],
        "now_needed": m.now_needed,
        "outcomes_sought": m.outcomes_sought,
        # every question the profile asks, answered or not (an unanswered one fills as blank)
        "answers": {q.id: "" for q in m.profile.questions} | {a.id: a.answer for a in m.la_answers if a.id},
        "questions": [{"question": q, "answer": a} for q, a in asked],
        "other_answers": unknown,
        "consents": [dict(rows) for rows in ehcna.consent_rows(m)],
        "consent_missing": ehcna.consent_missing(m),
        "privacy_notice": m.privacy_notice,
        "signers": [{"role": role, "name": name} for role, name in ehcna.signers_of(m)],
    }


def fill(template: Path, model: EhcnaModel, path: Path | str) -> Path:
    """The LA's form with its fields filled, written the guarded way (word.save_docx)."""
    try:
        form = DocxTemplate(str(template))
        form.render(
            form_fields(model), jinja_env=SandboxedEnvironment(undefined=StrictUndefined), autoescape=True
        )
    except TemplateError as e:
        raise UserError(
            f"The LA's Word form {template.name} has a field SENCO desk cannot fill ({e}). Check the "
            "field names against the README (LA profiles), or ask IT to correct the form."
        ) from None
    except (OSError, KeyError, ValueError) as e:  # not a Word file, or a damaged one
        raise UserError(
            f"The LA's Word form {template.name} could not be read as a Word file ({e})."
        ) from None
    return save_docx(form.save, path)
