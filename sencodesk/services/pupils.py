"""Pupils on roll: add, edit, find, list the register, mark leavers. Never a hard delete here."""

from __future__ import annotations

from dataclasses import MISSING, asdict, fields, replace
from datetime import date
from typing import Any

from ..domain import codes
from ..domain import field_access as access
from ..domain.cycles import is_overdue
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import NotFound, PermissionDenied, ValidationError
from ..domain.pupil import FLAG_LABELS, Contact, Pupil, RegisterRow, SenEntry, clean_pupil
from ..domain.users import ROLES
from ..store import pupils as store
from .actor import Actor
from .conflicts import stale
from .support_layers import support_layers

# The record's dates: ISO in the database, DD/MM/YYYY on a form and in the history's words.
DATE_FIELDS = ("dob", "admission_date", "sen_start_date", "left_on", "attendance_as_at")

FIELD_LABELS = {
    "upn": "UPN",
    "former_upn": "former UPN",
    "legal_surname": "legal surname",
    "legal_forename": "legal forename",
    "preferred_surname": "preferred surname",
    "preferred_forename": "preferred forename",
    "dob": "date of birth",
    "gender": "gender",
    "year_group": "year group",
    "class_name": "class",
    "admission_date": "admission date",
    "sen_status": "SEN status",
    "sen_start_date": "SEN status start date",
    "primary_need": "primary need",
    "secondary_need": "secondary need",
    "notes": "notes",
    "left_on": "leaving date",
    "destination": "destination",
    "contacts": "contacts",
    "home_language": "home language",
    "attendance_pct": "attendance",
    "attendance_as_at": "attendance 'as at' date",
    "support_layer": "support layer",
} | {k: v.lower() if k != "eal" else v for k, v in FLAG_LABELS.items()}


def _row_values(p: Pupil) -> dict[str, Any]:
    values = {k: getattr(p, k) for k in store.PUPIL_COLUMNS}
    for k in DATE_FIELDS:
        values[k] = to_iso(values[k])
    for k in ("pupil_premium", "eal", "looked_after", "fsm"):
        values[k] = int(values[k])
    return values


def _contact_rows(p: Pupil) -> list[dict]:
    return [
        {
            "name": c.name,
            "relationship": c.relationship,
            "phone": c.phone,
            "email": c.email,
            "parental_responsibility": int(c.parental_responsibility),
            "first_language": c.first_language,
            "interpreter_needed": int(c.interpreter_needed),
        }
        for c in p.contacts
    ]


def _check_unique_upn(actor: Actor, upn: str, except_id: int | None) -> None:
    other = store.upn_taken(actor.db, upn, except_id)
    if other:
        who = f"{other['legal_forename']} {other['legal_surname']}"
        left = " (a leaver)" if other["left_on"] else ""
        raise ValidationError(
            {"upn": f"UPN {upn} already belongs to {who}{left}. Each pupil has their own UPN."}
        )


def _shown(field: str, value: Any) -> str:
    if value in (None, ""):
        return "(blank)"
    if field in DATE_FIELDS:
        return uk(value)
    if field in ("pupil_premium", "eal", "looked_after", "fsm"):
        return "yes" if value else "no"
    if field == "year_group":
        return codes.year_label(value)
    if field == "attendance_pct":
        return f"{value:g}%"
    return str(value)


def describe_changes(changes: dict[str, list]) -> str:
    """'changed primary need from MLD to SPLD; changed class from 4B to 4C' for the history tab."""
    parts = []
    for field, (old, new) in changes.items():
        label = FIELD_LABELS.get(field, field.replace("_", " "))
        if field == "contacts":
            parts.append("changed the parent/carer contacts")
        elif field == "notes":  # free text (up to 50,000 characters): kept in the changes, not the summary
            parts.append("changed the notes")
        else:
            parts.append(f"changed {label} from {_shown(field, old)} to {_shown(field, new)}")
    return "; ".join(parts)


