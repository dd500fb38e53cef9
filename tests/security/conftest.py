"""Attacks on the portal, the desk and the printed seals. The portal fixtures are the sync
tests' own: a real portal process over loopback HTTP."""

from tests.sync.conftest import pg_url, portal, portal_template  # noqa: F401
