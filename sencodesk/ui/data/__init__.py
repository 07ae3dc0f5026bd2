"""Data in and out: import wizards, backups, transfer packs, subject access."""
