"""Small numbers in documents that leave the SEN office: a count from 1 to 4 prints as
"fewer than 5" (and its percentage is left out), so a small group cannot be used to pick out a
child. The governors' summary and the published inclusion strategy both follow this one rule.
"""

from __future__ import annotations

SMALL = 5


def shown(n: int) -> str:
    """A count as a reader outside the SEN office may see it: 0, "fewer than 5", 5, 1,234."""
    return "fewer than 5" if 0 < n < SMALL else f"{n:,}"


def percent(n: int, of: int) -> str:
    """n as a share of `of` ("12.5%"), or "" when n is a small number or there is nothing to share."""
    if of <= 0 or 0 < n < SMALL:
        return ""
    return f"{100 * n / of:.1f}%"
