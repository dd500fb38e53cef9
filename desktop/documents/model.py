"""What a drawing receives: plain data, gathered and signed by the services. A drawing
module reads nothing else (no database, no keys), so a paper drawn twice from the same
data is the same paper."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ControlRow:
    """One handover (or return, consultation, re-appointment) of a dossier, for the
    control slip: who gave it, who received it, when, and what came of the step."""

    step: str  # the whole movement in one phrase: "Giao: … — Nhận: …"
    agency: str  # the agency that received the dossier (or acted, for a consultation)
    giver: str
    receiver: str
    when: str
    result: str
    note: str


@dataclass(frozen=True)
class Slip:
    """One dossier's paper (receipt slip, supplement request, refusal, apology, stop
    notice, control slip), as its act recorded it."""

    kind: str
    office_name: str
    dossier_code: str
    number: str  # what the paper's "Số:" says
    applicant: str
    address: str
    phone: str
    email: str
    procedure: str
    officer: str
    at: datetime  # the act's moment: the date line
    fields: dict[str, str]  # every value a label of the form may name
    rows: list[tuple[str, ...]] = field(default_factory=list)  # papers, or what to supplement
    steps: list[ControlRow] = field(default_factory=list)  # the control slip's movements
    signatures: tuple[tuple[str, str], ...] = ()  # (title, name) of each signer
    seal: str = ""  # the signed QR text
    place: str = ""
    emblem: bytes | None = None


@dataclass(frozen=True)
class Register:
    """A table over as many pages as it needs: the tracking book, the shift handover."""

    kind: str
    title: str
    subtitle: str
    office_name: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # fractions of the table's width
    rows: list[tuple[str, ...]]
    closing: list[str]  # lines under the table (totals, amount in words)
    signers: tuple[str, ...]
    names: tuple[str, ...]
    seal: str
    page: tuple[float, float]
    form_line: str = ""  # "Mẫu số 06 — Thông tư 01/2018/TT-VPCP"; the shift handover has none
    book: str = ""  # the book's number (2025 tracking book)
    place: str = ""
    at: datetime | None = None  # the date line
