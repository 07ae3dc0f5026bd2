"""Importing a Common Transfer File: new pupils and their SEN history from their last school.

Matching is by UPN (or the file's former UPN). A pupil already held is updated without any
blank wiping a held value; SEN history entries not yet held are added, and the current status
moves only when the file's latest entry is newer than the one held. Pupils the file gets wrong
are listed with the reason and not imported; the rest go in, in one transaction after a backup.
A malformed or hostile file is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain import ctf_rules
from ..domain import roll_import as rules
from ..domain.codes import need_label
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import ValidationError
from ..domain.plural import plural
from ..domain.pupil import clean_pupil
from ..domain.upn import normalise
from ..formats.ctf import CtfFile, CtfPupil, read_ctf
from ..store import pupils as pupil_store
from ..store import roll as store
from .actor import Actor
from .importing import held_as_form
from .pupils import _row_values, describe_changes

Progress = Callable[[int, int], None]  # (steps done, steps in all): the dialog's progress bar
PROGRESS_EVERY = 10  # pupils: a CTF holds tens to hundreds, each with a history to compare


@dataclass
class CtfOutcome:
    number: int
    name: str
    action: str  # "add", "update", "unchanged" or "bad"
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    history: list[ctf_rules.HistoryEntry] = field(default_factory=list)  # entries new to SENCO desk
    changes: dict[str, list] = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    pupil_id: int | None = None
    version: int = 0

    def came_in(self) -> list[str]:
        """What the file brought, in words, for the report."""
        lines = []
        for h in self.history:
            needs = ", ".join(need_label(n) for n in (h.primary_need, h.secondary_need) if n)
            lines.append(f"SEN {h.status} from {uk(h.start_date)}" + (f" ({needs})" if needs else ""))
        return lines


@dataclass
class CtfResult:
    file: CtfFile
    outcomes: list[CtfOutcome]
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def headline(self) -> str:
        source = self.file.source_school or f"LA {self.file.source_la} school {self.file.source_estab}"
        verb = ("added", "updated") if self.applied else ("to add", "to update")
        text = (
            f"{self.file.name} (CTF {self.file.version or 'version not given'}, from {source}): "
            f"{plural(len(self.outcomes), 'pupil')}; {self.count('add')} {verb[0]}, "
            f"{self.count('update')} {verb[1]}, {self.count('unchanged')} unchanged, "
            f"{self.count('bad')} not imported."
        )
        return text if self.applied else "Dry run (nothing saved). " + text


def read_ctf_file(actor: Actor, path: str | Path) -> CtfFile:
    actor.require("import.roll")
    return read_ctf(path)


def import_ctf(
    actor: Actor,
    path: str | Path,
    *,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> CtfResult:
    """Read, check and (unless dry_run) save a CTF. Returns what came in, pupil by pupil.

    `progress` runs over two steps per pupil (checking every pupil, then saving) when saving."""
    ctf = read_ctf_file(actor, path)
    today = today or date.today()
    if dry_run:
        return CtfResult(ctf, _plan(actor, ctf, today))
    actor.require("pupil.edit_sen")
    from . import backups

    backups.backup_before(actor, "before-import")
    total = 2 * len(ctf.pupils)
    tick = _ticker(progress, total)
    with actor.write() as db:
        result = CtfResult(ctf, _plan(actor, ctf, today, tick), applied=True)
        name, user = actor.user.display_name, actor.user
        for done, o in enumerate(result.outcomes, start=len(ctf.pupils) + 1):
            tick(done)
            if o.action == "add":
                o.pupil_id = store.insert_pupil(db, o.values, name)
                action, summary = "create", f"added {o.name} from a CTF ({ctf.name})"
                changes = {k: [None, v] for k, v in o.values.items() if v not in (None, "", 0)}
            elif o.action == "update":
                assert o.pupil_id is not None and o.version is not None  # an update names what it read
                changed = {k: new for k, (_old, new) in o.changes.items()}
                if changed and not pupil_store.update(db, o.pupil_id, o.version, changed, name):
                    raise ValidationError(
                        "A pupil changed while the CTF was imported; nothing was imported. Import it again."
                    )
                action, changes = "update", o.changes
                summary = f"CTF import ({ctf.name}): " + "; ".join(
                    ([describe_changes(o.changes)] if o.changes else []) + o.came_in()
                )
            else:
                continue
            for h in o.history:
                store.add_sen_history(
                    db, o.pupil_id, to_iso(h.start_date), h.status, h.primary_need, h.secondary_need, name
                )
            store.add_audit(
                db,
                user_id=user.id,
                username=name,
                action=action,
                entity="pupil",
                entity_id=o.pupil_id,
                pupil_id=o.pupil_id,
                summary=summary,
                changes=changes | {"sen_history": o.came_in()},
            )
        actor.audit(
            "import",
            "ctf",
            None,
            summary=result.headline,
            changes={
                "file": ctf.name,
                "added": result.count("add"),
                "updated": result.count("update"),
                "not_imported": result.count("bad"),
            },
        )
    return result


def _ticker(progress: Progress | None, total: int) -> Callable[[int], None]:
    def tick(done: int) -> None:
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    return tick


def _plan(
    actor: Actor, ctf: CtfFile, today: date, tick: Callable[[int], None] = lambda _done: None
) -> list[CtfOutcome]:
    held = store.held_pupils(actor.db)
    by_upn = {r["former_upn"]: r for r in held if r["former_upn"]} | {r["upn"]: r for r in held}
    seen: dict[str, int] = {}
    outcomes = []
    for done, p in enumerate(ctf.pupils, start=1):
        tick(done)
        try:
            outcome = _outcome(actor, p, by_upn, today)
        except ValidationError as e:
            outcome = CtfOutcome(p.number, p.name, "bad", list(e.field_errors.values()))
        upn = normalise(p.upn)
        if outcome.action != "bad" and upn in seen:
            outcome = CtfOutcome(
                p.number,
                p.name,
                "bad",
                [f"The file holds this pupil twice (pupils {seen[upn]} and {p.number} share a UPN)."],
            )
        seen.setdefault(upn, p.number)
        outcomes.append(outcome)
    return outcomes


def _values(p: CtfPupil) -> dict:
    """The file's identity fields as a pupil form (blank ones left out)."""
    errors: dict[str, str] = {}
    values: dict = {
        "upn": normalise(p.upn),
        "former_upn": normalise(p.former_upn),
        "legal_surname": p.surname,
        "legal_forename": p.forename,
        "preferred_surname": p.preferred_surname,
        "preferred_forename": p.preferred_forename,
    }
    for key, reader, text in (
        ("dob", lambda t: rules.import_date(t, "dob"), p.dob),
        ("gender", rules.gender, p.gender),
        ("year_group", rules.year_group, p.year_group),
    ):
        try:
            values[key] = reader(text)
        except ValidationError as e:
            errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    return {k: v for k, v in values.items() if v not in (None, "")}


