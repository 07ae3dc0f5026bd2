"""A pupil's record window and its tabs."""