def add_pupil(actor: Actor, form: dict, *, today: date | None = None) -> tuple[int, list[str]]:
    """Add a pupil from a filled-in form. Returns (id, warnings). Bad input: ValidationError."""
    actor.require("pupil.edit_basic")
    pupil, warnings = clean_pupil(form, today=today)
    _refuse_unwritable(actor, _blank_row(), _row_values(pupil), contacts=bool(pupil.contacts))
    _check_layer(actor, "", pupil.support_layer)
    with actor.write() as db:
        _check_unique_upn(actor, pupil.upn, None)
        pupil_id = store.insert(db, _row_values(pupil), actor.user.display_name)
        store.replace_contacts(db, pupil_id, _contact_rows(pupil))
        store.add_sen_history(
            db,
            pupil_id,
            to_iso(pupil.sen_start_date or pupil.admission_date or today or date.today()),
            pupil.sen_status,
            pupil.primary_need,
            pupil.secondary_need,
            actor.user.display_name,
        )
        actor.audit(
            "create",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"added {pupil.display_name} ({codes.year_label(pupil.year_group)})",
            changes={k: [None, v] for k, v in _row_values(pupil).items() if v not in (None, "", 0)},
        )
    return pupil_id, warnings


def add_pupils(actor: Actor, forms: list[dict], today: date | None = None) -> list[int]:
    """Add many pupils at once (demo school, roll import): all or nothing, in ONE transaction.

    Every form is checked first; any wrong row (including a UPN already held by a pupil, a
    leaver, or another row of the batch) refuses the whole batch with a message naming the row.
    """
    actor.require("pupil.edit_basic")
    cleaned: list[Pupil] = []
    errors: dict[str, str] = {}
    for number, form in enumerate(forms, start=1):
        try:
            pupil, _ = clean_pupil(form, today=today)
        except ValidationError as e:
            name = f"{_text_of(form, 'legal_forename')} {_text_of(form, 'legal_surname')}".strip()
            for field, message in e.field_errors.items():
                errors[f"row {number}.{field}"] = f"Row {number} ({name or 'no name'}): {message}"
            continue
        cleaned.append(pupil)
    if errors:
        raise ValidationError(errors)
    blank = _blank_row()
    for pupil in cleaned:
        _refuse_unwritable(actor, blank, _row_values(pupil), contacts=bool(pupil.contacts))
        _check_layer(actor, "", pupil.support_layer)
    day = today or date.today()
    ids: list[int] = []
    with actor.write() as db:
        holders = store.upn_holders(db)  # one query, not one per row
        seen: dict[str, int] = {}
        for number, pupil in enumerate(cleaned, start=1):
            other = holders.get(pupil.upn)
            if other:
                left = " (a leaver)" if other["left_on"] else ""
                errors[f"row {number}.upn"] = (
                    f"Row {number} ({pupil.display_name}): UPN {pupil.upn} already belongs to "
                    f"{other['legal_forename']} {other['legal_surname']}{left}. Each pupil has their own UPN."
                )
            elif pupil.upn in seen:
                errors[f"row {number}.upn"] = (
                    f"Row {number} ({pupil.display_name}): UPN {pupil.upn} is also on row "
                    f"{seen[pupil.upn]}. Each pupil has their own UPN."
                )
            seen.setdefault(pupil.upn, number)
        if errors:
            raise ValidationError(errors)
        for pupil in cleaned:
            values = _row_values(pupil)
            pupil_id = store.insert(db, values, actor.user.display_name)
            store.replace_contacts(db, pupil_id, _contact_rows(pupil))
            store.add_sen_history(
                db,
                pupil_id,
                to_iso(pupil.sen_start_date or pupil.admission_date or day),
                pupil.sen_status,
                pupil.primary_need,
                pupil.secondary_need,
                actor.user.display_name,
            )
            actor.audit(
                "create",
                "pupil",
                pupil_id,
                pupil_id=pupil_id,
                summary=f"added {pupil.display_name} ({codes.year_label(pupil.year_group)})",
                changes={k: [None, v] for k, v in values.items() if v not in (None, "", 0)},
            )
            ids.append(pupil_id)
    return ids


