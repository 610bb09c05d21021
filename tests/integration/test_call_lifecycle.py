"""Calls from ring to hang-up, as the sensors and call events show them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone
from tests.conftest import poll

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

NUMBER = "+4930123456"
NAME = "Alice Example"


@dataclass(frozen=True, kw_only=True)
class Target:
    """A simulated phone set up in Home Assistant, seen from one station."""

    hass: HomeAssistant
    phone: SimulatedPhone
    entry: MockConfigEntry
    hs: int | None
    device: str

    @property
    def account(self) -> dict[str, Any]:
        """Which number a call on the phone's first account was to or from.

        A GXP phone lists its accounts' numbers and names (api-get_accounts);
        a DP base tells neither.
        """
        if self.hs is None:
            return {"account": 1, "local_number": "1001", "account_name": "Account 1"}
        return {"account": 1, "local_number": None, "account_name": None}

    def entity(self, domain: str, key: str) -> str:
        """The entity id of one of the station's entities."""
        return f"{domain}.{self.device}_{key}"

    def state(self, domain: str, key: str) -> str:
        """The state of one of the station's entities."""
        state = self.hass.states.get(self.entity(domain, key))
        assert state is not None
        return state.state

    def attributes(self, domain: str, key: str) -> dict[str, Any]:
        """The state attributes of one of the station's entities."""
        state = self.hass.states.get(self.entity(domain, key))
        assert state is not None
        return dict(state.attributes)

    async def press(self, key: str) -> None:
        """Press one of the station's buttons, as the UI does."""
        await self.hass.services.async_call(
            "button", "press", {"entity_id": self.entity("button", key)}, blocking=True
        )

    async def poll(self) -> None:
        """Read the phone now."""
        await poll(self.hass, self.entry)

    def operations(self, cmd: str | None = None) -> list[dict[str, str]]:
        """The call operations the phone received (for this handset on a DP)."""
        if self.hs is None:
            requests = self.phone.requests_for("api-phone_operation")
        else:
            requests = self.phone.requests_for("api-device_operation", hs=str(self.hs))
        params = [
            {
                name: value
                for name, value in request.params.items()
                if name != "passcode"
            }
            for request in requests
        ]
        return [p for p in params if cmd is None or p.get("cmd") == cmd]


class CallEvents:
    """Every call event an event entity fires, with its attributes."""

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        """Listen to the event entity's state changes."""
        self.fired: list[dict[str, Any]] = []
        self._seen: set[tuple[str, Any]] = set()
        async_track_state_change_event(hass, entity_id, self._changed)

    @callback
    def _changed(self, event: Event[EventStateChangedData]) -> None:
        # An event entity's state is the time of its last event, to the
        # millisecond: a new time or type is a new event (two polls can fall in
        # one millisecond); coming back from unavailable shows an old one again.
        state = event.data["new_state"]
        if state is None or state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
            return
        key = (state.state, state.attributes.get("event_type"))
        if key not in self._seen:
            self._seen.add(key)
            self.fired.append(dict(state.attributes))

    @property
    def types(self) -> list[str]:
        """The event types fired, oldest first."""
        return [attributes["event_type"] for attributes in self.fired]


@pytest.fixture(params=["gxp", "dp"])
def target(request: pytest.FixtureRequest, hass: HomeAssistant) -> Target:
    """The GXP phone, or handset 1 of the DP base, set up in Home Assistant."""
    family: str = request.param
    return Target(
        hass=hass,
        phone=request.getfixturevalue(f"{family}_phone"),
        entry=request.getfixturevalue(family),
        hs=None if family == "gxp" else 1,
        device="grandstream_gxp" if family == "gxp" else "grandstream_dp_handset_1",
    )


@pytest.fixture
def events(target: Target) -> CallEvents:
    """The call events of the target's event entity."""
    return CallEvents(target.hass, target.entity("event", "call"))