def _outcome(actor: Actor, p: CtfPupil, by_upn: dict[str, dict], today: date) -> CtfOutcome:
    values = _values(p)
    sen = ctf_rules.sen_record(
        [(s.start_date, s.provision) for s in p.sen],
        [(n.rank, n.type, n.start_date, n.end_date) for n in p.needs],
        today=today,
    )
    warnings = list(sen.warnings)
    held = by_upn.get(values.get("upn", "")) or by_upn.get(values.get("former_upn", ""))
    if held is None:
        if "year_group" not in values and values.get("dob"):
            values["year_group"] = ctf_rules.year_from_dob(values["dob"], today)
            warnings.append("The file gives no year group; it was worked out from the date of birth.")
        form = dict(values)
        if sen.status:
            form.update(
                sen_status=sen.status,
                sen_start_date=sen.start_date,
                primary_need=sen.primary_need or "",
                secondary_need=sen.secondary_need or "",
            )
        history = sen.history or [ctf_rules.HistoryEntry(today, form.get("sen_status", "N"), None, None)]
    else:
        form = rules.merge_forms(held_as_form(held), values)
        if held["upn"] != values.get("upn"):
            form["former_upn"] = held["upn"]
        held_history = {(h["start_date"], h["status"]) for h in pupil_store.sen_history(actor.db, held["id"])}
        history = [h for h in sen.history if (to_iso(h.start_date), h.status) not in held_history]
        held_start = from_iso(held["sen_start_date"])
        if sen.status and (held_start is None or (sen.start_date and sen.start_date > held_start)):
            form.update(
                sen_status=sen.status,
                sen_start_date=sen.start_date,
                primary_need=sen.primary_need or "",
                secondary_need=sen.secondary_need or "",
            )
        elif sen.status and sen.status != held["sen_status"]:
            warnings.append(
                f"The file's SEN status ({sen.status} from {uk(sen.start_date)}) is older "
                f"than the one held ({held['sen_status']} from {uk(held_start)}); the held "
                "status stays, and the file's entries were added to the history."
            )
    pupil, more = clean_pupil(form, today=today)
    after = _row_values(pupil)
    if held is None:
        return CtfOutcome(p.number, p.name, "add", warnings=warnings + more, history=history, values=after)
    for k in ("left_on", "destination", "notes"):
        after[k] = held[k]
    changes = {k: [held[k], after[k]] for k in pupil_store.PUPIL_COLUMNS if held[k] != after[k]}
    action = "update" if changes or history else "unchanged"
    return CtfOutcome(
        p.number,
        p.name,
        action,
        warnings=warnings + more,
        history=history,
        changes=changes,
        values=after,
        pupil_id=held["id"],
        version=held["version"],
    )


def report_lines(result: CtfResult) -> list[str]:
    lines = [result.headline]
    for o in result.outcomes:
        if o.action == "bad":
            lines.append(f"  Pupil {o.number}: {o.name}: not imported: {' '.join(o.reasons)}")
            continue
        word = {"add": "new", "update": "updated", "unchanged": "no change"}[o.action]
        lines.append(f"  Pupil {o.number}: {o.name} ({word})")
        lines += [f"    {line}" for line in o.came_in()]
        lines += [f"    Check: {w}" for w in o.warnings]
    return lines
