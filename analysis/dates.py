"""Dates from metadata strings and from Arabic text, as ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from analysis.camel import normalize
from analysis.lexicons import load_lines

__all__ = ["find_date", "parse_date"]

_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@cache
def _month_regex() -> tuple[re.Pattern[str], dict[str, int]]:
    months: dict[str, int] = {}
    for line in load_lines("months.tsv"):
        name, _, number = line.partition("\t")
        months[normalize(name)] = int(number)
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({names})\s*(?:/\s*\S+\s+)?(?:سنة\s+|عام\s+)?(\d{{4}})(?!\d)")
    return pattern, months


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """A metadata date string → ISO date, or None: ``"2024-03-15T10:00:00+01:00"`` → ``"2024-03-15"``."""
    value = (value or "").strip().translate(_ARABIC_DIGITS)
    if not value:
        return None
    if m := _ISO_RE.search(value):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    return find_date(value)


def find_date(text: str, *, window: int = 3000) -> str | None:
    """The first date written in the text (Arabic month names or numeric), or None.

    >>> find_date("تونس، الأربعاء 18 جانفي 2017 (وات)")
    '2017-01-18'
    """
    head = normalize(text[:window]).translate(_ARABIC_DIGITS)
    pattern, months = _month_regex()
    found: list[tuple[int, str]] = []
    if (m := pattern.search(head)) and (iso := _valid(int(m[3]), months[m[2]], int(m[1]))):
        found.append((m.start(), iso))
    if (m := _ISO_RE.search(head)) and (iso := _valid(int(m[1]), int(m[2]), int(m[3]))):
        found.append((m.start(), iso))
    if (m := _DMY_RE.search(head)) and (iso := _valid(int(m[3]), int(m[2]), int(m[1]))):
        found.append((m.start(), iso))
    return min(found)[1] if found else None
