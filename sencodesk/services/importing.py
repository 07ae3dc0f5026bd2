"""Importing the roll from an MIS export, in the steps the import wizard shows:

1. `open_roll(actor, path)`: read the file and propose which column is which.
2. The person may change the matching (`domain.roll_import.set_column`).
3. `plan_import(actor, roll, match)`: a dry run; every row's outcome, nothing written.
4. `apply_import(actor, roll, match)`: backup, then one transaction; bad rows are left out,
   every good row goes in. Returns the same report, now applied.
5. `report_lines(plan)` / `save_report(plan, path)`: the report on screen, as text or CSV.

Matching is by UPN. A re-import updates the pupils it matches and adds new ones; it never
deletes a pupil, and a blank cell never wipes a value that is held. Where a pupil's SEN fields
were last changed by a person in SENCO desk and the file says otherwise, SENCO desk's SEN fields
are kept (listed in the report) unless `take_mis_sen` is given (domain.roll_sen).

A SEN code the file gives that cannot be taken never keeps a pupil off the roll: the pupil goes
in without it, and the plan lists it as SEN to resolve (`RowOutcome.sen_to_resolve`).

Office staff import the roll without SEN: for someone who may not change SEN the file's SEN
columns are not read at all, so nothing in the plan, the report or the wizard depends on who is
on the register (the SENCO's SEN decisions stay as they are, since nothing SEN is written).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import outputs
from ..domain import codes, roll_sen, text_limits
from ..domain import roll_import as rules
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import UserError, ValidationError
from ..domain.plural import plural
from ..domain.pupil import clean_pupil
from ..formats.roll import RollFile, read_roll
from ..store import pupils as pupil_store
from ..store import roll as store
from .actor import Actor
from .pupils import DATE_FIELDS, _row_values, describe_changes

Progress = Callable[[int, int], None]  # (steps done, steps in all): the wizard's progress bar
PROGRESS_EVERY = 100
SEN_FIELDS = roll_sen.SEN_FIELDS


@dataclass
class RowOutcome:
    row: int
    name: str
    upn: str
    action: str  # "add", "update", "unchanged" or "bad"
    reasons: list[str] = field(default_factory=list)  # why a bad row is not imported
    warnings: list[str] = field(default_factory=list)  # imported, but worth a look
    sen_to_resolve: list[str] = field(default_factory=list)  # imported without SEN fields it gave
    changes: dict[str, list] = field(default_factory=dict)  # field -> [before, after]
    pupil_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the row to save (add/update)
    version: int = 0
    sen_changed: bool = False
    sen_kept: str = ""  # "kept: SEN status changed in SENCO desk on ... (MIS says N)"
    sen_replaced: str = ""  # the same pupil when the MIS's SEN fields are taken instead
    # The same row had the SENCO chosen otherwise (keep SENCO desk's SEN fields or take the
    # MIS's): set only where that choice matters, so the wizard can switch without re-reading.
    other: RowOutcome | None = field(default=None, repr=False, compare=False)

    @property
    def summary(self) -> str:
        if self.action == "bad":
            return " ".join(self.reasons)
        if self.action == "update":
            return "; ".join([describe_changes(self.changes)] + ([self.sen_kept] if self.sen_kept else []))
        if self.action == "add":
            return f"new pupil ({codes.year_label(self.values.get('year_group'))})"
        return self.sen_kept or "no change"


@dataclass
class ImportPlan:
    file: str
    match: rules.ColumnMatch
    outcomes: list[RowOutcome]
    notes: list[str] = field(default_factory=list)
    applied: bool = False
    backup: Path | None = None
    take_mis_sen: bool = False

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def bad(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == "bad"]

    @property
    def sen_to_resolve(self) -> list[RowOutcome]:
        """Pupils imported without a SEN field the file gave (a code the census forbids there)."""
        return [o for o in self.outcomes if o.sen_to_resolve and o.action != "bad"]

    @property
    def kept(self) -> list[RowOutcome]:
        """Pupils whose SEN fields stay as SENCO desk has them, though the MIS differs."""
        return [o for o in self.outcomes if o.sen_kept]

    @property
    def taken_from_mis(self) -> list[RowOutcome]:
        """Pupils given the MIS's SEN fields over a change made in SENCO desk (by choice)."""
        return [o for o in self.outcomes if o.other is not None and not o.sen_kept and o.action != "bad"]

    @property
    def sen_choices(self) -> int:
        """Pupils the keep-or-take-the-MIS choice applies to."""
        return sum(1 for o in self.outcomes if o.other is not None)

    def choosing(self, take_mis_sen: bool) -> ImportPlan:
        """The same plan with the other SEN choice: no file read, no query (the wizard's tick)."""
        if take_mis_sen == self.take_mis_sen:
            return self
        return replace(self, outcomes=[o.other or o for o in self.outcomes], take_mis_sen=take_mis_sen)

    @property
    def headline(self) -> str:
        verb = ("added", "updated") if self.applied else ("to add", "to update")
        text = (
            f"{self.file}: {plural(len(self.outcomes), 'row')} read; "
            f"{plural(self.count('add'), 'new pupil')} {verb[0]}, {self.count('update')} {verb[1]}, "
            f"{self.count('unchanged')} unchanged, "
            f"{plural(len(self.bad), 'bad row')} not imported."
        ) + self._sen_sentence()
        return text if self.applied else "Dry run (nothing saved). " + text

    def _sen_sentence(self) -> str:
        resolve = len(self.sen_to_resolve)
        verb = ("went" if self.applied else "will go") + " in"
        text = (
            f" {plural(resolve, 'pupil')} {verb} without a SEN code the census does not allow: "
            "listed for the SENCO to resolve."
            if resolve
            else ""
        )
        return text + self._choice_sentence()

    def _choice_sentence(self) -> str:
        if not self.sen_choices:
            return ""
        if self.take_mis_sen:
            return (
                f" The MIS's SEN fields {'were' if self.applied else 'will be'} taken for "
                f"{plural(len(self.taken_from_mis), 'pupil')} whose SEN was changed in SENCO desk."
            )
        return (
            f" SEN status and needs kept as changed in SENCO desk for "
            f"{plural(len(self.kept), 'pupil')} (the MIS differs)."
        )


