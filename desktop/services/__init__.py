"""Use cases: one function per act, each one transaction with audit and outbox."""
