"""The randomized fault campaign, as CI runs it (see tests/sync/campaign.py)."""

from __future__ import annotations

import os
import random

import pytest

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
