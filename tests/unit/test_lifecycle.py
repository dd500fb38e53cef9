"""The lifecycle table itself: portal codes, labels, final states."""

from __future__ import annotations

import pytest

from desktop.core.lifecycle import (
    TRANSITIONS,
    Act,
    DossierState,
    IllegalAct,
    PortalStatus,
    allowed_acts,
    next_state,
)


def test_every_state_maps_to_a_national_portal_code() -> None:
    assert {s.portal_status for s in DossierState} == set(PortalStatus)
    assert DossierState.SUBMITTED.portal_status == 1
    assert DossierState.ACCEPTED.portal_status == 2
    assert DossierState.REFUSED.portal_status == 3
    assert DossierState.IN_PROCESSING.portal_status == 4
    assert DossierState.SUPPLEMENT_REQUESTED.portal_status == 5
    assert DossierState.PAYMENT_REQUESTED.portal_status == 6
    assert DossierState.WITHDRAWN.portal_status == 7
    assert DossierState.STOPPED.portal_status == 8
    assert DossierState.RESULT_READY.portal_status == 9
    assert DossierState.RETURNED_BY_POST.portal_status == 10


def test_final_states() -> None:
    final = {s for s in DossierState if s.is_final}
    assert final == {
        DossierState.REFUSED,
        DossierState.RETURNED_IN_PERSON,
        DossierState.RETURNED_BY_POST,
        DossierState.RETURNED_ONLINE,
        DossierState.WITHDRAWN,
        DossierState.STOPPED,
    }


def test_every_state_is_reachable_from_submission() -> None:
    seen, frontier = {DossierState.SUBMITTED}, [DossierState.SUBMITTED]
    while frontier:
        state = frontier.pop()
        for act in allowed_acts(state):
            target = TRANSITIONS[(state, act)]
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(DossierState)


def test_no_withdrawal_once_a_result_exists() -> None:
    for state in (DossierState.RESULT_READY, DossierState.DENIED):
        assert Act.WITHDRAW not in allowed_acts(state)


def test_illegal_act_names_dossier_state_and_act() -> None:
    with pytest.raises(IllegalAct) as err:
        next_state("LCU-260213-0001", DossierState.REFUSED, Act.ACCEPT)
    message = str(err.value)
    assert "LCU-260213-0001" in message
    assert "Từ chối tiếp nhận" in message and "refused" in message
    assert "accept" in message


def test_labels_are_vietnamese() -> None:
    assert all(s.label_vi for s in DossierState)
    assert all(a.label_vi for a in Act)
