"""Plain Python: codes, checks, dates, money and the records' shapes. No I/O, no Tk, no SQL."""
