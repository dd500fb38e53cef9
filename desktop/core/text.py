"""Text helpers for Vietnamese search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ→d: “Nguyễn Văn Ánh” → “nguyen van anh”.

    Officers type names without diacritics; every searchable name is stored folded.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.lower()).strip()


def digits_only(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
