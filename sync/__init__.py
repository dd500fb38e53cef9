"""Reconciliation with the province's central portal (protocol, client, reference portal).

Nothing here yet: the desk already records every act in its outbox (desktop.services.outbox),
which is what the sync client will push.
"""