@dataclass
class RollPreview:
    """Step 1 of the wizard: the file read and the proposed column matching."""

    roll: RollFile
    match: rules.ColumnMatch
    sen: bool = True  # the person may import SEN fields (else the wizard does not offer them)

    @property
    def sample(self) -> list[list[str]]:
        return [r.cells for r in self.roll.rows[:5]]

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields a column may be matched to, for this person."""
        return tuple(rules.FIELDS) if self.sen else rules.NOT_SEN_FIELDS


def imports_sen(actor: Actor) -> bool:
    """Whether this person's import reads the file's SEN columns (the SENCO's does; the office's
    does not: they may not see or change SEN)."""
    return actor.user.can("pupil.edit_sen") and actor.user.can("pupil.read_sen")


def _their_match(actor: Actor, roll: RollFile, match: rules.ColumnMatch | None) -> rules.ColumnMatch:
    match = match or rules.match_columns(roll.headings)
    return match if imports_sen(actor) else match.without_sen()


def open_roll(actor: Actor, path: str | Path) -> RollPreview:
    actor.require("import.roll")
    roll = read_roll(path)
    return RollPreview(roll, _their_match(actor, roll, None), imports_sen(actor))


def plan_import(
    actor: Actor,
    roll: RollFile,
    match: rules.ColumnMatch | None = None,
    *,
    progress: Progress | None = None,
    today: date | None = None,
    take_mis_sen: bool = False,
) -> ImportPlan:
    """Dry run: what the import would do with every row. Writes nothing.

    Either SEN choice can be had from the result with `plan.choosing(...)`."""
    actor.require("import.roll")
    if take_mis_sen:
        actor.require("pupil.edit_sen")
    match = _their_match(actor, roll, match)
    return _plan(actor, roll, match, progress, today or date.today()).choosing(take_mis_sen)


def apply_import(
    actor: Actor,
    roll: RollFile,
    match: rules.ColumnMatch | None = None,
    *,
    progress: Progress | None = None,
    today: date | None = None,
    take_mis_sen: bool = False,
) -> ImportPlan:
    """Import every good row in one transaction, after a backup. Bad rows are reported, not saved.

    SEN fields last changed by hand in SENCO desk are kept where the file differs, unless
    `take_mis_sen`. `progress` runs over two steps per row: checking every row, then saving."""
    actor.require("import.roll")
    if take_mis_sen:
        actor.require("pupil.edit_sen")
    from . import backups

    match = _their_match(actor, roll, match)  # office staff import names and classes, not SEN
    today = today or date.today()
    backup = backups.backup_before(actor, "before-import")
    with actor.write() as db:
        # Planned again inside the write lock: nobody can change a pupil between check and save.
        total = 2 * len(roll.rows)
        plan = _plan(
            actor, roll, match, progress and (lambda done, _n: progress(done, total)), today
        ).choosing(take_mis_sen)
        user, name = actor.user, actor.user.display_name
        for done, o in enumerate(plan.outcomes, start=len(roll.rows) + 1):
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
            if o.action == "add":
                o.pupil_id = store.insert_pupil(db, o.values, name)
                store.add_sen_history(
                    db,
                    o.pupil_id,
                    _history_start(o.values, today),
                    o.values["sen_status"],
                    o.values["primary_need"],
                    o.values["secondary_need"],
                    name,
                )
                store.add_audit(
                    db,
                    user_id=user.id,
                    username=name,
                    action="create",
                    entity="pupil",
                    entity_id=o.pupil_id,
                    pupil_id=o.pupil_id,
                    summary=f"added {o.name} from the roll import ({roll.name})",
                    changes={k: [None, v] for k, v in o.values.items() if v not in (None, "", 0)},
                )
            elif o.action == "update":
                assert o.pupil_id is not None and o.version is not None  # an update names what it read
                changed = {k: new for k, (_old, new) in o.changes.items()}
                if not pupil_store.update(db, o.pupil_id, o.version, changed, name):
                    raise UserError(
                        "A pupil changed while the import ran; nothing was imported. Run the import again."
                    )
                if o.sen_changed:
                    store.add_sen_history(
                        db,
                        o.pupil_id,
                        _history_start(o.values, today),
                        o.values["sen_status"],
                        o.values["primary_need"],
                        o.values["secondary_need"],
                        name,
                    )
                store.add_audit(
                    db,
                    user_id=user.id,
                    username=name,
                    action="update",
                    entity="pupil",
                    entity_id=o.pupil_id,
                    pupil_id=o.pupil_id,
                    summary=f"roll import ({roll.name}): {o.summary}",
                    changes=o.changes,
                )
        plan.applied, plan.backup = True, backup
        # The summary row names no pupil: it outlives retention deletions.
        actor.audit(
            "import",
            "roll",
            None,
            summary=plan.headline,
            changes={
                "file": roll.name,
                "added": plan.count("add"),
                "updated": plan.count("update"),
                "bad_rows": len(plan.bad),
                "sen_to_resolve": len(plan.sen_to_resolve),
                "sen_kept": len(plan.kept),
                "sen_taken_from_mis": len(plan.taken_from_mis),
            },
        )
    return plan


def import_roll_file(
    actor: Actor,
    path: str | Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    take_mis_sen: bool = False,
) -> ImportPlan:
    """The whole import in one call (the command line), with the proposed column matching."""
    preview = open_roll(actor, path)
    run = plan_import if dry_run else apply_import
    return run(actor, preview.roll, preview.match, progress=progress, today=today, take_mis_sen=take_mis_sen)


def _history_start(values: dict[str, Any], today: date) -> str:
    return values.get("sen_start_date") or values.get("admission_date") or to_iso(today)


def held_as_form(row: dict) -> dict[str, Any]:
    """A held pupil row as the form clean_pupil reads (what an import merges into)."""
    form = {k: row[k] for k in pupil_store.PUPIL_COLUMNS}
    for k in DATE_FIELDS:
        form[k] = from_iso(form[k])
    for k in ("primary_need", "secondary_need"):
        form[k] = form[k] or ""
    return form


def _plan(
    actor: Actor, roll: RollFile, match: rules.ColumnMatch, progress: Progress | None, today: date
) -> ImportPlan:
    if "upn" not in match.columns:
        raise ValidationError(
            {
                "upn": "No column of the file is matched to the UPN. SENCO desk matches "
                "pupils by UPN: choose the UPN column."
            }
        )
    held = store.held_pupils(actor.db)
    by_upn = {r["former_upn"]: r for r in held if r["former_upn"]} | {r["upn"]: r for r in held}
    sen = imports_sen(actor)
    by_hand = store.sen_changed_by_hand(actor.db) if sen else {}
    read = [rules.read_row(r.number, r.cells, match, unreadable=r.unreadable) for r in roll.rows]
    duplicates = rules.duplicate_upns(read)
    outcomes: list[RowOutcome] = []
    total, claimed = len(read), dict[int, int]()  # pupil id -> the row that matched them first
    for done, row in enumerate(read, start=1):
        outcome = _keeping_sen(row, by_upn, duplicates, today, by_hand, sen)
        if outcome.pupil_id is not None and outcome.action != "bad":
            # Two rows (a UPN and another row's former UPN) must not both land on one pupil.
            pupil_id = outcome.pupil_id
            if pupil_id in claimed:
                outcome = RowOutcome(
                    row.row,
                    row.name,
                    row.upn,
                    "bad",
                    [
                        f"This row and row {claimed[pupil_id]} are the same pupil (one gives "
                        "the other's UPN as a former UPN). Keep one row."
                    ],
                )
            else:
                claimed[pupil_id] = row.row
        outcomes.append(outcome)
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    notes = list(roll.notes)
    if "attendance_pct" in match.columns and "attendance_as_at" not in match.columns:
        notes.append(
            f"The file gives attendance without the date it was taken: a new figure is "
            f"recorded as at {uk(today)}, the day of the import."
        )
    unused = match.unused
    if not sen:  # the office's import leaves the SEN columns to the SENCO, and does not say so
        proposed = rules.match_columns(match.headings).columns
        sen_columns = {match.headings[proposed[f]] for f in SEN_FIELDS if f in proposed}
        unused = [h for h in unused if h not in sen_columns]
    if unused:
        shown = ", ".join(text_limits.shown(h, 40) for h in unused)
        notes.append(f"Columns not imported (SENCO desk has no field for them): {shown}.")
    if roll.encoding and roll.encoding not in ("utf-8", "utf-8 with BOM"):
        notes.append(f"The file was read as {roll.encoding} text.")
    return ImportPlan(roll.name, match, outcomes, notes)


def _attendance_without_date(values: dict[str, Any], held: dict | None) -> bool:
    """The row gives an attendance % but not the day it was taken, and it is news: a re-import
    of the figure already held keeps the held date."""
    if "attendance_pct" not in values or "attendance_as_at" in values:
        return False
    try:
        same = held is not None and held["attendance_pct"] == float(str(values["attendance_pct"]))
    except ValueError:
        return False  # not a number: clean_pupil says so in words
    return not (same and held is not None and held["attendance_as_at"])


def _held_for(row: rules.ImportedRow, by_upn: dict[str, dict]) -> dict | None:
    return by_upn.get(row.upn) or by_upn.get(str(row.values.get("former_upn") or ""))


def _hand_change(audit_row: dict) -> roll_sen.HandChange:
    return roll_sen.HandChange(
        on=date.fromisoformat(audit_row["at"][:10]),
        by=audit_row["username"],
        created=audit_row["action"] == "create",
        status=bool(audit_row["status"]),
        needs=bool(audit_row["needs"]),
    )


def _keeping_sen(
    row: rules.ImportedRow,
    by_upn: dict[str, dict],
    duplicates: dict[str, list[int]],
    today: date,
    by_hand: dict[int, dict],
    sen: bool,
) -> RowOutcome:
    """The row's outcome keeping SENCO desk's SEN fields where they were last changed by hand and
    the file differs; the outcome taking the MIS's is attached as its `other`."""
    taking = _outcome(row, by_upn, duplicates, today, sen)
    held = _held_for(row, by_upn) if not row.errors else None
    if held is None or held["id"] not in by_hand:
        return taking
    differs = roll_sen.mis_differs(row.values, held)
    if not differs:
        return taking
    kept_row = replace(row, values=roll_sen.without_sen(row.values), sen_problems=[])  # no SEN taken
    keeping = _outcome(kept_row, by_upn, duplicates, today, sen)
    if keeping.action == "bad":
        return taking  # wrong whatever the SEN choice: the report gives the file's reasons
    change = _hand_change(by_hand[held["id"]])
    keeping.sen_kept = roll_sen.kept_line(change, differs)
    if taking.action != "bad":  # a refused row replaces nothing: its reasons say why
        taking.sen_replaced = roll_sen.replaced_line(change, differs)
        taking.warnings = [*taking.warnings, taking.sen_replaced]
    keeping.other, taking.other = taking, keeping
    return keeping


