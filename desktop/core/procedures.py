"""Danh mục thủ tục hành chính — the procedure catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

from desktop.core.calendar import ProcessingTime, TimeUnit
from desktop.core.lifecycle import DomainError


class OfficeLevel(StrEnum):
    """Cấp cơ quan giải quyết."""

    PROVINCE = "province"  # cấp tỉnh
    DISTRICT = "district"  # cấp huyện
    COMMUNE = "commune"  # cấp xã


class PaperKind(IntEnum):
    """Loại giấy tờ (mã của Cổng dịch vụ công quốc gia)."""

    ORIGINAL = 0  # bản chính
    COPY = 1  # bản sao
    ELECTRONIC = 2  # bản điện tử

    @property
    def label_vi(self) -> str:
        return ("Bản chính", "Bản sao", "Bản điện tử")[self.value]


class FeeKind(StrEnum):
    FEE = "phi"  # phí
    CHARGE = "le_phi"  # lệ phí

    @property
    def label_vi(self) -> str:
        return "Phí" if self is FeeKind.FEE else "Lệ phí"


@dataclass(frozen=True)
class RequiredPaper:
    """Thành phần hồ sơ."""

    name: str
    kind: PaperKind = PaperKind.COPY
    count: int = 1


@dataclass(frozen=True)
class FeeItem:
    name: str
    kind: FeeKind
    amount: int  # đồng, whole numbers only
    exemptions: str = ""  # đối tượng miễn, giảm — free text from the published procedure


@dataclass(frozen=True)
class Procedure:
    """Thủ tục hành chính."""

    code: str
    name: str
    sector: str  # lĩnh vực
    level: int  # mức độ 3 or 4
    processing_time: ProcessingTime
    department: str  # phòng chuyên môn giải quyết
    office_level: OfficeLevel
    papers: tuple[RequiredPaper, ...] = ()
    fees: tuple[FeeItem, ...] = field(default=())
    sample: bool = False  # dữ liệu mẫu, not an official catalogue entry

    def __post_init__(self) -> None:
        if self.level not in (3, 4):
            raise DomainError(f"Thủ tục {self.code}: mức độ phải là 3 hoặc 4 (nhận {self.level}).")
        if not self.code.strip() or not self.name.strip():
            raise DomainError("Thủ tục phải có mã và tên.")
        for fee in self.fees:
            if fee.amount < 0:
                raise DomainError(f"Thủ tục {self.code}: phí “{fee.name}” không được âm.")

    @property
    def total_fee(self) -> int:
        return sum(f.amount for f in self.fees)


def procedure_from_dict(data: dict[str, Any]) -> Procedure:
    """Build a procedure from its JSON form (catalogue files, portal payloads)."""
    try:
        pt = data["processing_time"]
        return Procedure(
            code=str(data["code"]),
            name=str(data["name"]),
            sector=str(data["sector"]),
            level=int(data["level"]),
            processing_time=ProcessingTime(
                Decimal(str(pt["amount"])),
                TimeUnit(pt["unit"]),
                time.fromisoformat(pt["cutoff"]) if pt.get("cutoff") else None,
            ),
            department=str(data["department"]),
            office_level=OfficeLevel(data["office_level"]),
            papers=tuple(
                RequiredPaper(p["name"], PaperKind(p.get("kind", 1)), int(p.get("count", 1)))
                for p in data.get("papers", [])
            ),
            fees=tuple(
                FeeItem(f["name"], FeeKind(f["kind"]), int(f["amount"]), f.get("exemptions", ""))
                for f in data.get("fees", [])
            ),
            sample=bool(data.get("sample", False)),
        )
    except (KeyError, ValueError, TypeError) as exc:
        code = data.get("code", "?") if isinstance(data, dict) else "?"
        raise DomainError(f"Thủ tục {code}: dữ liệu không hợp lệ ({exc!r}).") from None


def procedure_to_dict(p: Procedure) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "sector": p.sector,
        "level": p.level,
        "processing_time": {
            "amount": format(p.processing_time.amount.normalize(), "f"),
            "unit": p.processing_time.unit.value,
            **({"cutoff": f"{p.processing_time.cutoff:%H:%M}"} if p.processing_time.cutoff else {}),
        },
        "department": p.department,
        "office_level": p.office_level.value,
        "papers": [{"name": x.name, "kind": int(x.kind), "count": x.count} for x in p.papers],
        "fees": [
            {"name": f.name, "kind": f.kind.value, "amount": f.amount, "exemptions": f.exemptions}
            for f in p.fees
        ],
        "sample": p.sample,
    }