def _text_of(form: dict, key: str) -> str:
    return str(form.get(key) or "").strip()


SEN_FIELDS = ("sen_status", "sen_start_date", "primary_need", "secondary_need")


def _load_pupil(actor: Actor, pupil_id: int) -> Pupil:
    """The whole record, SEN included: for the services' own checks, never handed out as is."""
    actor.require_pupil(pupil_id, "pupil.read")
    row = store.get(actor.db, pupil_id)
    if row is None:
        raise NotFound("That pupil is not in SENCO desk (they may have been deleted).")
    return _to_pupil(row, store.contacts(actor.db, pupil_id), store.sen_history(actor.db, pupil_id))


def _blank_row() -> dict[str, Any]:
    """A new pupil's row before anything is typed: what "not written" means on an add."""
    defaults = {f.name: f.default for f in fields(Pupil) if f.default is not MISSING}
    return {k: defaults.get(k) for k in store.PUPIL_COLUMNS} | {
        k: 0 for k in ("pupil_premium", "eal", "looked_after", "fsm")
    }


def _refuse_unwritable(actor: Actor, before: dict, after: dict, *, contacts: bool = False) -> None:
    """PermissionDenied, before anything is written, if the form changes a field this role may not
    write (field_access): the office keeps the roll, not SEN status, needs or the SENCO's notes."""
    changed = [k for k in after if before.get(k) != after[k]]
    if contacts:
        changed.append("contacts")
    refused = [k for k in changed if not actor.may_write(_field_of(k))]
    if not refused:
        return
    if any(k in SEN_FIELDS for k in refused):
        raise PermissionDenied("Only the SENCO can change a pupil's SEN status or needs. Nothing was saved.")
    words = " and ".join(FIELD_LABELS.get(k, k) for k in refused)
    raise PermissionDenied(f"Only the SENCO can change a pupil's {words}. Nothing was saved.")


def _check_layer(actor: Actor, before: str, after: str) -> None:
    """A layer newly chosen must be one of the school's (Settings); one already held stays."""
    if after and after != before and after not in (layers := support_layers(actor)):
        raise ValidationError(
            {"support_layer": f"'{after}' is not one of the school's support layers ({', '.join(layers)})."}
        )


def _field_of(key: str) -> str:
    """The field_access name of a pupil form/row key (the contacts list: its own table)."""
    return "contacts.name" if key == "contacts" else f"pupils.{key}"


def _hidden_keys(actor: Actor) -> frozenset[str]:
    """The pupil fields (and the SEN history) this role may not read."""
    hidden = set(access.unreadable(actor.user.role, "pupils"))
    if not actor.may_read("sen_history.status"):
        hidden.add("sen_history")
    return frozenset(hidden)


def _for_reader(actor: Actor, pupil: Pupil) -> Pupil:
    """The record as this role may see it: each field it may not read says HIDDEN (never '',
    which would read as "nothing recorded"), and `hidden` names them."""
    hidden = _hidden_keys(actor)
    if not hidden:
        return pupil
    # Fields kept beside the record (the census indicators: services/census_check) are redacted
    # where they are read, so only the record's own fields are replaced here.
    own = {f.name for f in fields(Pupil)}
    values: dict[str, Any] = {k: access.HIDDEN for k in hidden if k in own and k != "sen_history"}
    if "sen_history" in hidden:
        values["sen_history"] = []
    return replace(pupil, **values, hidden=hidden)


def get_pupil(actor: Actor, pupil_id: int) -> Pupil:
    """The pupil's record as the acting person's role may see it (field_access)."""
    return _for_reader(actor, _load_pupil(actor, pupil_id))