# What the office's rows are checked with: the form's defaults, so no held SEN value can make a
# row refused or warned about (and so tell them anything about it).
_NO_SEN = {"sen_status": "N", "sen_start_date": None, "primary_need": "", "secondary_need": ""}


def _outcome(
    row: rules.ImportedRow, by_upn: dict[str, dict], duplicates: dict[str, list[int]], today: date, sen: bool
) -> RowOutcome:
    """What the import does with one row. `sen`: the person imports SEN fields; if not, the row
    gives none (its SEN columns are not read) and the held SEN fields are neither checked nor
    changed, so nothing in the outcome depends on them."""

    def bad(reasons: list[str]) -> RowOutcome:
        return RowOutcome(row.row, row.name, row.upn, "bad", reasons)

    if row.errors:
        return bad(row.errors)
    if not row.upn:
        return bad(["The UPN is missing."])
    if row.upn in duplicates:
        return bad([rules.duplicate_message(row.upn, duplicates[row.upn])])
    held = _held_for(row, by_upn)
    values = dict(row.values)
    if held is not None:
        form = rules.merge_forms(held_as_form(held), values)
        status_changed = values.get("sen_status") not in (None, held["sen_status"])
        if status_changed and "sen_start_date" not in values:
            form["sen_start_date"] = today  # the status changes from the day it is imported
        if held["upn"] != row.upn:
            form["former_upn"] = held["upn"]  # a temporary UPN replaced by the permanent one
    else:
        form = values
    if _attendance_without_date(values, held):
        form["attendance_as_at"] = today  # an MIS figure is as at the day it was exported
    if sen:
        given = any(k in values for k in SEN_FIELDS) and not row.sen_problems  # else said already
        form, sen_notes = roll_sen.settle_sen(form, given=given)
        sen_notes = row.sen_problems + sen_notes
    else:
        form, sen_notes = form | _NO_SEN, []
    form["notes"] = ""  # never the roll's business: the held notes stay as they are, unread
    try:
        pupil, warnings = clean_pupil(rules.form_for_check(form), today=today, need_may_wait=True)
    except ValidationError as e:
        return bad(list(e.field_errors.values()))
    warnings = row.warnings + warnings
    after = _row_values(pupil)
    if not sen and held is not None:
        after |= {k: held[k] for k in SEN_FIELDS}  # as held: the office's import leaves SEN alone
    if held is None:
        return RowOutcome(
            row.row, row.name, row.upn, "add", warnings=warnings, sen_to_resolve=sen_notes, values=after
        )
    other = by_upn.get(pupil.upn)
    if other is not None and other["id"] != held["id"]:
        return bad(["This row's UPN already belongs to another pupil in SENCO desk."])
    for k in ("left_on", "destination", "notes"):
        after[k] = held[k]  # leaving and notes are never the roll's business
    changes = {k: [held[k], after[k]] for k in pupil_store.PUPIL_COLUMNS if held[k] != after[k]}
    if held["left_on"]:
        left = f"{row.name} is marked as left in SENCO desk (on {uk(held['left_on'])}) and stays a leaver."
        warnings = [*warnings, left]
    sen_changed = any(k in changes for k in ("sen_status", "primary_need", "secondary_need"))
    action = "update" if changes else "unchanged"
    return RowOutcome(
        row.row,
        row.name,
        row.upn,
        action,
        warnings=warnings,
        sen_to_resolve=sen_notes,
        changes=changes,
        pupil_id=held["id"],
        values=after,
        version=held["version"],
        sen_changed=sen_changed,
    )


