// The card: plain custom elements on Home Assistant's public card contract
// (setConfig, the hass property, getCardSize/getGridOptions, getConfigForm,
// getStubConfig), styled only with the theme's CSS variables. ha-card is the
// container Home Assistant's custom card documentation builds on; no other
// element of the frontend is used.
import { h } from "./dom.js";
import {
  DIAL_KEYS,
  DOMAIN,
  deviceEntities,
  dialable,
  cardView,
  firstDevice,
  formatDuration,
  ownStates,
  sameStates,
  watchedIds,
} from "./model.js";
import { words } from "./strings.js";
import { STYLE } from "./style.js";

export const CARD_TYPE = "grandstream-phone-card";

export class GrandstreamPhoneCard extends HTMLElement {
  /**
   * The visual editor: a form Home Assistant draws itself from this schema
   * (the device selector, limited to this integration's devices), rather
   * than an editor element of our own built on the frontend's ha-form and
   * ha-selector, which are internal and may change.
   */
  static getConfigForm() {
    const w = words(document.documentElement.lang);
    return {
      schema: [
        { name: "device", required: true, selector: { device: { integration: DOMAIN } } },
        {
          name: "handsets",
          selector: { device: { integration: DOMAIN, multiple: true } },
        },
      ],
      computeLabel: (schema) => w[schema.name],
    };
  }

