"""The randomized fault campaign, as CI runs it (see tests/sync/campaign.py)."""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.calendar import OFFICE_TZ
from tests.sync.campaign import run


@pytest.mark.slow
def test_fault_campaign_loses_and_doubles_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # A fixed seed keeps CI reproducible; MOTCUA_CAMPAIGN_SEED=random explores new ones.
    chosen = os.environ.get("MOTCUA_CAMPAIGN_SEED", "20261128")
    seed = random.SystemRandom().randrange(10**6) if chosen == "random" else int(chosen)
    iterations = int(os.environ.get("MOTCUA_CAMPAIGN_ITERATIONS", "200"))
    totals = run(iterations, seed)
    with capsys.disabled():
        print(
            f"\nfault campaign (seed {seed}; replay: python -m tests.sync.campaign "
            f"--seed {seed} --iterations {iterations}): {totals.line()}"
        )
    assert totals.iterations == iterations
    assert totals.faults.get("drop_reply", 0) > 0 and totals.faults.get("cut", 0) > 0
    assert (totals.lost, totals.doubled, totals.disagreements) == (0, 0, 0), f"seed {seed}"
    if chosen != "random" and iterations >= 200:
        # The fixed seed restores backups that lose citizens' acts a desk had pulled: the
        # desks give them back (random seeds may draw none).
        assert totals.restores_losing_citizen_acts > 0 and totals.given_back > 0


@pytest.mark.slow
def test_one_seed_gives_one_campaign_whenever_it_runs() -> None:
    """A seed replays the same campaign: the same acts chosen and the same totals, though
    the second run starts at another moment of the office's day (just before midnight, so
    the dossiers fall on other dates) and its desks and portal give other random ids."""
    evening = datetime.now(OFFICE_TZ).replace(hour=23, minute=50) - timedelta(days=1)
    first = run(12, 424242)
    second = run(12, 424242, start=evening.astimezone(UTC))
    assert first.iterations == second.iterations == 12
    assert first.trail == second.trail
    assert first.line() == second.line()