# ---- the report ----------------------------------------------------------------------------


def report_lines(plan: ImportPlan) -> list[str]:
    """The report in plain words: the headline, each bad row, the pupils imported without a SEN
    code the file gives, the pupils whose SEN was kept, warnings, notes on the file."""
    lines = [plan.headline]
    if plan.backup:
        lines.append(f"A backup was taken first: {plan.backup}")
    if plan.bad:
        lines += ["", "Rows not imported:"]
        lines += [f"  Row {o.row}: {o.name}: {' '.join(o.reasons)}" for o in plan.bad]
    if plan.sen_to_resolve:
        lines += [
            "",
            "SEN for the SENCO to resolve (the pupil is on the roll; the SEN field named was not taken):",
        ]
        lines += [f"  Row {o.row}: {o.name}: {n}" for o in plan.sen_to_resolve for n in o.sen_to_resolve]
    if plan.kept:
        lines += [
            "",
            "SEN kept as changed in SENCO desk (the MIS differs: update the MIS to match, "
            "or choose to take the MIS's SEN fields instead):",
        ]
        lines += [f"  Row {o.row}: {o.name}: {o.sen_kept}" for o in plan.kept]
    warned = [o for o in plan.outcomes if o.warnings and o.action != "bad"]
    if warned:
        lines += ["", "Imported, but worth a check:"]
        lines += [f"  Row {o.row}: {o.name}: {w}" for o in warned for w in o.warnings]
    if plan.notes:
        lines += ["", "About the file:"] + [f"  {n}" for n in plan.notes]
    return lines


