"""SQLite through sqlite-utils: the connection, pragmas, migrations and queries. No Tk."""
