"""The layer rules of docs/architecture.md, checked on every module's imports (parsed, not executed)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sencodesk"

FORBIDDEN = {
    "domain": {
        "sencodesk.store",
        "sencodesk.services",
        "sencodesk.ui",
        "sencodesk.reports",
        "sencodesk.cli",
        # the file writer and the machine's errors are I/O: the rules take values, not files
        "sencodesk.outputs",
        "sencodesk.environment",
        "tkinter",
        "ttkbootstrap",
        "sqlite3",
        "sqlite_utils",
        "reportlab",
    },
    "store": {
        "tkinter",
        "ttkbootstrap",
        "sencodesk.ui",
        "sencodesk.services",
        "sencodesk.reports",
        "sencodesk.cli",
    },
    "services": {"sencodesk.ui", "tkinter", "ttkbootstrap", "sencodesk.cli"},
    # The screens never lay out a PDF themselves: a pack loads reportlab only when it is printed.
    "ui": {"sencodesk.store", "sqlite3", "sqlite_utils", "reportlab"},
    # A pack lays out a read model it is given; it never reaches back into the use cases.
    "reports": {
        "sencodesk.store",
        "sencodesk.services",
        "sencodesk.cli",
        "sqlite3",
        "sqlite_utils",
        "sencodesk.ui",
        "tkinter",
        "ttkbootstrap",
    },
    # File formats (CTF, rolls, iCalendar) read and write files from plain values: no database,
    # no use cases, no screens or packs.
    "formats": {
        "sencodesk.store",
        "sencodesk.services",
        "sencodesk.ui",
        "sencodesk.reports",
        "sencodesk.cli",
        "tkinter",
        "ttkbootstrap",
        "sqlite3",
        "sqlite_utils",
        "reportlab",
    },
    "cli": {"sencodesk.store", "sqlite3", "sqlite_utils", "tkinter", "ttkbootstrap"},
    # The demo generator may bulk-write years of history through the store (inside the
    # session's one transaction) for speed; it never talks SQL itself or touches the GUI.
    "demo": {"sqlite3", "sqlite_utils", "sencodesk.ui", "tkinter", "ttkbootstrap"},
}

# Modules beside the layers that every layer above domain/ may use (domain/ may not: it does no
# I/O), so they may use none of those layers themselves: the guarded file writer (store,
# services, reports, formats, the CLI and the screens' save dialogs all go through it) and the
# words for what the machine can cause (a full disk, a read-only folder). The writer words its
# failures with environment; environment never writes, so it does not import the writer.
SHARED_MODULES = {
    "outputs.py": {
        "sencodesk.store",
        "sencodesk.services",
        "sencodesk.ui",
        "sencodesk.reports",
        "sencodesk.cli",
        "sencodesk.formats",
        "sencodesk.demo",
        "tkinter",
        "ttkbootstrap",
        "sqlite3",
        "sqlite_utils",
        "reportlab",
    },
    "environment.py": {
        "sencodesk.store",
        "sencodesk.services",
        "sencodesk.ui",
        "sencodesk.reports",
        "sencodesk.cli",
        "sencodesk.formats",
        "sencodesk.demo",
        "sencodesk.outputs",
        "tkinter",
        "ttkbootstrap",
        "sqlite_utils",
        "reportlab",
    },
}


def imports_of(path: Path) -> set[str]:
    """Absolute names of everything a module imports (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if path.name == "__init__.py":
        module = package
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return found


def breaks(name: str, banned: set[str]) -> bool:
    return any(name == b or name.startswith(b + ".") for b in banned)


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).exists() else []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    wrong = {
        f"{p.relative_to(PACKAGE.parent)} imports {name}"
        for p in modules(layer)
        for name in imports_of(p)
        if breaks(name, FORBIDDEN[layer])
    }
    assert not wrong, "\n".join(sorted(wrong))


def test_the_checker_resolves_relative_imports():
    # The check must be able to fail: services reach the store through "from ..store import".
    found = imports_of(PACKAGE / "services" / "pupils.py")
    assert "sencodesk.store" in found and "sencodesk.store.pupils" in found
    assert breaks("sencodesk.store.pupils", FORBIDDEN["domain"])
    assert not breaks("sencodesk.storeroom", FORBIDDEN["domain"])


def test_every_layer_exists_that_the_rules_name():
    for layer in ("domain", "store", "services", "ui", "reports", "formats", "cli", "demo"):
        assert modules(layer), layer
    for name in SHARED_MODULES:
        assert (PACKAGE / name).is_file(), name


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return name.removesuffix(".__init__")


@pytest.mark.parametrize("layer", ["domain", "services", "reports", "formats"])
def test_no_import_loops_inside_a_layer(layer):
    """A module never imports (even inside a function) one that imports it back, at any distance:
    a loop means the two are one thing or a shared step belongs in a third module."""
    names = {_module_name(p): p for p in modules(layer)}
    arrows = {m: {n for n in imports_of(p) if n in names and n != m} for m, p in names.items()}

    def loop_from(start: str) -> list[str] | None:
        path, seen = [start], set()

        def walk(module: str) -> list[str] | None:
            for nxt in sorted(arrows[module]):
                if nxt == start:
                    return [*path, start]
                if nxt not in seen:
                    seen.add(nxt)
                    path.append(nxt)
                    if found := walk(nxt):
                        return found
                    path.pop()
            return None

        return walk(start)

    loops = {" -> ".join(found) for m in sorted(arrows) if (found := loop_from(m))}
    assert not loops, "\n".join(sorted(loops))


@pytest.mark.parametrize("name", sorted(SHARED_MODULES))
def test_shared_modules_use_no_layer(name):
    wrong = {n for n in imports_of(PACKAGE / name) if breaks(n, SHARED_MODULES[name])}
    assert not wrong, f"{name} imports {sorted(wrong)}"
