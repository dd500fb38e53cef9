"""The domain of MotCua Desk: plain dataclasses and functions, no Qt and no SQL."""
