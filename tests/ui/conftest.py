"""GUI tests: ONE withdrawn ttkbootstrap App for the whole session (ttkbootstrap allows one
root per process), and per test a main window on a real school that is torn down after."""

from __future__ import annotations

import pytest
import ttkbootstrap as ttk

from sencodesk.ui import appearance, dialogs
from sencodesk.ui.app import build_main_window
from tests.ui import role_views
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def app():
    root = ttk.App(title="SENCO desk tests", theme="bootstrap-light")
    root.withdraw()
    root.tk.call("tk", "scaling", 96 / 72)
    dialogs.testing.active = True  # message boxes are recorded, never block
    yield root
    root.destroy()


@pytest.fixture
def root(app):
    """The shared root, cleaned of whatever the test built; theme and text size restored."""
    dialogs.testing.reset()
    yield app
    app.withdraw()
    for child in list(app.winfo_children()):
        child.destroy()
    appearance.apply_theme(app, "light")
    appearance.apply_text_scale(app, 100)
    app.title("SENCO desk tests")
    pump(app)


@pytest.fixture
def main(root, actor):
    window = build_main_window(actor, root)
    pump(root)
    return window


@pytest.fixture
def role_school(actor):
    """The role tests' school (tests/ui/role_views.py): a teacher, their pupil and another."""
    return role_views.role_school(actor)
