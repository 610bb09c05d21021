// What the card shows for each state of a phone, and which buttons it offers.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  deviceEntities,
  dialable,
  dndView,
  firstDevice,
  formatDuration,
  cardView,
  ownStates,
  phoneView,
  sameStates,
  watchedIds,
} from "../src/model.js";

const DEVICE = "dev1";

function entry(entity_id, translation_key, device_id = DEVICE, platform = "grandstream_cti") {
  return { entity_id, translation_key, device_id, platform };
}

const ENTITIES = Object.fromEntries(
  [
    entry("sensor.desk_call_state", "call_state"),
    entry("sensor.desk_missed_calls", "missed_calls"),
    entry("sensor.desk_last_call", "last_call"),
    entry("switch.desk_dnd", "dnd"),
    entry("button.desk_clear", "clear_missed_calls"),
    entry("button.desk_answer", "answer"),
    // Another phone's, and another integration's on this device.
    entry("sensor.other_call_state", "call_state", "dev2"),
    entry("sensor.desk_power", "call_state", DEVICE, "other"),
  ].map((e) => [e.entity_id, e]),
);

function state(entity_id, value, attributes = {}, last_changed = "2026-12-01T10:00:00Z") {
  return { entity_id, state: value, attributes, last_changed };
}

function states(callState, attributes = {}, extra = {}) {
  return {
    "sensor.desk_call_state": state("sensor.desk_call_state", callState, attributes),
    "switch.desk_dnd": state("switch.desk_dnd", "off"),
    "sensor.desk_missed_calls": state("sensor.desk_missed_calls", "0", { calls: [] }),
    "sensor.desk_last_call": state("sensor.desk_last_call", "unknown", {}),
    ...extra,
  };
}

const found = deviceEntities(ENTITIES, DEVICE);
const actions = (view) => view.actions.map((a) => a.key);

test("finds the device's own entities by translation key, not by entity id", () => {
  assert.deepEqual(found, {
    lines: [],
    "sensor.call_state": "sensor.desk_call_state",
    "sensor.missed_calls": "sensor.desk_missed_calls",
    "sensor.last_call": "sensor.desk_last_call",
    "switch.dnd": "switch.desk_dnd",
    "button.clear_missed_calls": "button.desk_clear",
  });
  assert.ok(!watchedIds(found).includes("sensor.other_call_state"));
  assert.equal(firstDevice(ENTITIES), DEVICE);
});

test("idle: no call buttons, no line, DND can be turned on", () => {
  const view = phoneView(states("idle"), found);
  assert.equal(view.status, "available");
  assert.deepEqual(view.lines, []);
  assert.deepEqual(actions(view), []);
  assert.equal(view.ringing, false);
  assert.deepEqual(view.dnd, { on: false, offers: ["turn_on"] });
});

test("ringing: the caller, answer and decline only", () => {
  const view = phoneView(
    states("ringing", { remote_name: "Alice", remote_number: "5551234" }),
    found,
  );
  assert.equal(view.ringing, true);
  assert.deepEqual(
    view.lines.map((l) => [l.state, l.name, l.number]),
    [["ringing", "Alice", "5551234"]],
  );
  assert.deepEqual(actions(view), ["answer", "reject"]);
  assert.deepEqual(
    view.actions.map((a) => a.operation),
    ["accept", "reject"],
  );
});

test("talking: hang up and hold; the call's start for its duration", () => {
  const view = phoneView(states("talking", { remote_number: "5551234" }), found);
  assert.equal(view.ringing, false);
  assert.deepEqual(actions(view), ["hang_up", "hold"]);
  assert.equal(view.lines[0].name, null);
  assert.equal(view.lines[0].since, Date.parse("2026-12-01T10:00:00Z"));
});

test("on hold: resume and hang up; dialing: hang up only", () => {
  assert.deepEqual(actions(phoneView(states("on_hold"), found)), ["hang_up", "resume"]);
  assert.deepEqual(actions(phoneView(states("dialing"), found)), ["hang_up"]);
});

test("each busy line from the per-line sensors: a second call ringing while talking", () => {
  const lines = { ...found, lines: ["sensor.desk_line_1", "sensor.desk_line_2", "sensor.desk_line_3"] };
  const view = phoneView(
    states("talking", {}, {
      "sensor.desk_line_1": state("sensor.desk_line_1", "talking", { remote_name: "Alice" }),
      "sensor.desk_line_2": state("sensor.desk_line_2", "ringing", { remote_number: "5550001" }),
      "sensor.desk_line_3": state("sensor.desk_line_3", "idle"),
    }),
    lines,
  );
  assert.deepEqual(
    view.lines.map((l) => [l.state, l.name, l.number]),
    [
      ["talking", "Alice", null],
      ["ringing", null, "5550001"],
    ],
  );
  assert.equal(view.ringing, true);
  assert.deepEqual(actions(view), ["answer", "reject", "hang_up", "hold"]);
});

test("unavailable: no buttons, no calls, only the notice", () => {
  assert.deepEqual(phoneView(states("unavailable"), found), { status: "unavailable" });
});

test("a device without the integration's call state", () => {
  assert.deepEqual(phoneView({}, deviceEntities(ENTITIES, "nothing")), { status: "missing" });
});

