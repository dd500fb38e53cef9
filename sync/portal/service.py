"""What the portal does, without HTTP, named in one place for the app, the commands and the
tests. Each concern lives in its own module:

- ``base`` — the refusal (``PortalError``), the clock, the database's identity and change
  counter; ``enrolment`` — desks enrolling, their tokens, revocation;
- ``citizens`` — submissions, online payments, citizens' acts and what they read;
- ``dossier_acts`` — the one way an act is kept; ``desk_events`` — desks' pushed events;
- ``receipts`` — receipt blocks, receipts, payments; ``attachments`` — scans and results;
- ``feed`` — the change feed and snapshots; ``reconciliation`` — digests;
- ``give_back`` — what desks return to a restored portal; ``reports`` — the province's.
"""

from __future__ import annotations

from sync.portal.attachments import attachment_for as attachment_for
from sync.portal.attachments import link_scans_of_older_dossiers as link_scans_of_older_dossiers
from sync.portal.attachments import receive_result_chunk as receive_result_chunk
from sync.portal.attachments import result_upload_status as result_upload_status
from sync.portal.attachments import store_attachment as store_attachment
from sync.portal.base import CITIZEN as CITIZEN
from sync.portal.base import ONLINE as ONLINE
from sync.portal.base import PortalError as PortalError
from sync.portal.base import ensure_meta as ensure_meta
from sync.portal.base import epoch as epoch
from sync.portal.base import head_seq as head_seq
from sync.portal.base import utc_now as utc_now
from sync.portal.citizens import citizen_act as citizen_act
from sync.portal.citizens import citizen_view as citizen_view
from sync.portal.citizens import dossier_code as dossier_code
from sync.portal.citizens import pay_online as pay_online
from sync.portal.citizens import submit_dossier as submit_dossier
from sync.portal.desk_events import apply_events as apply_events
from sync.portal.dossier_acts import append_act as append_act
from sync.portal.dossier_acts import portal_calendar as portal_calendar
from sync.portal.enrolment import ENROLMENT_CODE_LIFETIME as ENROLMENT_CODE_LIFETIME
from sync.portal.enrolment import GUESS_WINDOW as GUESS_WINDOW
from sync.portal.enrolment import GUESSES_ALLOWED as GUESSES_ALLOWED
from sync.portal.enrolment import authenticate as authenticate
from sync.portal.enrolment import create_enrolment_code as create_enrolment_code
from sync.portal.enrolment import enrol as enrol
from sync.portal.enrolment import office_wire as office_wire
from sync.portal.enrolment import require_office as require_office
from sync.portal.enrolment import revoke_desk as revoke_desk
from sync.portal.feed import act_wire as act_wire
from sync.portal.feed import catalogue as catalogue
from sync.portal.feed import change_check as change_check
from sync.portal.feed import changes_since as changes_since
from sync.portal.feed import dossier_wire as dossier_wire
from sync.portal.feed import officers_of as officers_of
from sync.portal.feed import payments_of as payments_of
from sync.portal.feed import reference_tag as reference_tag
from sync.portal.feed import snapshot_page_json as snapshot_page_json
from sync.portal.reconciliation import digests as digests
