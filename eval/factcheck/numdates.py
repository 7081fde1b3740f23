"""Dates written in figures and clock times: pure helpers under :mod:`sumcheck.factcheck.numbers`.

Dates in figures (:func:`figure_date`):

* ISO 8601 ``YYYY-MM-DD`` (also with ``/`` or ``.``): always year, month, day;
* day/month/year and month/day/year with ``/``, ``-`` or ``.`` (``15/4/2019``, ``15-04-2019``,
  ``15.04.19``; with ``-`` or ``.`` and a two-digit year, day and month take two digits each: ``3.10.12``
  is a version number). The order is settled when one of the first two numbers is above 12 (it is the day);
  otherwise, with two different numbers, both readings are kept (``03/04/2021`` is 3 April or March
  4) and the mention says so;
* two-digit years take the POSIX ``strptime`` ``%y`` pivot (``69``-``99`` are 1969-1999, ``00``-``68``
  are 2000-2068; the Open Group Base Specifications, strptime, ``%y``);
* an impossible date (``31/02/2021``, month 13 either way) is no date: the caller leaves it alone.

A date is never read as a range (``2021-03-04`` is not 2021-2003) nor as a decimal (``15.4.2019``).

Clock times are minutes after midnight (:func:`clock_minutes`): 12am is 00:00 and 12pm is 12:00
(the 12-hour clock's convention, as in NIST's "12 a.m. and 12 p.m." note and Python's ``%I %p``);
``noon``/``midday`` are 12:00, ``midnight`` 00:00.

>>> figure_date("on 2021-03-04.", 3)
(13, (20210304,), 'ymd')
>>> figure_date("15/4/19", 0)
(7, (20190415,), 'dmy')
>>> figure_date("03/04/2021", 0)
(10, (20210403, 20210304), 'either')
>>> figure_date("31/02/2021", 0)
(10, (), '')
>>> clock_minutes(12, 0, "am"), clock_minutes(12, 30, "pm"), clock_minutes(9, 45, "pm")
(0, 750, 1305)
"""

from __future__ import annotations

import calendar
import re

# One regular expression, anchored at a digit token, no nested quantifiers (linear): the separator
# is captured once and must repeat (``15/4-2019`` is not a date), and no digit or ``[-/.]digit``
# may follow (``1.2.3.4`` and ``4-2-3-1`` are not dates).
_FIGURE_DATE = re.compile(
    r"(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P=s1)(?P<d>[0-9]{1,2})(?![0-9]|[-/.][0-9])"
    r"|(?P<a>[0-9]{1,2})(?P<s2>[-/.])(?P<b>[0-9]{1,2})(?P=s2)(?P<yy>[0-9]{4}|[0-9]{2})(?![0-9]|[-/.][0-9])"
)
# POSIX strptime %y: values 69-99 refer to 1969-1999, 00-68 to 2000-2068.
_PIVOT = 69
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def full_year(text: str) -> int:
    """``"19"`` -> 2019, ``"98"`` -> 1998 (POSIX ``%y`` pivot), ``"2019"`` -> 2019."""
    y = int(text)
    if len(text) == 2:
        return y + (1900 if y >= _PIVOT else 2000)
    return y


def figure_date(text: str, pos: int) -> tuple[int, tuple[int, ...], str] | None:
    """A date written in figures starting at character ``pos`` of ``text``: ``(end, values, order)``
    with each value ``YYYYMMDD`` (day first when both orders are possible) and ``order`` one of
    ``"ymd"`` (ISO), ``"dmy"``, ``"mdy"`` (settled by a number above 12), ``"either"`` (both readings
    kept) or ``""`` (day and month equal, or no valid reading). ``values`` is empty for a date-shaped
    string that is no date (``31/02/2021``); None when there is no date shape at ``pos`` (or a digit,
    or a digit and a separator, come right before it: part of a longer string).
    """
    if pos > 0 and (text[pos - 1].isdigit() or (text[pos - 1] in "-/." and pos > 1 and text[pos - 2].isdigit())):
        return None
    m = _FIGURE_DATE.match(text, pos)
    if m is None:
        return None
    if m.group("y") is not None:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        return m.end(), ((y * 10000 + mo * 100 + d,) if 1000 <= y and _valid(y, mo, d) else ()), "ymd"
    if m.group("s2") != "/" and len(m.group("yy")) == 2 and (len(m.group("a")) < 2 or len(m.group("b")) < 2):
        return None  # "3.10.12", "4-4-22": a version number or a formation more often than a date
    a, b, y = int(m.group("a")), int(m.group("b")), full_year(m.group("yy"))
    if y < 1000:
        return m.end(), (), ""  # "1/1/0000"
    out = []
    if _valid(y, b, a):
        out.append(y * 10000 + b * 100 + a)  # day first
    if a != b and _valid(y, a, b):
        out.append(y * 10000 + a * 100 + b)  # month first
    if len(out) == 2:
        order = "either"
    elif out and a != b:
        order = "dmy" if out[0] % 100 == a else "mdy"
    else:
        order = ""
    return m.end(), tuple(out), order


def date_words(ymd: int) -> str:
    """``20210403`` -> ``"3 April 2021"`` (for reasons)."""
    y, mo, d = ymd // 10000, (ymd // 100) % 100, ymd % 100
    return f"{d} {MONTH_NAMES[mo - 1]} {y}"


def clock_minutes(hour: int, minute: int, half: str | None) -> int:
    """Minutes after midnight of ``hour:minute`` on the 12-hour clock (``half`` ``"am"``/``"pm"``) or,
    with ``half`` None, the 24-hour clock. 12am is 0 (midnight), 12pm is 720 (noon)."""
    if half == "am" and hour == 12:
        hour = 0
    elif half == "pm" and hour < 12:
        hour += 12
    return hour * 60 + minute


def clock_words(minutes: int) -> str:
    """``1305`` -> ``"21:45"`` (for reasons)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
