"""Numbers people type: whole numbers in a range, read without ever tripping int()'s digit limit.

Python refuses to convert a string of more than 4,300 digits (a ValueError, by design against
slow conversions); a typed answer that long is simply out of range, so it is never converted.
"""
from __future__ import annotations

_MAX_DIGITS = 18     # far below int()'s limit; more than any count or choice number


def number_in(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number from `low` to `high`, or None (not a number, or out of range)."""
    text = text.strip()
    if not text.isdecimal():
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return None
    value = int(digits)
    return value if low <= value <= high else None


def count(text: str) -> int | None:
    """`text` as a whole number of at most 18 digits (a tally, a head count), or None."""
    return number_in(text, 0, 10 ** _MAX_DIGITS - 1)
