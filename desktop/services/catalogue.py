"""Danh mục thủ tục — loading the catalogue into the desk and reading it back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.lifecycle import DomainError
from desktop.core.procedures import Procedure, procedure_from_dict, procedure_to_dict
from desktop.store.models import ProcedureRow


class UnknownProcedure(DomainError):
    pass


def read_catalogue_file(path: Path) -> list[Procedure]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DomainError(f"Không tìm thấy tệp danh mục thủ tục: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DomainError(f"Tệp danh mục thủ tục {path} không đọc được: {exc}") from None
    return [procedure_from_dict(item) for item in data["procedures"]]


def save_procedures(session: Session, procedures: Iterable[Procedure]) -> int:
    """Insert or replace catalogue entries (reference data, not history)."""
    count = 0
    for p in procedures:
        d = procedure_to_dict(p)
        row = session.get(ProcedureRow, p.code) or ProcedureRow(code=p.code)
        row.name, row.sector, row.level = p.name, p.sector, p.level
        row.processing_amount = d["processing_time"]["amount"]
        row.processing_unit = d["processing_time"]["unit"]
        row.processing_cutoff = d["processing_time"].get("cutoff")
        row.department, row.office_level = p.department, p.office_level.value
        row.papers, row.fees, row.sample = d["papers"], d["fees"], p.sample
        session.add(row)
        count += 1
    return count


def _to_procedure(row: ProcedureRow) -> Procedure:
    return procedure_from_dict(
        {
            "code": row.code,
            "name": row.name,
            "sector": row.sector,
            "level": row.level,
            "processing_time": {
                "amount": row.processing_amount,
                "unit": row.processing_unit,
                "cutoff": row.processing_cutoff,
            },
            "department": row.department,
            "office_level": row.office_level,
            "papers": row.papers,
            "fees": row.fees,
            "sample": row.sample,
        }
    )


def procedure_of(session: Session, code: str) -> Procedure:
    row = session.get(ProcedureRow, code)
    if row is None:
        raise UnknownProcedure(f"Không có thủ tục mã “{code}” trong danh mục.")
    return _to_procedure(row)


def all_procedures(session: Session) -> list[Procedure]:
    rows = session.scalars(select(ProcedureRow).order_by(ProcedureRow.sector, ProcedureRow.name))
    return [_to_procedure(r) for r in rows]
