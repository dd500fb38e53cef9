"""Text from outside the office in the desk window — what citizens typed on the portal,
and whatever a portal or an old database gives as theirs (names, addresses, CCCD, phone,
codes, file names, reasons, the portal's messages).

Such text must not drive the window:

- **Markup.** Qt guesses whether a label, a message box or a tooltip is HTML
  (``Qt.AutoText``): a name ``<img src=…><font size=40>`` would draw an image and a huge
  font, ``<a href>`` a link. A label showing data is ``PlainText`` (``plain``); a label
  that mixes its own markup with data is ``RichText`` (``rich``) and the data in it goes
  through ``escaped``. A tooltip cannot be made plain: ``tooltip`` escapes the data and
  wraps it as HTML, so Qt shows it as the characters it is.
- **Bidi controls** (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) are removed, not
  isolated: U+202E in a CCCD would show the digits after it reversed. Isolating (U+2068 …
  U+2069 around each field) would still need the data's own isolates removed — one U+2069
  in it would close ours — and Vietnamese names and addresses have no use for explicit
  direction marks, so removing them shows every character where it really is. A CCCD and
  a phone number are digits: ``digits`` shows nothing else.
- **Length.** Laying out a 1 MB name froze the window for 22 s. Whatever is shown is cut at
  a few hundred characters with "…" (more of it in the tooltip, cut too), and only a
  bounded head of the text is ever looked at, so a cell is as cheap for 1 MB as for 30.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

SHOWN = 300  # characters of one field in a label, a cell, a title or a field
TIP = 1_000  # characters of one field in its tooltip
TAB = 60  # a tab's title (a dossier's code)
LINE, BLOCK = 1_000, 10_000  # a notice's lines, and the whole notice
ELLIPSIS = "…"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_NO_BIDI = str.maketrans("", "", BIDI_CONTROLS)


def display(text: object, limit: int = SHOWN) -> str:
    """``text`` as the window shows it: without bidi controls, at most ``limit`` characters
    (the last one "…" when it was cut)."""
    raw = "" if text is None else str(text)
    # A head twice the limit is enough to fill ``limit`` after the controls are removed
    # (short of a text that is mostly controls, which is cut regardless).
    head = raw[: 2 * limit].translate(_NO_BIDI)
    if len(head) <= limit and len(raw) <= 2 * limit:
        return head
    return head[: limit - 1] + ELLIPSIS


def display_lines(text: str, line: int = LINE, limit: int = BLOCK) -> str:
    """A text of several lines (a notice to the citizen), each line cut at ``line``
    characters and the whole at ``limit``: one huge line does not hide the lines after it."""
    lines: list[str] = []
    start, size = 0, 0
    while start <= len(text) and size <= limit:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        # Only a bounded slice of each line is copied and looked at.
        lines.append(display(text[start : min(end, start + 2 * line + 1)], line))
        size += len(lines[-1]) + 1
        start = end + 1
    shown = "\n".join(lines)
    if start <= len(text) or len(shown) > limit:  # more than the notice may show
        return shown[: limit - 1] + ELLIPSIS
    return shown


def escaped(text: object, limit: int = SHOWN) -> str:
    """``display(text)`` to put inside a rich-text label's own markup."""
    return html.escape(display(text, limit))


def digits(text: object, limit: int = SHOWN) -> str:
    """A CCCD or a phone number: its ASCII digits only, in order."""
    raw = "" if text is None else str(text)
    return display("".join(c for c in raw[: 2 * limit] if "0" <= c <= "9"), limit)


def tooltip(text: object, limit: int = TIP) -> str:
    """A tooltip showing ``text`` as characters ("" for none): Qt reads every tooltip as
    HTML when it looks like HTML, so the text is escaped inside a paragraph of its own."""
    plain = display(text, limit)
    if not plain:
        return ""
    return "<p>" + html.escape(plain).replace("\n", "<br>") + "</p>"


def tab_title(text: object) -> str:
    """A tab's title: bounded, and "&" shown as itself rather than taken for a shortcut."""
    return display(text, TAB).replace("&", "&&")


def plain(label: QLabel) -> QLabel:
    """``label`` set to show its text as characters, whatever they look like."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def rich(label: QLabel) -> QLabel:
    """``label`` set to read its text as HTML — the data in it must come through
    ``escaped`` — rather than guessing (an escaped ``&lt;`` could otherwise show as is)."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
