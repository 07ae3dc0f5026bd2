"""Reading a Common Transfer File (CTF) from another school (reference/domain.md §5).

Read by element name, tolerant of versions: `Gender` (CTF 12-20) or `Sex` (CTF 25), names
either directly under `Pupil` or in `BasicDetails`, one or many `SEN` entries, `SENneeds/SENneed`
with `SENtypeRank` and `SENtype`, need dates when present. Parsed with defusedxml: a file
declaring entities (billion laughs, external entities) or any DTD is refused, never expanded.
Values come out as the file's text; domain rules decide what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..domain.errors import UserError

MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class CtfSen:
    start_date: str
    provision: str
    end_date: str = ""


@dataclass(frozen=True)
class CtfNeed:
    rank: str
    type: str
    start_date: str = ""
    end_date: str = ""


@dataclass
class CtfPupil:
    number: int  # its place in the file (1 = first pupil), for messages
    upn: str = ""
    former_upn: str = ""
    surname: str = ""
    forename: str = ""
    preferred_surname: str = ""
    preferred_forename: str = ""
    dob: str = ""
    gender: str = ""
    year_group: str = ""
    sen: list[CtfSen] = field(default_factory=list)
    needs: list[CtfNeed] = field(default_factory=list)

    @property
    def name(self) -> str:
        return (
            f"{self.preferred_forename or self.forename} {self.preferred_surname or self.surname}".strip()
            or f"(pupil {self.number}, no name)"
        )


@dataclass
class CtfFile:
    name: str
    version: str
    source_school: str
    source_la: str
    source_estab: str
    pupils: list[CtfPupil]


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Element | None, name: str) -> Element | None:
    if el is None:
        return None
    return next((c for c in el if _local(c.tag) == name), None)


def _children(el: Element | None, name: str) -> list[Element]:
    return [] if el is None else [c for c in el if _local(c.tag) == name]


def _text(el: Element | None, *path: str) -> str:
    for name in path:
        el = _child(el, name)
    return (el.text or "").strip() if el is not None else ""


def read_ctf(path: str | Path) -> CtfFile:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"SENCO desk cannot find the file {path}.")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path.name} is too large to be a Common Transfer File.")
    return parse_ctf(path.read_bytes(), name=path.name)


def parse_ctf(data: bytes, *, name: str = "file") -> CtfFile:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise UserError(
            f"{name} was refused: it contains XML declarations (a DTD or entities) that a Common "
            "Transfer File never needs and that can be used to attack a computer. Nothing has been "
            "imported. Ask the sending school for a fresh CTF from their MIS."
        ) from e
    except ParseError as e:
        line = getattr(e, "position", (None,))[0]
        where = f" (the problem is near line {line})" if line else ""
        raise UserError(
            f"{name} is not a complete XML file{where}; it may be cut short or not a "
            "CTF. Nothing has been imported. Ask the sending school to send it again."
        ) from e
    if _local(root.tag) != "CTfile":
        raise UserError(
            f"{name} is an XML file but not a Common Transfer File (it should start "
            f"with <CTfile>, not <{_local(root.tag)}>). Nothing has been imported."
        )
    header = _child(root, "Header")
    source = _child(header, "SourceSchool")
    pupils_el = _child(root, "CTFpupilData")
    pupils = [_pupil(i, p) for i, p in enumerate(_children(pupils_el, "Pupil"), start=1)]
    return CtfFile(
        name=name,
        version=_text(header, "CTFversion"),
        source_school=_text(source, "SchoolName"),
        source_la=_text(source, "LEA"),
        source_estab=_text(source, "Estab"),
        pupils=pupils,
    )


def _pupil(number: int, el: Element) -> CtfPupil:
    basic = _child(el, "BasicDetails")

    def either(name: str) -> str:
        """A field may sit under Pupil or under BasicDetails, depending on the version."""
        return _text(el, name) or _text(basic, name)

    pupil = CtfPupil(
        number=number,
        upn=either("UPN"),
        former_upn=either("FormerUPN"),
        surname=either("Surname"),
        forename=either("Forename"),
        preferred_surname=either("PreferredSurname"),
        preferred_forename=either("PreferredForename"),
        dob=either("DOB"),
        gender=either("Gender") or either("Sex"),
        year_group=either("NCyearActual"),
    )
    # SENhistory normally sits under Pupil; some files put SEN blocks straight under it.
    for holder in [el, *_children(el, "SENhistory")]:
        for sen in _children(holder, "SEN"):
            pupil.sen.append(
                CtfSen(_text(sen, "StartDate"), _text(sen, "SENprovision"), _text(sen, "EndDate"))
            )
        for needs in _children(holder, "SENneeds"):
            for need in _children(needs, "SENneed"):
                pupil.needs.append(
                    CtfNeed(
                        _text(need, "SENtypeRank"),
                        _text(need, "SENtype"),
                        _text(need, "NeedStartDate") or _text(need, "StartDate"),
                        _text(need, "NeedEndDate") or _text(need, "EndDate"),
                    )
                )
    return pupil