  static getStubConfig(hass) {
    return { device: firstDevice(hass.entities) };
  }

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._seen = {};
    this._timer = undefined;
  }

  setConfig(config) {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    this._config = config;
    this._devices = [config.device, ...(config.handsets || [])].filter(Boolean);
    this._found = undefined;
    this._seen = {};
    if (this._hass) this._update(true);
  }

  set hass(hass) {
    const first = !this._hass;
    const language = this._hass && this._hass.language;
    this._hass = hass;
    if (first && hass.loadBackendTranslation) {
      // The integration's entity names (Answer, Hang up...) label the buttons.
      hass
        .loadBackendTranslation("entity", DOMAIN)
        .then(() => this._config && this._update(true));
    }
    if (this._config) this._update(first || language !== hass.language);
  }

  get hass() {
    return this._hass;
  }

  getCardSize() {
    return 7;
  }

  getGridOptions() {
    return { columns: 12, min_columns: 6 };
  }

  connectedCallback() {
    if (this._view) this._tick();
  }

  disconnectedCallback() {
    clearInterval(this._timer);
    this._timer = undefined;
  }

  // Renders again only when one of the card's own entities has a new state
  // object (Home Assistant replaces a state object only when it changed), or
  // the registry, language or configuration did: not at every state change
  // in the house.
  _update(force) {
    const hass = this._hass;
    if (!this._found || this._entities !== hass.entities) {
      this._entities = hass.entities;
      this._found = this._devices.map((device) => ({
        device,
        found: deviceEntities(hass.entities, device),
      }));
    }
    const ids = this._found.flatMap(({ found }) => watchedIds(found));
    const seen = ownStates(ids, hass.states);
    if (!force && sameStates(seen, this._seen)) return;
    this._seen = seen;
    this._render();
  }

  _render() {
    const hass = this._hass;
    const w = words(hass.language);
    this._words = w;
    if (!this.shadowRoot.firstChild) this._build();
    const view = this._devices.length
      ? cardView(hass.states, this._found)
      : { status: "unconfigured" };
    this._view = view;
    this._card.classList.toggle("ringing", Boolean(view.ringing));
    this._title.textContent = this._deviceName();
    this._status.replaceChildren(...this._statusPart(view, w));
    this._controls.replaceChildren(...this._controlsPart(view, w));
    this._calls.replaceChildren(...this._callsPart(view, w));
    const usable = view.status === "available";
    this._dial.hidden = !usable;
    this._dialLabel.textContent = w.number;
    this._dialButton.textContent = w.dial;
    this._dialButton.setAttribute("aria-label", w.dial);
    this._backspace.setAttribute("aria-label", w.delete_digit);
    this._tick();
  }

  _build() {
    const field = h("input", {
      id: "number",
      type: "tel",
      inputmode: "tel",
      autocomplete: "off",
      oninput: () => this._setError(""),
      onkeydown: (ev) => ev.key === "Enter" && this._dialNumber(),
    });
    this._field = field;
    this._dialLabel = h("label", { for: "number" });
    this._backspace = h("button", {
      class: "icon",
      onclick: () => (field.value = field.value.slice(0, -1)),
    }, "⌫");
    this._dialButton = h("button", { class: "call", onclick: () => this._dialNumber() });
    this._dial = h(
      "section",
      { class: "dial" },
      h("div", { class: "number" }, this._dialLabel, field, this._backspace),
      h(
        "div",
        { class: "keys" },
        DIAL_KEYS.map((key) =>
          h("button", { class: "key", onclick: () => (field.value += key) }, key),
        ),
      ),
      this._dialButton,
    );
    this._title = h("h2", { class: "title" });
    this._status = h("div", { class: "status", "aria-live": "polite" });
    this._controls = h("div", { class: "controls" });
    this._error = h("p", { class: "error", role: "alert", hidden: true });
    this._calls = h("section", { class: "calls" });
    this._card = h(
      "ha-card",
      {},
      this._title,
      this._status,
      this._controls,
      this._error,
      this._dial,
      this._calls,
    );
    this.shadowRoot.append(h("style", {}, STYLE), this._card);
  }

  _deviceName(id = this._config.device) {
    const device = (this._hass.devices || {})[id];
    if (id === this._config.device && this._config.name) return this._config.name;
    return (device && (device.name_by_user || device.name)) || this._words.card_name;
  }

  // With several devices on the card, which of them a line or button is for.
  _whose(devices, view) {
    return view.several ? devices.map((id) => this._deviceName(id)).join(", ") : null;
  }

  // The first device's entity of that key: DND, missed and last call are its.
  _entity(key) {
    return this._found[0].found[key];
  }

  _statusPart(view, w) {
    if (view.status === "unconfigured") return [h("p", { class: "notice" }, w.pick_device)];
    if (view.status === "missing") return [h("p", { class: "notice" }, w.not_found)];
    if (view.status === "unavailable") {
      return [h("p", { class: "notice unavailable" }, w.unavailable)];
    }
    const hass = this._hass;
    const parts = [
      h(
        "div",
        { class: "state" },
        h("span", { class: "state-word" }, hass.formatEntityState(view.callState)),
        view.dnd.on ? h("span", { class: "badge" }, w.dnd_active) : null,
      ),
    ];
    if (view.ringing) parts.push(h("div", { class: "banner" }, w.calling));
    for (const line of view.lines) {
      const stateObj = hass.states[line.entityId];
      parts.push(
        h(
          "div",
          { class: `line ${line.state}` },
          h("span", { class: "caller" }, line.name || line.number || w.unknown_caller),
          line.name && line.number ? h("span", { class: "number" }, line.number) : null,
          view.lines.length > 1 || stateObj !== view.callState
            ? h("span", { class: "line-state" }, hass.formatEntityState(stateObj))
            : null,
          line.state === "talking"
            ? h("span", { class: "duration", "data-since": line.since })
            : null,
          view.several ? h("span", { class: "whose" }, this._whose(line.devices, view)) : null,
        ),
      );
    }
    return parts;
  }

  _controlsPart(view, w) {
    if (view.status !== "available") return [];
    const hass = this._hass;
    const buttons = view.actions.map((action) => {
      const name =
        hass.localize(`component.${DOMAIN}.entity.button.${action.key}.name`) ||
        action.key;
      const whose = this._whose(action.devices, view);
      const label = whose ? `${name} (${whose})` : name;
      return h(
        "button",
        {
          class: `action ${action.key}`,
          "aria-label": label,
          onclick: () =>
            this._call(DOMAIN, "call_control", {
              device_id: action.devices,
              operation: action.operation,
            }),
        },
        label,
      );
    });
    for (const offer of view.dnd.offers) {
      const label = offer === "turn_on" ? w.dnd_on : w.dnd_off;
      buttons.push(
        h(
          "button",
          {
            class: `action dnd ${offer}`,
            "aria-label": label,
            onclick: () =>
              this._call("switch", offer, { entity_id: this._entity("switch.dnd") }),
          },
          label,
        ),
      );
    }
    return buttons;
  }

  _callsPart(view, w) {
    if (view.status !== "available") return [];
    const parts = [];
    const last = view.lastCall;
    if (last) {
      const who = last.name || last.number || w.unknown_caller;
      const how = [
        last.direction ? w[last.direction] : null,
        this._when(last.time),
        last.answered && last.duration != null
          ? formatDuration(last.duration)
          : last.outcome &&
            this._hass.formatEntityAttributeValue(
              this._hass.states[this._entity("sensor.last_call")],
              "outcome",
            ),
      ].filter(Boolean);
      parts.push(
        h("h3", {}, w.last_call),
        h(
          "div",
          { class: "row last" },
          h("span", { class: "who" }, h("span", {}, who), h("small", {}, how.join(" · "))),
          last.number ? this._callButton(last.number, w.redial, `${w.redial}: ${who}`) : null,
        ),
      );
    }
    parts.push(
      h(
        "div",
        { class: "missed-head" },
        h("h3", {}, `${w.missed_calls} (${view.missed.length})`),
        view.missed.length && view.canClearMissed
          ? h(
              "button",
              {
                class: "clear",
                "aria-label": `${w.clear}: ${w.missed_calls}`,
                onclick: () =>
                  this._call("button", "press", {
                    entity_id: this._entity("button.clear_missed_calls"),
                  }),
              },
              w.clear,
            )
          : null,
      ),
    );
    if (!view.missed.length) parts.push(h("p", { class: "empty" }, w.no_missed_calls));
    const list = h("ul", { class: "missed" });
    for (const call of view.missed) {
      const who = call.name || call.number || w.unknown_caller;
      list.append(
        h(
          "li",
          { class: "row" },
          h(
            "span",
            { class: "who" },
            h("span", {}, who),
            h("small", {}, [call.name ? call.number : null, this._when(call.time)].filter(Boolean).join(" · ")),
          ),
          call.number ? this._callButton(call.number, w.call_back, `${w.call_back}: ${who}`) : null,
        ),
      );
    }
    if (view.missed.length) parts.push(list);
    return parts;
  }

  _callButton(number, text, label) {
    return h(
      "button",
      {
        class: "call-back",
        "aria-label": label,
        onclick: () => this._makeCall(number),
      },
      text,
    );
  }

  _when(time) {
    if (Number.isNaN(time)) return null;
    const locale = this._hass.locale || {};
    return new Intl.DateTimeFormat(locale.language || this._hass.language, {
      weekday: "short",
      hour: "numeric",
      minute: "2-digit",
    }).format(new Date(time));
  }

  _dialNumber() {
    const number = this._field.value.trim();
    if (!dialable(number)) {
      this._field.focus();
      return;
    }
    this._makeCall(number).then((ok) => ok && (this._field.value = ""));
  }

  _makeCall(number) {
    return this._call(DOMAIN, "make_call", { device_id: this._config.device, number });
  }

  async _call(domain, service, data) {
    this._setError("");
    try {
      await this._hass.callService(domain, service, data);
      return true;
    } catch (err) {
      this._setError(this._words.failed.replace("{error}", err.message || err));
      return false;
    }
  }

  _setError(text) {
    this._error.textContent = text;
    this._error.hidden = !text;
  }

  // A talking line's duration, counted each second by the card itself: the
  // phone's state does not change while a call goes on.
  _tick() {
    const shown = this.shadowRoot.querySelectorAll(".duration");
    const now = Date.now();
    for (const el of shown) el.textContent = formatDuration((now - Number(el.dataset.since)) / 1000);
    if (shown.length && !this._timer && this.isConnected) {
      this._timer = setInterval(() => this._tick(), 1000);
    } else if (!shown.length && this._timer) {
      clearInterval(this._timer);
      this._timer = undefined;
    }
  }
}
