// What the card shows, worked out from Home Assistant's state objects without
// any DOM: the card renders this, and test/model.test.js checks it.

export const DOMAIN = "grandstream_cti";

// The entities the card reads, by "<platform domain>.<translation_key>".
const KEYS = [
  "sensor.call_state",
  "sensor.missed_calls",
  "sensor.last_call",
  "sensor.line_state",
  "switch.dnd",
  "button.clear_missed_calls",
];

// The call-control operations of grandstream_cti.call_control, in the order
// the card shows them, with the button entity whose translated name labels them.
export const CALL_ACTIONS = [
  { key: "answer", operation: "accept", when: ["ringing"] },
  { key: "reject", operation: "reject", when: ["ringing"] },
  { key: "hang_up", operation: "end", when: ["talking", "on_hold", "dialing"] },
  { key: "hold", operation: "hold", when: ["talking"] },
  { key: "resume", operation: "unhold", when: ["on_hold"] },
];

const UNAVAILABLE = ["unavailable", "unknown"];

/**
 * The device's own entities, found in Home Assistant's entity registry (the
 * display entries of hass.entities) by device, integration and translation
 * key: entity ids are the user's to rename.
 * Returns { "<domain>.<key>": entity_id, lines: [entity_id, ...] }.
 */
export function deviceEntities(entities, deviceId) {
  const found = { lines: [] };
  for (const entry of Object.values(entities || {})) {
    if (entry.device_id !== deviceId || entry.platform !== DOMAIN) continue;
    const key = `${entry.entity_id.split(".")[0]}.${entry.translation_key}`;
    if (!KEYS.includes(key)) continue;
    if (key === "sensor.line_state") found.lines.push(entry.entity_id);
    else found[key] = entry.entity_id;
  }
  found.lines.sort();
  return found;
}

/** Every entity id the card reads: it renders again only when one changed. */
export function watchedIds(found) {
  return [...KEYS.map((key) => found[key]).filter(Boolean), ...found.lines];
}

/**
 * The state objects of the card's own entities. Home Assistant replaces a
 * state object only when that entity changed: two of these are the same when
 * each object is, whatever else changed in the house.
 */
export function ownStates(ids, states) {
  return Object.fromEntries(ids.map((id) => [id, states[id]]));
}

export function sameStates(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => a[id] === b[id]);
}

/** The first device with a Grandstream call state: the card picker's preview. */
export function firstDevice(entities) {
  const entry = Object.values(entities || {}).find(
    (e) => e.platform === DOMAIN && e.translation_key === "call_state" && e.device_id,
  );
  return entry ? entry.device_id : undefined;
}

function line(stateObj) {
  const attributes = stateObj.attributes || {};
  return {
    entityId: stateObj.entity_id,
    state: stateObj.state,
    name: attributes.remote_name || null,
    number: attributes.remote_number || null,
    // The call state's last change: when a talking line started talking.
    since: Date.parse(stateObj.last_changed),
  };
}

/**
 * What the card shows of a phone or handset.
 * states: hass.states; found: deviceEntities(...).
 */
export function phoneView(states, found) {
  const callState = states[found["sensor.call_state"]];
  if (!callState) return { status: "missing" };
  if (callState.state === "unavailable") {
    return { status: "unavailable" };
  }
  // Each busy line, from the per-line sensors where the user enabled them;
  // else the one line the call state speaks for.
  const lineStates = found.lines.map((id) => states[id]).filter(Boolean);
  const busy = (lineStates.length ? lineStates : [callState])
    .filter((s) => !["idle", ...UNAVAILABLE].includes(s.state))
    .map(line);
  const busyStates = new Set(busy.map((l) => l.state));
  const ringing = busyStates.has("ringing");
  return {
    status: "available",
    callState,
    lines: busy,
    ringing,
    actions: CALL_ACTIONS.filter((a) => a.when.some((s) => busyStates.has(s))),
    dnd: dndView(states[found["switch.dnd"]]),
    missed: missedView(states[found["sensor.missed_calls"]]),
    canClearMissed: Boolean(found["button.clear_missed_calls"]),
    lastCall: lastCallView(states[found["sensor.last_call"]]),
  };
}