def expected_event(target: Target, event_type: str, **values: Any) -> dict[str, Any]:
    """The attributes a call event on the target carries."""
    attributes = {"event_type": event_type, **target.account, **values}
    if target.hs is not None:
        attributes |= {"handset": target.hs, "rings_elsewhere": False}
    return attributes


def event_attributes(fired: dict[str, Any]) -> dict[str, Any]:
    """A fired event's own attributes, without the entity's fixed ones."""
    return {
        key: value
        for key, value in fired.items()
        if key not in ("event_types", "friendly_name")
    }


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_answered_call(target: Target, events: CallEvents) -> None:
    """Ring, answer from Home Assistant, hold, resume, hang up."""
    phone = target.phone
    assert target.state("sensor", "call_state") == "idle"

    phone.ring(1, NUMBER, NAME, hs=target.hs)
    await target.poll()
    assert target.state("sensor", "call_state") == "ringing"
    assert target.state("binary_sensor", "ringing") == STATE_ON
    assert target.state("binary_sensor", "in_call") == STATE_OFF
    assert target.state("sensor", "remote_number") == NUMBER
    assert target.state("sensor", "remote_name") == NAME
    assert target.attributes("sensor", "call_state") | {"friendly_name": None} == {
        "device_class": "enum",
        "friendly_name": None,
        "options": [
            "idle",
            "ringing",
            "dialing",
            "talking",
            "on_hold",
            "failed",
            "other",
        ],
        "line": 1,
        "remote_number": NUMBER,
        "remote_name": NAME,
        "phone_state": "ringing",
        **target.account,
    }
    incoming = expected_event(target, "incoming", number=NUMBER, name=NAME, line=1)
    assert [event_attributes(fired) for fired in events.fired] == [incoming]
    assert event_attributes(target.attributes("event", "call")) == incoming

    await target.press("answer")
    operations = target.operations("acceptcall")
    assert len(operations) == 1
    if target.hs is None:
        assert operations == [{"cmd": "acceptcall"}]
    else:
        assert operations == [{"cmd": "acceptcall", "hs": "1", "line": "1"}]
    await target.poll()
    assert target.state("sensor", "call_state") == "talking"
    assert target.state("binary_sensor", "ringing") == STATE_OFF
    assert target.state("binary_sensor", "in_call") == STATE_ON
    assert events.fired[-1] == events.fired[-1] | expected_event(
        target, "answered", number=NUMBER, name=NAME, line=1
    )

    await target.press("hold")
    await target.poll()
    assert target.state("sensor", "call_state") == "on_hold"
    assert target.state("binary_sensor", "in_call") == STATE_ON
    assert events.types == ["incoming", "answered"]

    await target.press("resume")
    if target.hs is None:
        # api-phone_operation has no unholdcall: the held line's key resumes.
        assert target.operations("unholdcall") == []
        keys = target.phone.requests_for("api-send_key")
        assert [request.params["keys"] for request in keys] == ["LINE1"]
    else:
        assert len(target.operations("unholdcall")) == 1
    await target.poll()
    assert target.state("sensor", "call_state") == "talking"
    assert events.types == ["incoming", "answered"]

    await target.press("hang_up")
    assert len(target.operations("endcall")) == 1
    await target.poll()
    assert target.state("sensor", "call_state") == "idle"
    assert target.state("sensor", "remote_number") == STATE_UNKNOWN
    assert target.state("binary_sensor", "in_call") == STATE_OFF
    assert events.types == ["incoming", "answered", "ended"]
    # The idle line no longer names the caller; the event still does.
    assert events.fired[-1] == events.fired[-1] | expected_event(
        target, "ended", number=NUMBER, name=NAME, line=1
    )


async def test_missed_call(target: Target, events: CallEvents) -> None:
    """A call that stops ringing unanswered is missed."""
    target.phone.ring(1, NUMBER, NAME, hs=target.hs)
    await target.poll()
    target.phone.hangup(1, hs=target.hs)
    await target.poll()

    assert target.state("sensor", "call_state") == "idle"
    assert target.state("binary_sensor", "ringing") == STATE_OFF
    assert events.types == ["incoming", "missed"]
    assert event_attributes(target.attributes("event", "call")) == expected_event(
        target, "missed", number=NUMBER, name=NAME, line=1
    )


