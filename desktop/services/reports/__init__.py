"""Báo cáo định kỳ (Đ15, Đ6, Đ11.5, Đ16) — for the office's supervisor: the figures of a
month, quarter or year, each traceable to its dossiers; read audited; signed off frozen.

* ``periodic_report`` counts (``counting``) and audits the reading ("report.read");
* ``sign_report`` freezes the figures under the supervisor's name ("report.sign");
* a report of a period signed before says which figures differ from the signed ones;
* ``save_pdf`` / ``save_xlsx`` write the paper and the spreadsheet (``desktop.documents``).
"""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.lifecycle import DomainError
from desktop.core.moments import utc_text
from desktop.core.report_periods import Period, PeriodRule, parse_period
from desktop.core.reports import (
    Change,
    MonthTrend,
    PeriodicReport,
    Section,
    SignOff,
    section_id,
    trend_months,
)
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.reports.counting import (
    build_sections,
    codes_digest,
    count_period,
    count_receipts,
)
from desktop.services.reports.grouped import count_sections, mapped_reads
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import Office, Officer, ReportSignOff

RULE_SETTING = "report_period_rule"
FORMATS = ("pdf", "xlsx")

__all__ = ["FORMATS", "PeriodRule", "monthly_trend", "periodic_report", "report_rule",
           "save_pdf", "save_xlsx", "set_report_rule", "sign_report"]  # fmt: skip


def _check_supervisor(actor: Actor) -> None:
    if not actor.is_supervisor:
        raise AccessDenied("Báo cáo định kỳ dành cho lãnh đạo bộ phận: tài khoản "
                           f"{actor.username} không được xem hoặc ký báo cáo.")  # fmt: skip


def report_rule(desk: Desk) -> PeriodRule:
    """How this desk cuts its periods (default: the 15th → 14th of NĐ 09/2019)."""
    with desk.store.read() as session:
        saved = get_setting(session, RULE_SETTING) or {}
    return PeriodRule(saved.get("rule", PeriodRule.CUTOFF_15.value))


def set_report_rule(desk: Desk, actor: Actor, rule: PeriodRule) -> None:
    """A supervisor chooses how periods are cut (when the province asks calendar months)."""
    _check_supervisor(actor)
    with desk.store.write() as session:
        before = get_setting(session, RULE_SETTING)
        put_setting(session, RULE_SETTING, {"rule": rule.value})
        record_audit(session, desk, actor, "report.rule", actor.office_code, before,
                     {"rule": rule.value})  # fmt: skip


def _compute(session: Session, desk: Desk, actor: Actor, period: Period) -> PeriodicReport:
    # A year's report builds a million small lists and tuples that all live to the end:
    # the cyclic collector would walk them again and again for nothing (a fifth of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with mapped_reads(session):
            return _count(session, desk, actor, period)
    finally:
        if collecting:
            gc.enable()


def _count(session: Session, desk: Desk, actor: Actor, period: Period) -> PeriodicReport:
    office = session.get(Office, actor.office_code)
    name = office.name if office else actor.office_code
    now = desk.now()

    def listed(within: Session) -> tuple[Section, list[Section], list[Section]]:
        tally = count_period(within, desk.calendar, actor.office_code, period, now)
        return build_sections(within, tally, actor.office_code, name)

    def read_codes() -> tuple[Section, list[Section], list[Section]]:
        # The codes behind the figures, listed when first asked for: the same period
        # recounted row by row — in the counting transaction while it lasts (a sign-off
        # digests them there), else in a read of its own.
        if session.is_active and session.in_transaction():
            return listed(session)
        with desk.store.read() as again:
            return listed(again)

    whole, procedures, departments, refusals = count_sections(
        session, desk.calendar, actor.office_code, name, period, now, read_codes
    )
    tz = desk.calendar.tz
    bounds = {"office": actor.office_code, "start": utc_text(period.start(tz)),
              "end": utc_text(period.end(tz))}  # fmt: skip
    return PeriodicReport(
        office_code=actor.office_code,
        office_name=name,
        period=period,
        made_at=now,
        made_by=actor.full_name,
        office=whole,
        procedures=tuple(procedures),
        departments=tuple(departments),
        series=tuple(count_receipts(session, bounds)),
        refusals=tuple(refusals),
    )


def frozen_figures(report: PeriodicReport) -> dict[str, dict[str, list[object]]]:
    """What a sign-off keeps: every figure's value and a digest of its dossiers."""
    return {section_id(s): {k: [f.value, codes_digest(f.codes)] for k, f in s.figures.items()}
            for s in report.sections()}  # fmt: skip


def changes_since(signed: dict[str, dict[str, list[object]]],
                  report: PeriodicReport) -> tuple[Change, ...]:  # fmt: skip
    now = frozen_figures(report)
    found = []
    for section in sorted(set(signed) | set(now)):
        was, is_ = signed.get(section, {}), now.get(section, {})
        for key in sorted(set(was) | set(is_)):
            old, new = was.get(key, [0, ""]), is_.get(key, [0, ""])
            if old != new:
                found.append(Change(section, key, int(str(old[0])), int(str(new[0])),
                                    same_count_other_dossiers=old[0] == new[0]))  # fmt: skip
    return tuple(found)


