"""Kiểm tra giấy tờ — the officer's two checks of a dossier's papers, and what the citizen
is told after them.

* At reception (Đ7): each required paper is present, missing or wrong. Only a dossier with
  every paper present may be accepted; missing or wrong papers become the supplement
  request (Mẫu 02), pre-filled.
* At result return (Đ9.2, Đ10.1): each paper's original (bản chính) is set beside its online
  scan: it matches, differs (a note says how) or was not presented. The result is handed
  over only when every original matches, unless a supervisor overrides with a reason.

The notices are the words the officer sees before an act and the citizen receives after
it; the act records them, so what was said can always be shown again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.calendar import Due
from desktop.core.lifecycle import DomainError


class PaperVerdict(StrEnum):
    """Kết quả kiểm tra thành phần hồ sơ khi tiếp nhận."""

    PRESENT = "present"
    MISSING = "missing"
    WRONG = "wrong"

    @property
    def label_vi(self) -> str:
        return {"present": "Đủ, hợp lệ", "missing": "Thiếu", "wrong": "Sai, không hợp lệ"}[
            self.value
        ]


class OriginalVerdict(StrEnum):
    """Đối chiếu bản chính với bản điện tử khi trả kết quả."""

    MATCHES = "matches"
    DIFFERS = "differs"
    NOT_PRESENTED = "not_presented"

    @property
    def label_vi(self) -> str:
        return {
            "matches": "Khớp bản chính",
            "differs": "Khác bản chính",
            "not_presented": "Không xuất trình",
        }[self.value]


@dataclass(frozen=True)
class PaperCheck:
    position: int
    name: str
    verdict: PaperVerdict
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"position": self.position, "name": self.name, "verdict": self.verdict.value,
                "note": self.note}  # fmt: skip


@dataclass(frozen=True)
class OriginalCheck:
    position: int
    name: str
    verdict: OriginalVerdict
    note: str = ""

    def __post_init__(self) -> None:
        if self.verdict is OriginalVerdict.DIFFERS and not self.note.strip():
            raise DomainError(f"Giấy tờ “{self.name}” khác bản chính: phải ghi rõ khác ở đâu.")

    def as_dict(self) -> dict[str, object]:
        return {"position": self.position, "name": self.name, "verdict": self.verdict.value,
                "note": self.note.strip()}  # fmt: skip


def problems(checks: Sequence[PaperCheck]) -> list[PaperCheck]:
    """The papers to supplement or correct, in the order of the checklist."""
    return [c for c in checks if c.verdict is not PaperVerdict.PRESENT]


def require_complete(dossier_code: str, checks: Sequence[PaperCheck]) -> None:
    """Accepting needs every paper checked and present."""
    wanting = problems(checks)
    if wanting:
        names = ", ".join(f"“{c.name}” ({c.verdict.label_vi.lower()})" for c in wanting)
        raise DomainError(
            f"Hồ sơ {dossier_code} chưa đủ điều kiện tiếp nhận: {names}. "
            "Hãy yêu cầu bổ sung hoặc từ chối."
        )


def originals_blocking(checks: Sequence[OriginalCheck]) -> list[OriginalCheck]:
    """The papers whose original differs or was not presented: they block the return."""
    return [c for c in checks if c.verdict is not OriginalVerdict.MATCHES]


# --- what the citizen is told ------------------------------------------------------------------


def _whom(applicant: str) -> str:
    return f"Ông/Bà {applicant}"


def notice_accepted(code: str, applicant: str, procedure: str, due: Due) -> str:
    return (
        f"{_whom(applicant)}: hồ sơ {code} ({procedure}) đã được tiếp nhận đầy đủ, hợp lệ. "
        f"Thời gian hẹn trả kết quả: {due.label_vi()}. "
        "Khi nhận kết quả, xin mang theo bản chính các giấy tờ đã nộp trực tuyến để đối chiếu."
    )


def notice_supplement(
    code: str, applicant: str, procedure: str, checks: Sequence[PaperCheck], reason: str,
    in_processing: bool = False,
) -> str:  # fmt: skip
    """Mẫu 02's words: at reception, or while the dossier is being processed (the clock
    then stands still until the citizen supplements)."""
    lines = [
        f"{_whom(applicant)}: hồ sơ {code} ({procedure}) cần bổ sung, hoàn thiện "
        "các giấy tờ sau:"
    ]
    for c in problems(checks):
        what = "còn thiếu" if c.verdict is PaperVerdict.MISSING else "chưa đúng, cần sửa"
        lines.append(f"- {c.name}: {what}" + (f" ({c.note.strip()})" if c.note.strip() else ""))
    lines.append(f"Lý do: {reason.strip()}")
    if in_processing:
        lines.append("Thời hạn giải quyết tạm dừng từ nay đến khi bổ sung đủ; ngày hẹn trả kết "
                     "quả được lùi tương ứng.")  # fmt: skip
    else:
        lines.append("Sau khi bổ sung đủ, hồ sơ được kiểm tra lại; thời hạn giải quyết tính từ "
                     "khi hồ sơ được tiếp nhận.")  # fmt: skip
    return "\n".join(lines)


def notice_denied(code: str, applicant: str, reason: str, number: str, signer: str) -> str:
    """Đ8.2: the reasoned refusal, with the document and who signed it (when the act
    records them: an older path records the reason alone)."""
    document = (f" Văn bản số {number.strip()} do {signer.strip()} ký."
                if number.strip() and signer.strip() else "")  # fmt: skip
    return (f"{_whom(applicant)}: hồ sơ {code} không được giải quyết. Lý do: {reason.strip()}."
            + document)


def notice_refused(code: str, applicant: str, procedure: str, reason: str) -> str:
    return (
        f"{_whom(applicant)}: hồ sơ {code} ({procedure}) không được tiếp nhận. "
        f"Lý do: {reason.strip()}"
    )


def notice_late(code: str, applicant: str, reason: str, due: Due) -> str:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04), as the citizen reads it."""
    return (
        f"{_whom(applicant)}: cơ quan xin lỗi vì hồ sơ {code} chưa có kết quả đúng hẹn. "
        f"Lý do: {reason.strip()}. Thời gian hẹn trả kết quả mới: {due.label_vi()}."
    )


