"""fees and receipts

Payments and refunds of a dossier's fees, receipt-number blocks allotted by the portal,
receipts (never altered: only voided, once) and each time one was printed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MOMENT = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "receipt_blocks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("form_symbol", sa.String(length=16), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("allotted_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refund_of", sa.String(length=36), nullable=True),
        sa.Column("at", MOMENT, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.ForeignKeyConstraint(["refund_of"], ["payments.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.ForeignKeyConstraint(["approved_by"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_payments_dossier_id", "payments", ["dossier_id"])
    op.create_table(
        "receipts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("block_id", sa.String(length=36), nullable=False),
        sa.Column("form_symbol", sa.String(length=16), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("payer_name", sa.Text(), nullable=False),
        sa.Column("payer_address", sa.Text(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("issued_at", MOMENT, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("replaces", sa.String(length=36), nullable=True),
        sa.Column("voided_at", MOMENT, nullable=True),
        sa.Column("voided_by", sa.Integer(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["block_id"], ["receipt_blocks.id"]),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"]),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.ForeignKeyConstraint(["replaces"], ["receipts.id"]),
        sa.ForeignKeyConstraint(["voided_by"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_receipts_series_number", "receipts", ["series", "number"], unique=True)
    op.create_index("ix_receipts_payment_id", "receipts", ["payment_id"])
    op.create_index("ix_receipts_dossier_id", "receipts", ["dossier_id"])
    op.create_table(
        "receipt_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.String(length=36), nullable=False),
        sa.Column("printed_at", MOMENT, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("copy", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["receipt_id"], ["receipts.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_receipt_prints_receipt_id", "receipt_prints", ["receipt_id"])

    # Money is history: payments, prints and blocks are never changed or removed.
    for table in ("payments", "receipt_prints", "receipt_blocks"):
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    # A receipt is never deleted; its only change is being voided, once, with a reason.
    op.execute(
        "CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts "
        "BEGIN SELECT RAISE(ABORT, 'receipts are never deleted'); END"
    )
    op.execute(
        "CREATE TRIGGER receipts_only_voided BEFORE UPDATE ON receipts "
        "WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL "
        "OR coalesce(trim(NEW.void_reason), '') = '' "
        "OR NEW.id IS NOT OLD.id OR NEW.block_id IS NOT OLD.block_id "
        "OR NEW.form_symbol IS NOT OLD.form_symbol OR NEW.series IS NOT OLD.series "
        "OR NEW.number IS NOT OLD.number OR NEW.payment_id IS NOT OLD.payment_id "
        "OR NEW.dossier_id IS NOT OLD.dossier_id OR NEW.payer_name IS NOT OLD.payer_name "
        "OR NEW.payer_address IS NOT OLD.payer_address OR NEW.items IS NOT OLD.items "
        "OR NEW.amount IS NOT OLD.amount OR NEW.issued_at IS NOT OLD.issued_at "
        "OR NEW.officer_id IS NOT OLD.officer_id OR NEW.desk_id IS NOT OLD.desk_id "
        "OR NEW.replaces IS NOT OLD.replaces "
        "BEGIN SELECT RAISE(ABORT, 'an issued receipt is never altered, only voided'); END"
    )


def downgrade() -> None:
    append_only = [f"{t}_no_{v}" for t in ("payments", "receipt_prints", "receipt_blocks")
                   for v in ("update", "delete")]  # fmt: skip
    for trigger in ["receipts_no_delete", "receipts_only_voided", *append_only]:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("receipt_prints")
    op.drop_table("receipts")
    op.drop_table("payments")
    op.drop_table("receipt_blocks")
