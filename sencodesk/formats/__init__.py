"""Outside file formats read and written by SENCO desk: MIS roll exports (CSV/Excel), the
Common Transfer File (XML), calendar files (.ics). Pure parsing/writing of files; no SQL, no
Tk. The services decide what to do with what is read."""
