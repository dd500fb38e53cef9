"""Text helpers for Vietnamese search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Precomposed Latin letters (Vietnamese uses U+00C0–U+1EFF) mapped to their bare letters:
# one str.translate per name instead of a decomposition, which matters for bulk loads.
_BARE = str.maketrans(
    {chr(c): _strip_marks(chr(c)) for c in range(0xC0, 0x1F00) if _strip_marks(chr(c)) != chr(c)}
)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ→d: “Nguyễn Văn Ánh” → “nguyen van anh”.

    Officers type names without diacritics; every searchable name is stored folded.
    """
    if unicodedata.is_normalized("NFC", text):
        bare = text.translate(_BARE)
    else:  # decomposed input (some keyboards and old systems send it)
        bare = _strip_marks(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", bare.lower()).strip()


def digits_only(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