async def test_outgoing_call(target: Target, events: CallEvents) -> None:
    """A call dialled on the phone goes out, is answered, and ends."""
    target.phone.dial("5550100", hs=target.hs)
    await target.poll()
    assert target.state("sensor", "call_state") == "dialing"
    assert event_attributes(target.attributes("event", "call")) == expected_event(
        target, "outgoing", number="5550100", name=None, line=1
    )

    target.phone.remote_answer(hs=target.hs)
    await target.poll()
    assert target.state("sensor", "call_state") == "talking"
    assert target.state("binary_sensor", "in_call") == STATE_ON

    target.phone.hangup(hs=target.hs)
    await target.poll()
    assert target.state("sensor", "call_state") == "idle"
    assert events.types == ["outgoing", "answered", "ended"]


async def test_no_change_fires_nothing(target: Target, events: CallEvents) -> None:
    """Polls that find the same state fire no event."""
    await target.poll()
    await target.poll()
    assert events.fired == []

    target.phone.ring(1, NUMBER, NAME, hs=target.hs)
    await target.poll()
    await target.poll()
    await target.poll()
    assert events.types == ["incoming"]


async def test_failed_poll_fires_no_duplicate(
    target: Target, events: CallEvents
) -> None:
    """A poll that fails between two that agree fires nothing again."""
    target.phone.ring(1, NUMBER, NAME, hs=target.hs)
    await target.poll()

    await target.phone.set_fault("connection_refused")
    await target.poll()
    assert target.state("sensor", "call_state") == STATE_UNAVAILABLE
    await target.phone.clear_fault()
    await target.poll()

    assert target.state("sensor", "call_state") == "ringing"
    assert events.types == ["incoming"]


async def test_event_during_outage(target: Target, events: CallEvents) -> None:
    """A call that starts while the phone is unreachable fires once it answers."""
    await target.phone.set_fault("connection_refused")
    await target.poll()
    target.phone.ring(1, NUMBER, NAME, hs=target.hs)
    await target.poll()
    assert events.fired == []

    await target.phone.clear_fault()
    await target.poll()
    assert events.types == ["incoming"]


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_call_waiting(target: Target, events: CallEvents) -> None:
    """A second call ringing during a call speaks for the phone."""
    target.phone.ring(1, NUMBER, NAME, hs=target.hs)
    target.phone.answer(1, hs=target.hs)
    await target.poll()
    assert target.state("sensor", "call_state") == "talking"

    target.phone.ring(2, "5550199", "Bob", hs=target.hs)
    await target.poll()

    assert target.state("sensor", "call_state") == "ringing"
    assert target.attributes("sensor", "call_state")["line"] == 2
    assert target.state("sensor", "remote_number") == "5550199"
    assert target.state("binary_sensor", "ringing") == STATE_ON
    assert target.state("binary_sensor", "in_call") == STATE_ON
    assert event_attributes(target.attributes("event", "call")) == expected_event(
        target, "incoming", number="5550199", name="Bob", line=2
    )


async def test_unknown_line_state(target: Target, events: CallEvents) -> None:
    """A line state we do not know shows as other, with the phone's own word."""
    line = target.phone.line(1, hs=target.hs)
    line.state = "conferencing"  # type: ignore[assignment]
    line.remote_number = NUMBER
    await target.poll()

    assert target.state("sensor", "call_state") == "other"
    attributes = target.attributes("sensor", "call_state")
    assert attributes["phone_state"] == "conferencing"
    assert attributes["remote_number"] == NUMBER
    assert target.state("binary_sensor", "ringing") == STATE_OFF
    assert target.state("binary_sensor", "in_call") == STATE_OFF
    assert events.fired == []
