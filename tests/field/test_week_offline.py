"""A commune desk's days offline, then its catch-up over a slow link with a cut in the
middle (tests.field.week_offline, small): nothing lost, nothing doubled, the scans resumed
where the cut left them and no completed chunk fetched twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.field.week_offline import Outcome, Plan, run, summary
from tests.sync.conftest import portal_template  # noqa: F401  (demo portal, made once)

TWO_DAYS = Plan(
    days=2,
    acts_per_day=8,
    seed=5,
    kbps=200,
    rtt_ms=200,
    loss=0.0,
    online_per_day=1,
    scan_kb=80,
    cut_mid_scan=True,
    cut_seconds=3,
    retry_seconds=1,
)


def assert_caught_up(outcome: Outcome) -> None:
    checks, caught = outcome.checks, outcome.catch_up
    report = "\n".join(summary(outcome))
    assert sum(outcome.week.acts.values()) > 0 and outcome.week.receipts > 0, report
    assert checks.desk_acts >= sum(outcome.week.acts.values()), report
    assert (checks.lost, checks.doubled) == ([], []), report
    assert checks.receipts_desk == checks.receipts_portal == outcome.week.receipts, report
    assert not (checks.receipt_problems or checks.payment_problems), report
    assert checks.outbox_left == {} and checks.disagreements == [], report
    assert checks.scans_missing == 0, report
    assert caught.chunks_resent == [], report


@pytest.mark.slow  # tens of seconds: runs in the slow group, beside the rest
def test_two_days_offline_catch_up_through_a_cut(tmp_path: Path, portal_template: Path) -> None:  # noqa: F811
    outcome = run(TWO_DAYS, tmp_path, log=lambda _line: None, template=portal_template)
    assert_caught_up(outcome)
    caught = outcome.catch_up
    assert caught.link["cuts"] == 1 and caught.link["connections cut"] >= 1
    assert caught.failed_requests >= 1  # the cut was felt …
    assert caught.scans_resumed >= 1  # … and a scan went on from the byte where it stopped
    assert len(outcome.week.online) == 2 and caught.scans_fetched >= 2