def _last_signoff(session: Session, office: str, period: Period) -> ReportSignOff | None:
    return session.scalars(
        select(ReportSignOff)
        .where(ReportSignOff.office_code == office, ReportSignOff.period == period.text,
               ReportSignOff.rule == period.rule.value)
        .order_by(ReportSignOff.id.desc()).limit(1)
    ).first()  # fmt: skip


def _with_signoff(session: Session, report: PeriodicReport) -> PeriodicReport:
    row = _last_signoff(session, report.office_code, report.period)
    if row is None:
        return report
    officer = session.get(Officer, row.officer_id) if row.officer_id else None
    signed = SignOff(row.id, row.period, row.rule, row.signed_at,
                     officer.full_name if officer else "")  # fmt: skip
    return PeriodicReport(**{**report.__dict__, "signed": signed,
                             "changes": changes_since(row.figures, report)})  # fmt: skip


def periodic_report(desk: Desk, actor: Actor, period: str, rule: PeriodRule | None = None,
                    purpose: str = "xem") -> PeriodicReport:  # fmt: skip
    """The office's report for ``period`` ("2026-11", "2026-Q4", "2026"), its reading
    audited (what was read, for what: "xem", "pdf", "xlsx")."""
    _check_supervisor(actor)
    chosen = parse_period(period, rule or report_rule(desk))
    with desk.store.read() as session:
        report = _with_signoff(session, _compute(session, desk, actor, chosen))
    with desk.store.write() as session:
        record_audit(session, desk, actor, "report.read", f"{actor.office_code} {chosen.text}",
                     None, {"period": chosen.text, "rule": chosen.rule.value,
                            "first": chosen.first.isoformat(), "last": chosen.last.isoformat(),
                            "purpose": purpose,
                            "changed_since_signed": len(report.changes)})  # fmt: skip
    return report


def monthly_trend(desk: Desk, actor: Actor, period: str,
                  rule: PeriodRule | None = None) -> tuple[MonthTrend, ...]:  # fmt: skip
    """The on-time trend the dashboard draws for ``period``: each month's resolved, early or
    on time, and late, counted as that month's own report counts them (in one read), the
    reading audited once ("report.read", for "xu-huong")."""
    _check_supervisor(actor)
    chosen = parse_period(period, rule or report_rule(desk))
    months = [parse_period(m, chosen.rule) for m in trend_months(chosen)]
    found = []
    with desk.store.read() as session:
        for month in months:
            office = _compute(session, desk, actor, month).office
            found.append(MonthTrend(month, office.value("resolved.total"),
                                    office.value("resolved.early")
                                    + office.value("resolved.on_time"),
                                    office.value("resolved.late")))  # fmt: skip
    with desk.store.write() as session:
        record_audit(session, desk, actor, "report.read", f"{actor.office_code} {chosen.text}",
                     None, {"period": chosen.text, "rule": chosen.rule.value,
                            "first": months[0].first.isoformat(),
                            "last": months[-1].last.isoformat(),
                            "purpose": "xu-huong"})  # fmt: skip
    return tuple(found)


def sign_report(desk: Desk, actor: Actor, period: str,
                rule: PeriodRule | None = None) -> PeriodicReport:  # fmt: skip
    """Ký chốt số liệu: the figures, counted now inside the signing transaction, are kept
    frozen under the supervisor's name. Signing again a period whose figures have not
    changed is refused (nothing new to sign)."""
    _check_supervisor(actor)
    chosen = parse_period(period, rule or report_rule(desk))
    if chosen.end(desk.calendar.tz) > desk.now():
        raise DomainError(f"Kỳ {chosen.name_vi} ({chosen.span_vi}) chưa kết thúc: "
                          "chưa ký chốt số liệu được.")  # fmt: skip
    with desk.store.write() as session:
        report = _with_signoff(session, _compute(session, desk, actor, chosen))
        if report.signed is not None and not report.changes:
            raise DomainError(f"Số liệu {chosen.name_vi} đã được {report.signed.signed_by} ký "
                              "chốt và không thay đổi: không cần ký lại.")  # fmt: skip
        figures = frozen_figures(report)
        row = ReportSignOff(office_code=actor.office_code, period=chosen.text,
                            rule=chosen.rule.value, first_day=chosen.first,
                            last_day=chosen.last, figures=figures, signed_at=desk.now(),
                            officer_id=actor.officer_id, desk_id=desk.desk_id)  # fmt: skip
        session.add(row)
        session.flush()
        after = {"period": chosen.text, "rule": chosen.rule.value, "signoff": row.id,
                 "replaces": report.signed.id if report.signed else None,
                 "changed": [c.label_vi() for c in report.changes],
                 "figures": {k: v[0] for k, v in figures["office"].items()}}  # fmt: skip
        record_audit(
            session, desk, actor, "report.sign", f"{actor.office_code} {chosen.text}", None, after
        )
        signed = SignOff(row.id, row.period, row.rule, row.signed_at, actor.full_name)
    return PeriodicReport(**{**report.__dict__, "signed": signed, "changes": ()})


def save_pdf(report: PeriodicReport, out: Path) -> None:
    from desktop.documents.report import render_report

    render_report(report, out)


def save_xlsx(report: PeriodicReport, out: Path) -> None:
    from desktop.documents.report_xlsx import write_workbook

    write_workbook(report, out)
