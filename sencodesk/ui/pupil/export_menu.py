"""The pupil record's Export menu: EHC needs assessment request, a referral, one-page profile,
the inclusion case sample, the parent's copy of the plan and an invitation to a review meeting
(PDF or Word), and the plan as a JSON file for the next school.

Each item opens the export dialog, which lists what is missing before anything is saved.
The menu is rebuilt each time it opens, so a referral added a moment ago is on it.
"""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain import field_access
from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.referrals import STATUSES, service_label
from ...services import referrals
from ...services.pupils import get_pupil
from .. import dialogs
from ..exporting import Attachable, ExportDialog, ExportJob, sending

# The packs' read models and the LA profiles load when an export is chosen (in each factory
# below), not when a record opens: about 25 ms of a record's first opening was importing them.
CYCLE_CHOICES = {"Last 3": 3, "Last 5": 5, "All": None}
CYCLES = "Cycles to include"


def attach(record, bar: ttk.Frame) -> ttk.Menubutton:
    """An "Export" button on the record's button bar (one line in the record calls this)."""
    # Primary, not info: the light theme's info cyan is too pale to read as text on white.
    button = ttk.Menubutton(bar, text="Export (Ctrl+P)", bootstyle="primary-outline")
    menu = tkinter.Menu(button, tearoff=False, postcommand=lambda: _fill(record, menu))
    button.configure(menu=menu)
    button.pack(side="left", padx=(8, 0))
    record.export_menu = menu
    # Ctrl+P (print/export, docs/design.md) opens the same menu under the button, keyboard-ready
    record.bind("<Control-p>", lambda e: (post(record, button, menu), "break")[1], add="+")
    return button


def post(record, button: ttk.Menubutton, menu: tkinter.Menu) -> None:
    """Open the menu under its button (Ctrl+P), filled as a click would fill it; nothing for a
    role the button is not offered to (the office)."""
    if not button.winfo_manager():
        return
    _fill(record, menu)
    menu.post(button.winfo_rootx(), button.winfo_rooty() + button.winfo_height())
    menu.focus_set()


def _fill(record, menu: tkinter.Menu) -> None:
    """Only the packs this role may make: a teacher prints the one-page profile and the inclusion
    case sample (their own pupils' records are the only ones they open); the packs that go to the
    LA and outside services are the SENCO's and the head's (export.packs). A role that may not
    read referrals is not told there are none."""
    menu.delete(0, "end")
    if record.pupil_id is None:
        menu.add_command(label="Save the new pupil first", state="disabled")
        return
    _packs(record, menu)
    _letters(record, menu)


def _letters(record, menu: tkinter.Menu) -> None:
    """Letters to parents (whoever prints the profile may: a teacher for their own pupils), and
    the plan as a JSON file for the next school (it holds the UPN: the SENCO's and the head's)."""
    user = record.actor.user
    if not (user.can("export.packs") or user.can("export.profile")):
        return
    menu.add_separator()
    menu.add_command(label="Copy of the plan for home (PDF)…", command=lambda: parent_copy_dialog(record))
    menu.add_command(
        label="Copy of the plan for home (Word)…", command=lambda: parent_copy_dialog(record, ".docx")
    )
    menu.add_command(label="Invitation to a review meeting…", command=lambda: invitation_dialog(record))
    if user.can("export.packs"):
        menu.add_command(label="Plan for the next school (JSON file)…", command=lambda: plan_json(record))


def _packs(record, menu: tkinter.Menu) -> None:
    user = record.actor.user
    packs_allowed = user.can("export.packs")
    if packs_allowed:
        menu.add_command(label="EHC needs assessment request…", command=lambda: ehcna_dialog(record))
    if packs_allowed or user.can("export.profile"):
        menu.add_command(label="One-page profile…", command=lambda: profile_dialog(record))
    if user.can("cycle.read"):
        menu.add_command(
            label="Inclusion case sample (for an inspector)…", command=lambda: case_sample_dialog(record)
        )
    if not (packs_allowed and field_access.may_read_table(user.role, "referrals")):
        return
    menu.add_separator()
    try:
        items = referrals.referrals_for_pupil(record.actor, record.pupil_id)
    except UserError as e:
        menu.add_command(label=f"Referrals: {e.message}", state="disabled")
        return
    if not items:
        menu.add_command(label="Referral: none yet (add one on the Referrals tab)", state="disabled")
    for r in items:
        menu.add_command(
            label=f"Referral to {service_label(r.service)} ({uk(r.referred_on)}, "
            f"{STATUSES.get(r.status, r.status).lower()})…",
            command=lambda rid=r.id: referral_dialog(record, rid),
        )


def _open(record, job_factory) -> ExportDialog | None:
    # the pack prints what is saved: unsaved edits would be missing from it
    for tab, name in ((record.built("referrals"), "Referrals"), (record.built("profile"), "Profile")):
        if tab is not None and tab.dirty:  # a tab never shown has nothing typed
            dialogs.show_error(
                record,
                f"There are changes on the {name} tab that are not saved yet. "
                "Save them with that tab's buttons, then export.",
            )
            return None
    if record.dirty and not record.save():
        return None
    try:
        job = job_factory()
    except UserError as e:
        dialogs.show_error(record, e.message)
        return None
    return ExportDialog(record, job).show()


def attachables(actor, pupil_id: int) -> list[Attachable]:
    """The documents on the record this person may send with a pack (none they may not see)."""
    from ...services import attachments

    try:
        items = attachments.list_attachments(actor, pupil_id)
    except UserError:
        return []
    return [Attachable(a.id, a.label, a.is_word) for a in items]