REPORT_COLUMNS = ["row", "name", "outcome", "details"]
_OUTCOME_WORDS = {"add": "added", "update": "updated", "unchanged": "unchanged", "bad": "not imported"}


def report_csv(plan: ImportPlan) -> str:
    """Every row's outcome as CSV (no UPNs: the report may be printed or emailed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for o in plan.outcomes:
        words = _OUTCOME_WORDS[o.action] if plan.applied else "would be " + _OUTCOME_WORDS[o.action]
        if o.action in ("bad", "unchanged"):
            words = _OUTCOME_WORDS[o.action]
        details = " ".join([o.summary, *o.sen_to_resolve, *o.warnings])
        writer.writerow([o.row, _cell(o.name), words, _cell(details)])
    return out.getvalue()


def _cell(text: str) -> str:
    """A name from the file could start with '=': Excel would run it as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def save_report(plan: ImportPlan, path: str | Path) -> Path:
    """Save the report: .csv gives every row's outcome, anything else the text report.
    Checked and written atomically by sencodesk/outputs.py (no half file, never over the data)."""
    csv_file = Path(path).suffix.lower() == ".csv"
    text = report_csv(plan) if csv_file else "\n".join(report_lines(plan)) + "\n"
    return outputs.write_text(path, text, encoding="utf-8-sig" if csv_file else "utf-8")
