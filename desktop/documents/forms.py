"""Bộ mẫu giấy tờ — the national form sets, versioned by legal basis and effective date.

A set is data, ``resources/documents/forms-<year>.json`` (its legal basis, the day it
applies from, and per kind of paper its number, title and every label), plus the one
drawing module the data names. The set a dossier's papers follow is the one in force on
the day the dossier was received. Adding a set is a new JSON file and its module; nothing
else in the code names a set.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Protocol

from desktop.core.lifecycle import DomainError
from desktop.paths import resources_dir


class Drawing(Protocol):
    """What a set's drawing module offers: every paper of a list into one PDF."""

    def render(self, form_set: FormSet, papers: list[Any], target: Any) -> None: ...


@dataclass(frozen=True)
class FormSet:
    key: str  # "2018", "2025"
    basis: str  # the circular that issues the forms: "Thông tư 03/2025/TT-VPCP"
    guides: str  # the decree it guides
    effective: date  # dossiers received on or after this day follow this set
    text: dict[str, Any]  # the whole data file: shared lines and "forms"

    def has(self, kind: str) -> bool:
        return kind in self.text["forms"]

    def form(self, kind: str) -> dict[str, Any]:
        """The number, title and labels of ``kind`` in this set."""
        if not self.has(kind):
            raise DomainError(f"Bộ mẫu {self.basis} không có loại giấy tờ “{kind}”.")
        form: dict[str, Any] = self.text["forms"][kind]
        return form

    def number(self, kind: str) -> str:
        """The form's number in this set: "01"… ("" when the set has no such form)."""
        return str(self.text["forms"][kind]["number"]) if self.has(kind) else ""

    def kind_of_number(self, number: str) -> str | None:
        """The kind printed as Mẫu ``number`` ("05" or "5") in this set."""
        for kind, form in self.text["forms"].items():
            if form["number"] == number.zfill(2):
                return str(kind)
        return None

    def form_line(self, kind: str) -> str:
        """ "Mẫu số 01 — Thông tư 03/2025/TT-VPCP": the number with its legal basis."""
        return str(self.text["form_line"].format(number=self.number(kind), basis=self.basis))

    def render(self, papers: list[Any], target: Any) -> None:
        drawing: Drawing = importlib.import_module(self.text["module"])
        drawing.render(self, papers, target)


@cache
def form_sets() -> tuple[FormSet, ...]:
    """Every set shipped, oldest first."""
    found = []
    for path in sorted((resources_dir() / "documents").glob("forms-*.json")):
        text: dict[str, Any] = json.loads(path.read_text("utf-8"))
        found.append(FormSet(text["set"], text["basis"], text["guides"],
                             date.fromisoformat(text["effective"]), text))  # fmt: skip
    return tuple(sorted(found, key=lambda s: s.effective))


def form_set(key: str) -> FormSet:
    for s in form_sets():
        if s.key == key:
            return s
    raise DomainError(f"Không có bộ mẫu “{key}” (có: {', '.join(s.key for s in form_sets())}).")


def form_set_for(received: date) -> FormSet:
    """The set in force on the day a dossier was received (the oldest set for a dossier
    from before every set, which the desk never sees in practice)."""
    sets = form_sets()
    return next((s for s in reversed(sets) if s.effective <= received), sets[0])