def _keep_hidden(actor: Actor, current: Pupil, form: dict) -> dict:
    """For someone who may not read some fields: those come back as HIDDEN or blank, meaning
    'unchanged'. Anything typed there is refused, whatever it is (refusing only a value that
    differs would let them test a guess at a pupil's need), and nothing is saved."""
    hidden = [k for k in store.PUPIL_COLUMNS if k in _hidden_keys(actor)]
    if not hidden:
        return form
    typed = [k for k in hidden if form.get(k) not in (None, "") and not access.is_hidden(form.get(k))]
    if any(k in SEN_FIELDS for k in typed):
        raise PermissionDenied("Only the SENCO can change a pupil's SEN status or needs. Nothing was saved.")
    if typed:
        words = " and ".join(FIELD_LABELS.get(k, k) for k in typed)
        raise PermissionDenied(f"A pupil's {words} are kept by the SENCO. Nothing was saved.")
    real = pupil_form(current)
    return form | {k: real[k] for k in hidden}


def find_pupil_by_upn(actor: Actor, upn: str) -> Pupil:
    """For the command line: the pupil holding this UPN (or this former UPN).

    The UPN's shape is checked first: a blank or mistyped one must never match the first pupil
    whose former UPN is blank, and act on (or export) the wrong child."""
    from ..domain.upn import has_upn_shape, normalise

    if not has_upn_shape(upn):
        given = (upn or "").strip()
        raise ValidationError(
            {
                "upn": (f"'{given}' is not a UPN. " if given else "No UPN was given. ")
                + "A UPN has 13 characters: a letter, 11 digits, then a digit or a letter "
                "(such as H801200001001). Nothing was done."
            }
        )
    pupil_id = store.id_for_upn(actor.db, normalise(upn))
    if pupil_id is None:
        raise NotFound(f"No pupil has the UPN {normalise(upn)}.")
    return get_pupil(actor, pupil_id)


