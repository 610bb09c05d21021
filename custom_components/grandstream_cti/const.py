"""Constants of the Grandstream CTI integration."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

from .cti import Family

DOMAIN: Final = "grandstream_cti"
LOGGER = logging.getLogger(__package__)

CONF_FAMILY: Final = "family"
CONF_POLL_INTERVAL: Final = "poll_interval"
# Digits a PBX puts before an outside caller's number (0, 9): the phonebook
# looks the number up without them.
CONF_OUTSIDE_LINE: Final = "outside_line_prefix"
# The call-starting events a phone has pushed: from then on, a silence of its
# Action URLs is noticed (push_watch.PushWatch).
CONF_PUSHED_EVENTS: Final = "pushed_events"
# The model and firmware the phone's pushes named ($product, $program_version):
# the CTI API tells neither.
CONF_MODEL: Final = "model"
CONF_FIRMWARE: Final = "firmware"

# Each call event, on the event bus too: for YAML automations and Node-RED.
EVENT_CALL: Final = "grandstream_cti_call"

DEFAULT_POLL_INTERVAL: Final = 5
MIN_POLL_INTERVAL: Final = 1
MAX_POLL_INTERVAL: Final = 300
# Handset pairing and account registration change rarely; read them this often,
# and after a Registered or Unregistered push.
SLOW_POLL_INTERVAL: Final = timedelta(seconds=60)
# A DP base's account last read inactive, or handset slot last read unpaired,
# is read this often only (read_schedule.ReadSchedule).
DORMANT_POLL_INTERVAL: Final = timedelta(minutes=5)
REQUEST_TIMEOUT: Final = 8.0

MANUFACTURER: Final = "Grandstream"
# What a device shows as its model until the phone names its own (its model
# file, or a push): the family, never a model guessed within it.
MODELS: Final = {
    Family.GXP: "GXP series",
    Family.GRP: "GRP series",
    Family.DP: "DP75x series",
}
