"""The example LA Word form ships as made by tools/make_la_form.py, so it can be rebuilt."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]


def _text(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]


def test_the_shipped_example_form_is_the_one_the_tool_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("make_la_form", ROOT / "tools" / "make_la_form.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    built = tool.build(tmp_path / "form.docx")
    shipped = ROOT / "assets" / "la_profiles" / "example_eastbridge_form.docx"
    assert _text(built) == _text(shipped)
    assert any("{{ child.name }}" in t for t in _text(shipped))