def _to_pupil(row: dict, contacts: list[dict], history: list[dict]) -> Pupil:
    values = {k: row[k] for k in store.PUPIL_COLUMNS}
    for k in DATE_FIELDS:
        values[k] = from_iso(values[k])
    for k in ("pupil_premium", "eal", "looked_after", "fsm"):
        values[k] = bool(values[k])
    return Pupil(
        **values,
        id=row["id"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        contacts=[
            Contact(
                name=c["name"],
                relationship=c["relationship"],
                phone=c["phone"],
                email=c["email"],
                parental_responsibility=bool(c["parental_responsibility"]),
                id=c["id"],
                first_language=c["first_language"],
                interpreter_needed=bool(c["interpreter_needed"]),
            )
            for c in contacts
        ],
        sen_history=[
            SenEntry(
                start_date=date.fromisoformat(h["start_date"]),
                status=h["status"],
                primary_need=h["primary_need"],
                secondary_need=h["secondary_need"],
                recorded_by=h["recorded_by"],
                recorded_at=h["recorded_at"],
                id=h["id"],
            )
            for h in history
        ],
    )


def pupil_form(pupil: Pupil) -> dict[str, Any]:
    """A pupil as the strings a form shows (the inverse of clean_pupil)."""
    form = {k: getattr(pupil, k) for k in store.PUPIL_COLUMNS}
    for k in DATE_FIELDS:
        if k not in pupil.hidden:
            form[k] = uk(form[k])
    if "attendance_pct" not in pupil.hidden:
        form["attendance_pct"] = "" if pupil.attendance_pct is None else f"{pupil.attendance_pct:g}"
    form["primary_need"] = form["primary_need"] or ""
    form["secondary_need"] = form["secondary_need"] or ""
    form["contacts"] = [asdict(c) for c in pupil.contacts]
    return form


def update_pupil(
    actor: Actor, pupil_id: int, version: int, form: dict, *, today: date | None = None
) -> list[str]:
    """Save an edited pupil. Refused (Conflict, nothing lost) if someone saved since `version`."""
    actor.require("pupil.edit_basic")
    current = _load_pupil(actor, pupil_id)
    form = _keep_hidden(actor, current, form)
    pupil, warnings = clean_pupil(form, today=today)
    before, after = _row_values(current), _row_values(pupil)
    for k in ("left_on", "destination"):  # leaving is its own action, not a form field
        after[k] = before[k]
    _refuse_unwritable(actor, before, after, contacts=_contact_rows(current) != _contact_rows(pupil))
    _check_layer(actor, current.support_layer, pupil.support_layer)
    sen_changed = any(before[k] != after[k] for k in SEN_FIELDS)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if _contact_rows(current) != _contact_rows(pupil):
        changes["contacts"] = [_contact_rows(current), _contact_rows(pupil)]
    if not changes:
        return warnings
    with actor.write() as db:
        if pupil.upn != current.upn:
            _check_unique_upn(actor, pupil.upn, pupil_id)
        if not store.update(db, pupil_id, version, after, actor.user.display_name):
            raise stale(actor, "pupils", pupil_id)
        if "contacts" in changes:
            store.replace_contacts(db, pupil_id, _contact_rows(pupil))
        if sen_changed:
            status_or_need_changed = any(
                before[k] != after[k] for k in ("sen_status", "primary_need", "secondary_need")
            )
            start = after["sen_start_date"] if after["sen_status"] != before["sen_status"] else None
            if status_or_need_changed:
                store.add_sen_history(
                    db,
                    pupil_id,
                    start or to_iso(today or date.today()),
                    after["sen_status"],
                    after["primary_need"],
                    after["secondary_need"],
                    actor.user.display_name,
                )
        actor.audit(
            "update", "pupil", pupil_id, pupil_id=pupil_id, summary=describe_changes(changes), changes=changes
        )
    return warnings


def mark_leaver(
    actor: Actor, pupil_id: int, version: int, left_on: str | date, destination: str = ""
) -> None:
    """A pupil leaves: archived and kept (hidden from the register unless 'show leavers')."""
    actor.require("pupil.archive")
    day = parse_date(left_on, "left_on", label="Leaving date")
    if day is None:
        raise ValidationError({"left_on": "Leaving date is required."})
    current = _load_pupil(actor, pupil_id)
    if current.admission_date and day < current.admission_date:
        raise ValidationError({"left_on": "The leaving date is before the pupil's admission date."})
    values = {"left_on": to_iso(day), "destination": destination.strip()}
    with actor.write() as db:
        if not store.update(db, pupil_id, version, values, actor.user.display_name):
            raise stale(actor, "pupils", pupil_id)
        actor.audit(
            "archive",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"marked {current.display_name} as left on {uk(day)}"
            + (f" (to {destination.strip()})" if destination.strip() else ""),
            changes={"left_on": [None, values["left_on"]], "destination": ["", values["destination"]]},
        )


def reinstate_pupil(actor: Actor, pupil_id: int, version: int) -> None:
    """Undo a leaver mark made in error: the pupil is back on roll."""
    actor.require("pupil.archive")
    current = _load_pupil(actor, pupil_id)
    if not current.is_leaver:
        # Otherwise the history would say "put back on roll" about a pupil who never left.
        raise ValidationError({"left_on": f"{current.display_name} is on roll already, not a leaver."})
    with actor.write() as db:
        if not store.update(
            db, pupil_id, version, {"left_on": None, "destination": ""}, actor.user.display_name
        ):
            raise stale(actor, "pupils", pupil_id)
        actor.audit(
            "update",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"put {current.display_name} back on roll",
            changes={"left_on": [to_iso(current.left_on), None]},
        )


def list_register(
    actor: Actor, *, include_leavers: bool = True, today: date | None = None, sen_status: str | None = None
) -> list[RegisterRow]:
    """Every pupil's register line (only those with `sen_status`, when given). The register
    screen filters these in memory per keystroke.

    next_review is the open cycle's review date; review_overdue when it has passed unreviewed.
    """
    actor.require("register.read")
    # The office keeps the roll, not SEN detail: HIDDEN, never a blank that reads as "no SEN".
    sen = actor.may_read("pupils.sen_status")
    if sen_status is not None and not sen:
        # A list by a status the role cannot see would be empty: "0 pupils" is a false statement.
        raise PermissionDenied(
            f"Pupils' SEN status is kept by the SENCO: your role ({ROLES[actor.user.role]}) does not "
            "see it, so pupils cannot be listed by it."
        )
    visible = actor.visible_pupil_ids()
    today = today or date.today()
    review = actor.may_read("cycles.review_date")
    layer = actor.may_read("pupils.support_layer")
    return [
        RegisterRow(
            id=r["id"],
            upn=r["upn"],
            surname=r["surname"],
            forename=r["forename"],
            year_group=r["year_group"],
            class_name=r["class_name"],
            sen_status=r["sen_status"] if sen else access.HIDDEN,
            primary_need=r["primary_need"] if sen else access.HIDDEN,
            secondary_need=r["secondary_need"] if sen else access.HIDDEN,
            left=r["left_on"] is not None,
            next_review=r["next_review"] if review else access.HIDDEN,
            review_overdue=review and r["left_on"] is None and is_overdue("open", r["next_review"], today),
            support_layer=r["support_layer"] if layer else access.HIDDEN,
        )
        for r in store.register_rows(actor.db, include_leavers=include_leavers)
        if (visible is None or r["id"] in visible) and sen_status in (None, r["sen_status"])
    ]


def register_counts(actor: Actor) -> dict[str, int]:
    """Pupils on roll and on the register (K and E), leavers excluded; a teacher counts their own
    pupils only. Only "pupils" for a role that may not read SEN status (how many are on the
    register is itself SEN information)."""
    actor.require("register.read")
    visible = actor.visible_pupil_ids()
    counts = store.counts(actor.db, None if visible is None else sorted(visible))
    return counts if actor.may_read("pupils.sen_status") else {"pupils": counts["pupils"]}


def change_sen_status(
    actor: Actor,
    pupil_id: int,
    status: str,
    start_date: str | date,
    *,
    primary_need: str | None = None,
    secondary_need: str | None = None,
    reason: str = "",
) -> None:
    """Change a pupil's SEN status from a date, keeping the dated history (K->E keeps K's entry).

    Used by the use cases that move a pupil on or off the register (start SEN support, close a
    cycle, an EHC plan issued). Needs default to the pupil's current ones; census rules apply.
    Call inside the caller's `actor.write()` so the whole use case is one transaction.
    """
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    current = _load_pupil(actor, pupil_id)
    day = parse_date(start_date, "sen_start_date", label="Date the SEN status starts")
    if day is None:
        raise ValidationError({"sen_start_date": "The date the SEN status starts is required."})
    if status == "N":
        primary, secondary = None, None
    else:
        primary = primary_need if primary_need is not None else current.primary_need
        secondary = secondary_need if secondary_need is not None else current.secondary_need
    from ..domain import census

    issues = census.check_sen(status, census.needs_of(primary, secondary))
    if issues:
        raise ValidationError({issues[0].field: f"{issues[0].message} {issues[0].fix}"})
    before = {
        "sen_status": current.sen_status,
        "sen_start_date": to_iso(current.sen_start_date),
        "primary_need": current.primary_need,
        "secondary_need": current.secondary_need,
    }
    after = {
        "sen_status": status,
        "sen_start_date": to_iso(day),
        "primary_need": primary,
        "secondary_need": secondary,
    }
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return
    with actor.write() as db:
        if not store.update(db, pupil_id, current.version, after, actor.user.display_name):
            raise stale(actor, "pupils", pupil_id)
        store.add_sen_history(db, pupil_id, to_iso(day), status, primary, secondary, actor.user.display_name)
        actor.audit(
            "update",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary=describe_changes(changes) + (f" ({reason})" if reason else ""),
            changes=changes,
        )
