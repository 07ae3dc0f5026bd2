"""The frozen app's entry point (PyInstaller needs a script, not `python -m sencodesk`)."""

import multiprocessing
import sys

from sencodesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless if unused; a frozen child process needs it on Windows
    sys.exit(main())
