"""Nhật ký kiểm tra — the hash chain that makes the audit log tamper-evident.

Each entry's hash covers its own fields and the previous entry's hash, so altering,
deleting or reordering any past entry breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = prev_hash + "\n" + canonical_json(fields)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