/**
 * Do not disturb: the offer the switch allows now. A GXP phone's DND is
 * unknown until the phone told it (its switch then refuses): no offer. A DP
 * handset's is an assumed state: both are always offered.
 */
export function dndView(stateObj) {
  if (!stateObj || stateObj.state === "unavailable") return { on: null, offers: [] };
  const on = stateObj.state === "on" ? true : stateObj.state === "off" ? false : null;
  if (stateObj.attributes && stateObj.attributes.assumed_state) {
    return { on, offers: ["turn_on", "turn_off"] };
  }
  if (on === null) return { on, offers: [] };
  return { on, offers: [on ? "turn_off" : "turn_on"] };
}

function missedView(stateObj) {
  const calls = (stateObj && stateObj.attributes && stateObj.attributes.calls) || [];
  return calls.map((call) => ({
    time: Date.parse(call.time),
    name: call.name || null,
    number: call.number || null,
  }));
}

function lastCallView(stateObj) {
  if (!stateObj || UNAVAILABLE.includes(stateObj.state)) return null;
  const a = stateObj.attributes || {};
  if (!a.number && !a.name) return null;
  return {
    time: Date.parse(stateObj.state),
    direction: a.direction || null,
    name: a.name || null,
    number: a.number || null,
    answered: a.answered,
    duration: a.duration,
    // How it ended for this phone (answered, missed, rejected,
    // answered_elsewhere, not_answered): the integration translates it.
    outcome: a.outcome || null,
  };
}

/**
 * One card for a phone or handset and, as an option, more handsets: their
 * busy lines together, a call ringing on several of them (a DP base's
 * ring-all) shown once. Each action names the devices it is for: a ring-all
 * call is answered on the first handset it rings on and declined on all.
 * DND, the missed calls and the last call are the first device's (the next
 * one's while the first does not answer).
 * devices: [{ device, found }], the card's own device first.
 */
export function cardView(states, devices) {
  const [first, ...more] = devices.map(({ device, found }) => ({
    device,
    view: phoneView(states, found),
  }));
  const available = [first, ...more].filter((d) => d.view.status === "available");
  if (first.view.status === "missing") return first.view;
  if (!available.length) return first.view;
  const lines = [];
  for (const { device, view } of available) {
    for (const busy of view.lines) {
      const same = lines.find(
        (l) =>
          busy.state === "ringing" &&
          l.state === "ringing" &&
          (l.number || l.name) === (busy.number || busy.name),
      );
      if (same) same.devices.push(device);
      else lines.push({ ...busy, devices: [device] });
    }
  }
  const actions = [];
  for (const action of CALL_ACTIONS) {
    for (const busy of lines.filter((l) => action.when.includes(l.state))) {
      const targets = action.key === "answer" ? busy.devices.slice(0, 1) : busy.devices;
      if (!actions.some((a) => a.key === action.key && a.devices.join() === targets.join())) {
        actions.push({ ...action, devices: targets });
      }
    }
  }
  const home = first.view.status === "available" ? first.view : available[0].view;
  return {
    ...home,
    lines,
    ringing: lines.some((l) => l.state === "ringing"),
    actions,
    several: devices.length > 1,
  };
}

/** A duration in seconds as the phone's display shows it: 4:05, 1:02:03. */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  if (hours) return `${hours}:${String(minutes).padStart(2, "0")}:${rest}`;
  return `${minutes}:${rest}`;
}

/** What grandstream_cti.make_call takes: digits, * and #, an optional leading +. */
export function dialable(number) {
  return /^\+?[0-9*#]+$/.test(number);
}

/** The keys of the dial pad, as the phone's. */
export const DIAL_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
