"""CSV that a spreadsheet opens safely: a cell that begins like a formula (=, +, -, @, a tab or a
carriage return) gets a leading apostrophe, so a student's name or speech can never run as one."""
from __future__ import annotations

import csv

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
