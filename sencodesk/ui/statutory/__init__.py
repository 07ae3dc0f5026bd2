"""Screens and dialogs for the statutory side: EHC needs assessment requests, consultations,
EHC plans, annual reviews and the school-wide deadlines."""