def notice_stopped(code: str, applicant: str, reason: str) -> str:
    """Mẫu 05 "Thông báo dừng giải quyết hồ sơ", as the citizen reads it."""
    return (f"{_whom(applicant)}: hồ sơ {code} đã được dừng giải quyết. Lý do: {reason.strip()}. "
            "Phí, lệ phí đã nộp (nếu có) được hoàn trả theo quy định (Đ10.3).")  # fmt: skip


def notice_withdrawn(code: str, applicant: str, reason: str) -> str:
    """The office confirms the citizen's withdrawal (made at the desk or online)."""
    why = f" Lý do: {reason.strip()}." if reason.strip() else ""
    return (f"{_whom(applicant)}: cơ quan đã nhận yêu cầu rút hồ sơ {code}; hồ sơ không tiếp "
            f"tục được giải quyết.{why} Phí, lệ phí đã nộp (nếu có) được hoàn trả theo quy "
            "định (Đ10.3).")  # fmt: skip


def notice_result_ready(code: str, applicant: str, document_number: str = "") -> str:
    """The department's result is at the one-stop desk, waiting to be returned."""
    number = f" (văn bản số {document_number.strip()})" if document_number.strip() else ""
    return (f"{_whom(applicant)}: hồ sơ {code} đã có kết quả{number}. Mời ông/bà nhận kết quả "
            "theo hình thức đã đăng ký; khi nhận trực tiếp, xin mang theo bản chính các giấy "
            "tờ đã nộp trực tuyến để đối chiếu.")  # fmt: skip


def notice_returned_online(code: str, applicant: str, files: Sequence[str]) -> str:
    """Đ9.3: the signed result (or reasoned refusal) is on the portal for the citizen."""
    names = ", ".join(f"“{f}”" for f in files)
    return (f"{_whom(applicant)}: kết quả giải quyết hồ sơ {code} đã được trả trực tuyến trên "
            f"Cổng dịch vụ công: {names}. Văn bản điện tử có chữ ký số, có giá trị như bản "
            "giấy.")  # fmt: skip
