"""Build the example LA Word form, assets/la_profiles/example_eastbridge_form.docx.

The file a school would get from its LA, with the fields SENCO desk fills typed in as docxtpl
tags (`{{ child.name }}`; a table row per item between `{%tr for ... %}` and `{%tr endfor %}`).
The field names are reports/la_form.form_fields; README, "LA profiles", says how a school adds
its own LA's form. Run from the repository root after changing the fields:

    python tools/make_la_form.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "assets" / "la_profiles" / "example_eastbridge_form.docx"


def _table(doc, header: list[str], cells: list[str], loop: str) -> None:
    """A header row, then one row repeated for each item of `loop` ("p in parents")."""
    table = doc.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _facts(doc, pairs: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(pairs), cols=2)
    table.style = "Table Grid"
    for row, (label, field) in zip(table.rows, pairs, strict=True):
        row.cells[0].text = label
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[1].text = "{{ " + field + " }}"


def build(path: Path = OUT) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = "Eastbridge County Council: request for an EHC needs assessment (example)"
    doc.core_properties.language = "en-GB"
    doc.add_heading("Eastbridge County Council", level=0)
    doc.add_paragraph("Request for an Education, Health and Care needs assessment (EXAMPLE FORM)")
    doc.add_paragraph(
        "{% if draft %}DRAFT: NOT READY TO SEND. Still to record: "
        "{{ draft_reasons | join('; ') }}.{% endif %}"
    )
    doc.add_heading("Part 1: About the request", level=1)
    _facts(
        doc,
        [
            ("Date of request", "request_date"),
            ("New request or re-request", "request_kind"),
            ("School or setting", "school.name"),
            ("URN", "school.urn"),
            ("SENCO", "school.senco"),
            ("SENCO contact", "school.senco_contact"),
            ("Completed by", "completed_by"),
        ],
    )
    doc.add_heading("Part 2: The child or young person", level=1)
    _facts(
        doc,
        [
            ("Legal name", "child.name"),
            ("Known as", "child.preferred_name"),
            ("Date of birth", "child.dob"),
            ("Year group", "child.year_group"),
            ("UPN", "child.upn"),
            ("Address", "child.address"),
            ("Ethnicity", "child.ethnicity"),
            ("First language", "child.home_language"),
            ("Interpreter needed", "child.interpreter_needed"),
            ("NHS number", "child.nhs_number"),
            ("GP practice", "child.gp_practice"),
            ("Previous schools", "child.previous_schools"),
            ("Social care status", "child.social_care"),
            ("Looked after", "child.looked_after"),
            ("Free school meals", "child.fsm"),
            ("Pupil premium", "child.pupil_premium"),
            ("Attendance", "child.attendance"),
        ],
    )
    doc.add_heading("Part 3: Parents and carers", level=1)
    _table(
        doc,
        ["Name", "Relationship", "Parental responsibility", "Phone", "Email"],
        [
            "{{ p.name }}",
            "{{ p.relationship }}",
            "{{ p.parental_responsibility }}",
            "{{ p.phone }}",
            "{{ p.email }}",
        ],
        "p in parents",
    )
    doc.add_heading("Section A: The child's views", level=1)
    doc.add_paragraph("{% for v in child_views %}{{ v.text }} ({{ v.given }})\n{% endfor %}")
    doc.add_heading("Section A: Parents' views", level=1)
    doc.add_paragraph("{% for v in parent_views %}{{ v.text }} ({{ v.given }})\n{% endfor %}")
    doc.add_heading("Section B: Special educational needs", level=1)
    _table(
        doc, ["Rank", "Need", "Broad area"], ["{{ n.rank }}", "{{ n.need }}", "{{ n.area }}"], "n in needs"
    )
    doc.add_paragraph("{% for a in area_descriptions %}{{ a.area }}: {{ a.text }}\n{% endfor %}")
    doc.add_heading("Provision map and costs ({{ provision_year }})", level=1)
    _table(
        doc,
        ["Provision", "How it is delivered", "Cost"],
        ["{{ l.provision }}", "{{ l.detail }}", "{{ l.cost }}"],
        "l in provision",
    )
    doc.add_paragraph("{{ provision_total_sentence }}")
    doc.add_heading("Agencies involved, and their advice", level=1)
    _table(
        doc,
        ["Recommendation", "Advised by", "Carried out by"],
        ["{{ a.text }}", "{{ a.by }}", "{{ a.provision }}"],
        "a in advice",
    )
    doc.add_heading("Sections E and F: outcomes sought and provision now needed", level=1)
    doc.add_paragraph("{{ outcomes_sought }}")
    doc.add_paragraph("{{ now_needed }}")
    doc.add_heading("Eastbridge additional information", level=1)
    _facts(
        doc,
        [
            ("Health needs relating to the SEN", "answers.health_needs"),
            ("Social care involvement", "answers.social_care"),
            ("Previous schools or settings", "answers.previous_schools"),
        ],
    )
    doc.add_heading("Declaration", level=1)
    doc.add_paragraph("{{ consent_missing }}")
    doc.add_paragraph("{{ privacy_notice }}")
    _table(doc, ["Role", "Name", "Signature"], ["{{ s.role }}", "{{ s.name }}", ""], "s in signers")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(f"Wrote {build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)}")