test("DND: a GXP's unknown state offers nothing; a DP handset's assumed state both", () => {
  assert.deepEqual(dndView(state("switch.x", "on")), { on: true, offers: ["turn_off"] });
  assert.deepEqual(dndView(state("switch.x", "unknown")), { on: null, offers: [] });
  assert.deepEqual(dndView(state("switch.x", "unknown", { assumed_state: true })), {
    on: null,
    offers: ["turn_on", "turn_off"],
  });
  assert.deepEqual(dndView(undefined), { on: null, offers: [] });
});

test("missed calls and the last call, from the sensors' attributes", () => {
  const view = phoneView(
    states("idle", {}, {
      "sensor.desk_missed_calls": state("sensor.desk_missed_calls", "2", {
        calls: [
          { time: "2026-12-01T14:05:12+00:00", number: "5551234", name: "Alice" },
          { time: "2026-12-01T09:41:03+00:00", number: "5550202", name: null },
        ],
      }),
      "sensor.desk_last_call": state("sensor.desk_last_call", "2026-12-01T15:00:00+00:00", {
        direction: "outgoing",
        number: "5550202",
        name: null,
        answered: true,
        duration: 65,
        outcome: "answered",
      }),
    }),
    found,
  );
  assert.deepEqual(view.missed, [
    { time: Date.parse("2026-12-01T14:05:12+00:00"), name: "Alice", number: "5551234" },
    { time: Date.parse("2026-12-01T09:41:03+00:00"), name: null, number: "5550202" },
  ]);
  assert.equal(view.canClearMissed, true);
  assert.deepEqual(view.lastCall, {
    time: Date.parse("2026-12-01T15:00:00+00:00"),
    direction: "outgoing",
    name: null,
    number: "5550202",
    answered: true,
    duration: 65,
    outcome: "answered",
  });
  assert.equal(phoneView(states("idle"), found).lastCall, null);
});

test("durations as a phone shows them; what can be dialled", () => {
  assert.equal(formatDuration(0), "0:00");
  assert.equal(formatDuration(65.9), "1:05");
  assert.equal(formatDuration(3723), "1:02:03");
  assert.ok(dialable("+4930123456"));
  assert.ok(dialable("*97#"));
  assert.ok(!dialable(""));
  assert.ok(!dialable("555 1234"));
  assert.ok(!dialable("12+3"));
});

test("renders again only when one of its own entities changed", () => {
  const ids = watchedIds(found);
  const before = { ...states("idle"), "light.kitchen": state("light.kitchen", "off") };
  const seen = ownStates(ids, before);
  // Another entity of the house changed: Home Assistant made it a new object.
  const kitchen = { ...before, "light.kitchen": state("light.kitchen", "on") };
  assert.ok(sameStates(ownStates(ids, kitchen), seen));
  // The phone's call state changed.
  const ringing = { ...before, "sensor.desk_call_state": state("sensor.desk_call_state", "ringing") };
  assert.ok(!sameStates(ownStates(ids, ringing), seen));
  // An entity of its own appeared (the registry gave it a new one).
  assert.ok(!sameStates(ownStates([...ids, "sensor.desk_line_1"], before), seen));
});

const HANDSETS = Object.fromEntries(
  [
    entry("sensor.hs1_call_state", "call_state", "hs1"),
    entry("sensor.hs2_call_state", "call_state", "hs2"),
  ].map((e) => [e.entity_id, e]),
);
const handsets = ["hs1", "hs2"].map((device) => ({
  device,
  found: deviceEntities(HANDSETS, device),
}));

function handsetStates(hs1, hs2) {
  return {
    "sensor.hs1_call_state": state("sensor.hs1_call_state", ...hs1),
    "sensor.hs2_call_state": state("sensor.hs2_call_state", ...hs2),
  };
}

const targets = (view) => view.actions.map((a) => `${a.key} ${a.devices.join("+")}`);

test("one device: each action for it", () => {
  const view = cardView(states("ringing", { remote_number: "5551234" }), [
    { device: DEVICE, found },
  ]);
  assert.deepEqual(targets(view), ["answer dev1", "reject dev1"]);
  assert.equal(view.several, false);
});

test("a call ringing on two handsets is shown once: answered on one, declined on both", () => {
  const ring = ["ringing", { remote_number: "5551234", remote_name: "Alice" }];
  const view = cardView(handsetStates(ring, ring), handsets);
  assert.deepEqual(
    view.lines.map((l) => [l.name, l.devices]),
    [["Alice", ["hs1", "hs2"]]],
  );
  assert.deepEqual(targets(view), ["answer hs1", "reject hs1+hs2"]);
  assert.equal(view.several, true);
});

test("two handsets on two calls: each line, each handset's buttons", () => {
  const view = cardView(
    handsetStates(["talking", { remote_number: "5551234" }], ["ringing", { remote_number: "5550001" }]),
    handsets,
  );
  assert.deepEqual(
    view.lines.map((l) => [l.state, l.devices]),
    [
      ["talking", ["hs1"]],
      ["ringing", ["hs2"]],
    ],
  );
  assert.deepEqual(targets(view), ["answer hs2", "reject hs2", "hang_up hs1", "hold hs1"]);
});

test("a handset that does not answer leaves the other's calls on the card", () => {
  const view = cardView(
    handsetStates(["unavailable", {}], ["ringing", { remote_number: "5550001" }]),
    handsets,
  );
  assert.equal(view.status, "available");
  assert.deepEqual(targets(view), ["answer hs2", "reject hs2"]);
  assert.deepEqual(
    cardView(handsetStates(["unavailable", {}], ["unavailable", {}]), handsets),
    { status: "unavailable" },
  );
});