def ehcna_dialog(record) -> ExportDialog | None:
    actor, pupil_id = record.actor, record.pupil_id

    def factory() -> ExportJob:
        from ...services import la_profiles, packs

        pupil = get_pupil(actor, pupil_id)
        profile = la_profiles.school_profile(actor)

        def check(options):
            model = packs.ehcna_model(actor, pupil_id, cycles=CYCLE_CHOICES.get(options.get(CYCLES, ""), 3))
            return model.missing(), packs.ehcna_checklist(model)

        def run(path, options):
            ids, bundle = sending(options)
            return packs.export_ehcna(
                actor,
                pupil_id,
                path,
                cycles=CYCLE_CHOICES.get(options.get(CYCLES, ""), 3),
                attachments=ids,
                bundle=bundle,
            )

        return ExportJob(
            title=f"EHC needs assessment request for {pupil.display_name}",
            filename=packs.suggested_filename("EHCNA request", pupil, date.today()),
            check=check,
            run=run,
            options=[(CYCLES, tuple(CYCLE_CHOICES), "Last 3")],
            attachables=attachables(actor, pupil_id),
            note=f"Laid out for: {profile.name} (change this in Settings). The request date, what is "
            "now needed, outcomes sought and consent are on the Referrals tab; views and "
            "assessments are recorded in the pupil's cycles.",
        )

    return _open(record, factory)


def profile_dialog(record) -> ExportDialog | None:
    actor, pupil_id = record.actor, record.pupil_id

    def factory() -> ExportJob:
        from ...services import packs

        pupil = get_pupil(actor, pupil_id)

        def check(_):
            return packs.profile_model(actor, pupil_id).missing(), []

        return ExportJob(
            title=f"One-page profile for {pupil.display_name}",
            filename=packs.suggested_filename("One-page profile", pupil, date.today()),
            check=check,
            run=lambda path, _: packs.export_profile(actor, pupil_id, path),
            note="For staff and parents: no UPN is printed.",
        )

    return _open(record, factory)


def referral_dialog(record, referral_id: int) -> ExportDialog | None:
    actor = record.actor

    def factory() -> ExportJob:
        from ...services import packs

        ref = referrals.get_referral(actor, referral_id)
        pupil = get_pupil(actor, ref.pupil_id)
        service = service_label(ref.service)

        def check(_):
            return packs.referral_model(actor, referral_id).missing(), []

        return ExportJob(
            title=f"Referral to {service} for {pupil.display_name}",
            filename=packs.suggested_filename(f"Referral to {service}", pupil, date.today()),
            check=check,
            run=lambda path, options: packs.export_referral(
                actor, referral_id, path, attachments=sending(options)[0], bundle=sending(options)[1]
            ),
            attachables=attachables(actor, ref.pupil_id),
        )

    return _open(record, factory)


def parent_copy_dialog(record, suffix: str = ".pdf") -> ExportDialog | None:
    """The copy of the plan for home: what is missing, and the SENCO's words a parent may find
    hard (printed as written), listed before it is saved."""
    actor, pupil_id = record.actor, record.pupil_id

    def factory() -> ExportJob:
        from ...services import parent_copy

        model = parent_copy.parent_copy_model(actor, pupil_id)  # no plan yet: said in words

        def notes() -> list[str]:
            return [c.advice for c in parent_copy.parent_copy_model(actor, pupil_id).checks]

        return ExportJob(
            title=f"Copy of {model.pupil_name}'s plan for home",
            filename=parent_copy.suggested_filename(model, suffix),
            check=lambda _: (parent_copy.parent_copy_model(actor, pupil_id).missing(), []),
            run=lambda path, _: parent_copy.export_parent_copy(actor, pupil_id, path),
            note="For parents and carers, in plain words: what we are working on, what school will do, "
            "what you can do at home, when we meet next. No UPN is printed.",
            suffix=suffix,
            notes=notes,
        )

    return _open(record, factory)


def invitation_dialog(record):
    """The letter inviting parents to a meeting, from the school's template (Settings)."""
    from .invitation_dialog import InvitationDialog

    if record.dirty and not record.save():
        return None
    return InvitationDialog(record).show()


def plan_json(record):
    """Save the pupil's plan as a JSON file (sencodesk-support-plan/1) where the person chooses."""
    from ...services import support_plan
    from ..exporting import ask_save_path

    if record.dirty and not record.save():
        return None
    pupil = get_pupil(record.actor, record.pupil_id)
    path = ask_save_path(record, support_plan.suggested_name(pupil.display_name), suffix=".json")
    if path is None:
        return None
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    try:
        written = support_plan.export_support_plan(record.actor, record.pupil_id, path)
    except UserError as e:
        dialogs.show_error(record, e.message)
        return None
    dialogs.show_info(
        record,
        f"Saved {pupil.display_name}'s plan as\n{written}\n\nIt is for their next school: it holds their "
        f"UPN. Its layout is {support_plan.SCHEMA} (docs/schemas/support-plan.schema.json).",
    )
    return written


def case_sample_dialog(record) -> ExportDialog | None:
    actor, pupil_id = record.actor, record.pupil_id

    def factory() -> ExportJob:
        from ..case_sample_window import case_sample_job

        return case_sample_job(actor, pupil_id, get_pupil(actor, pupil_id).display_name)

    return _open(record, factory)
