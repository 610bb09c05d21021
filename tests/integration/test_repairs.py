"""Repair issues: raised when a setting of the phone stops a feature, gone when fixed."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import CONF_PUSHED_EVENTS, DOMAIN
from simulator import SimulatedPhone
from tests.conftest import poll
from tests.integration.helpers import point_phone_at, pushes_handled, webhook_path

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

GXP_DND = "switch.grandstream_gxp_do_not_disturb"


def issue(
    issue_registry: ir.IssueRegistry, key: str, entry: MockConfigEntry
) -> ir.IssueEntry | None:
    """The repair issue key of entry's phone, if raised."""
    return issue_registry.async_get_issue(DOMAIN, f"{key}_{entry.entry_id}")


@pytest.fixture(params=["gxp", "dp"])
def phone_and_entry(
    request: pytest.FixtureRequest,
) -> tuple[SimulatedPhone, MockConfigEntry]:
    """The GXP phone or the DP base, set up."""
    return (
        request.getfixturevalue(f"{request.param}_phone"),
        request.getfixturevalue(request.param),
    )


@pytest.mark.parametrize("fault", ["http_404", "html"])
async def test_cti_switched_off(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    phone_and_entry: tuple[SimulatedPhone, MockConfigEntry],
    fault: str,
) -> None:
    """A running phone that answers CTI with 404 or a web page: CTI is off."""
    phone, entry = phone_and_entry
    await phone.set_fault(fault)
    await poll(hass, entry)

    raised = issue(issue_registry, "cti_disabled", entry)
    assert raised is not None
    assert raised.severity is ir.IssueSeverity.WARNING
    assert not raised.is_fixable
    assert raised.translation_placeholders == {
        "phone": entry.title,
        "url": f"http://{phone.host}",
    }

    await phone.clear_fault()
    await poll(hass, entry)
    assert issue(issue_registry, "cti_disabled", entry) is None


async def test_unreachable_phone_is_no_cti_repair(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """A phone that is away tells nothing of its CTI settings."""
    await gxp_phone.set_fault("connection_refused")
    await poll(hass, gxp)
    assert issue(issue_registry, "cti_disabled", gxp) is None


async def test_dnd_state_unknown(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """The GXP DND switch, used before any DND push: which slots to fill."""
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": GXP_DND}, blocking=True
        )

    raised = issue(issue_registry, "dnd_state_unknown", gxp)
    assert raised is not None
    assert raised.translation_placeholders == {"phone": gxp.title}

    # The user fills the Open/Close DND slots and presses the phone's DND key.
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.set_dnd(True)
    await pushes_handled(hass, gxp_phone)
    assert issue(issue_registry, "dnd_state_unknown", gxp) is None


async def ring_and_hang_up(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> None:
    """A call rings and is missed, each step seen by a poll."""
    phone.ring(line=1, number="5551234")
    await pushes_handled(hass, phone)
    await poll(hass, entry)
    phone.hangup(line=1)
    await pushes_handled(hass, phone)
    await poll(hass, entry)


async def test_action_urls_silent(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A phone that pushed its calls, then three calls without a push: a repair.

    What the phone pushed is remembered across a restart, where a silence
    usually starts (Home Assistant at a new address); the next push clears it.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    await ring_and_hang_up(hass, gxp_phone, gxp)
    assert gxp.data[CONF_PUSHED_EVENTS] == ["incoming"]

    # Pushes come with every call: no repair, however many calls.
    for _ in range(3):
        await ring_and_hang_up(hass, gxp_phone, gxp)
    assert issue(issue_registry, "action_urls_silent", gxp) is None

    await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()
    gxp_phone.action_url.clear_templates()
    for _ in range(2):
        await ring_and_hang_up(hass, gxp_phone, gxp)
    assert issue(issue_registry, "action_urls_silent", gxp) is None
    await ring_and_hang_up(hass, gxp_phone, gxp)

    raised = issue(issue_registry, "action_urls_silent", gxp)
    assert raised is not None
    assert raised.translation_placeholders == {"phone": gxp.title}

    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(line=1, number="5551234")
    await pushes_handled(hass, gxp_phone)
    assert issue(issue_registry, "action_urls_silent", gxp) is None


async def test_calls_without_pushes_ever(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """A phone that never pushed is only polled, as the user chose: no repair."""
    for _ in range(5):
        await ring_and_hang_up(hass, gxp_phone, gxp)
    assert issue(issue_registry, "action_urls_silent", gxp) is None
    assert CONF_PUSHED_EVENTS not in gxp.data


async def test_a_dnd_push_is_no_call(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """Only the pushes of a call starting teach what the phone announces."""
    response = await http.get(webhook_path(gxp), params={"event": "dnd_on"})
    assert response.status == 200
    assert CONF_PUSHED_EVENTS not in gxp.data


async def test_repairs_go_with_the_entry(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """A phone removed from Home Assistant leaves no repair behind."""
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": GXP_DND}, blocking=True
        )
    await gxp_phone.set_fault("http_404")
    await poll(hass, gxp)
    assert issue(issue_registry, "dnd_state_unknown", gxp) is not None
    assert issue(issue_registry, "cti_disabled", gxp) is not None

    await hass.config_entries.async_remove(gxp.entry_id)
    await hass.async_block_till_done()

    assert [i for i in issue_registry.issues.values() if i.domain == DOMAIN] == []
