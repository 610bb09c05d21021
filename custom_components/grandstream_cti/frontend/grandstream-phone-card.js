// Built by scripts/build_card from frontend/src/: edit those, not this file.

// frontend/src/dom.js
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === void 0 || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// frontend/src/model.js
var DOMAIN = "grandstream_cti";
var KEYS = [
  "sensor.call_state",
  "sensor.missed_calls",
  "sensor.last_call",
  "sensor.line_state",
  "switch.dnd",
  "button.clear_missed_calls"
];
var CALL_ACTIONS = [
  { key: "answer", operation: "accept", when: ["ringing"] },
  { key: "reject", operation: "reject", when: ["ringing"] },
  { key: "hang_up", operation: "end", when: ["talking", "on_hold", "dialing"] },
  { key: "hold", operation: "hold", when: ["talking"] },
  { key: "resume", operation: "unhold", when: ["on_hold"] }
];
var UNAVAILABLE = ["unavailable", "unknown"];
function deviceEntities(entities, deviceId) {
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
function watchedIds(found) {
  return [...KEYS.map((key) => found[key]).filter(Boolean), ...found.lines];
}
function ownStates(ids, states) {
  return Object.fromEntries(ids.map((id) => [id, states[id]]));
}
function sameStates(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => a[id] === b[id]);
}
function firstDevice(entities) {
  const entry = Object.values(entities || {}).find(
    (e) => e.platform === DOMAIN && e.translation_key === "call_state" && e.device_id
  );
  return entry ? entry.device_id : void 0;
}
function line(stateObj) {
  const attributes = stateObj.attributes || {};
  return {
    entityId: stateObj.entity_id,
    state: stateObj.state,
    name: attributes.remote_name || null,
    number: attributes.remote_number || null,
    // The call state's last change: when a talking line started talking.
    since: Date.parse(stateObj.last_changed)
  };
}
function phoneView(states, found) {
  const callState = states[found["sensor.call_state"]];
  if (!callState) return { status: "missing" };
  if (callState.state === "unavailable") {
    return { status: "unavailable" };
  }
  const lineStates = found.lines.map((id) => states[id]).filter(Boolean);
  const busy = (lineStates.length ? lineStates : [callState]).filter((s) => !["idle", ...UNAVAILABLE].includes(s.state)).map(line);
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
    lastCall: lastCallView(states[found["sensor.last_call"]])
  };
}
function dndView(stateObj) {
  if (!stateObj || stateObj.state === "unavailable") return { on: null, offers: [] };
  const on = stateObj.state === "on" ? true : stateObj.state === "off" ? false : null;
  if (stateObj.attributes && stateObj.attributes.assumed_state) {
    return { on, offers: ["turn_on", "turn_off"] };
  }
  if (on === null) return { on, offers: [] };
  return { on, offers: [on ? "turn_off" : "turn_on"] };
}
function missedView(stateObj) {
  const calls = stateObj && stateObj.attributes && stateObj.attributes.calls || [];
  return calls.map((call) => ({
    time: Date.parse(call.time),
    name: call.name || null,
    number: call.number || null
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
    outcome: a.outcome || null
  };
}
function cardView(states, devices) {
  const [first, ...more] = devices.map(({ device, found }) => ({
    device,
    view: phoneView(states, found)
  }));
  const available = [first, ...more].filter((d) => d.view.status === "available");
  if (first.view.status === "missing") return first.view;
  if (!available.length) return first.view;
  const lines = [];
  for (const { device, view } of available) {
    for (const busy of view.lines) {
      const same = lines.find(
        (l) => busy.state === "ringing" && l.state === "ringing" && (l.number || l.name) === (busy.number || busy.name)
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
    several: devices.length > 1
  };
}
function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor(s % 3600 / 60);
  const rest = String(s % 60).padStart(2, "0");
  if (hours) return `${hours}:${String(minutes).padStart(2, "0")}:${rest}`;
  return `${minutes}:${rest}`;
}
function dialable(number) {
  return /^\+?[0-9*#]+$/.test(number);
}
var DIAL_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

// frontend/src/strings.js
var STRINGS = {
  en: {
    card_name: "Grandstream phone",
    card_description: "A phone or DP handset: who is calling, answer, hang up, dial, missed calls.",
    pick_device: "Choose a phone or handset in the card's editor.",
    not_found: "This device has no Grandstream CTI entities.",
    unavailable: "The phone does not answer: it is off or restarting, or refuses the password or CTI (Settings → Devices & services and Repairs tell which).",
    calling: "Incoming call",
    unknown_caller: "Unknown caller",
    dnd_on: "Turn do not disturb on",
    dnd_off: "Turn do not disturb off",
    dnd_active: "Do not disturb",
    number: "Number",
    dial: "Call",
    delete_digit: "Delete the last digit",
    redial: "Redial",
    missed_calls: "Missed calls",
    no_missed_calls: "No missed calls",
    call_back: "Call back",
    clear: "Clear",
    last_call: "Last call",
    incoming: "In",
    outgoing: "Out",
    failed: "The phone refused: {error}",
    device: "Phone or handset",
    handsets: "More handsets in this card (a call ringing on all is shown once)"
  },
  de: {
    card_name: "Grandstream-Telefon",
    card_description: "Ein Telefon oder DP-Mobilteil: wer anruft, annehmen, auflegen, wählen, verpasste Anrufe.",
    pick_device: "Wähle im Editor der Karte ein Telefon oder Mobilteil aus.",
    not_found: "Dieses Gerät hat keine Grandstream-CTI-Entitäten.",
    unavailable: "Das Telefon antwortet nicht: Es ist ausgeschaltet oder startet neu, oder es lehnt das Passwort oder CTI ab (Einstellungen → Geräte & Dienste und Reparaturen zeigen, woran es liegt).",
    calling: "Eingehender Anruf",
    unknown_caller: "Unbekannter Anrufer",
    dnd_on: "„Nicht stören“ einschalten",
    dnd_off: "„Nicht stören“ ausschalten",
    dnd_active: "Nicht stören",
    number: "Rufnummer",
    dial: "Anrufen",
    delete_digit: "Letzte Ziffer löschen",
    redial: "Wahlwiederholung",
    missed_calls: "Verpasste Anrufe",
    no_missed_calls: "Keine verpassten Anrufe",
    call_back: "Zurückrufen",
    clear: "Löschen",
    last_call: "Letzter Anruf",
    incoming: "Eingehend",
    outgoing: "Ausgehend",
    failed: "Das Telefon hat abgelehnt: {error}",
    device: "Telefon oder Mobilteil",
    handsets: "Weitere Mobilteile in dieser Karte (ein Anruf, der an allen klingelt, wird nur einmal angezeigt)"
  },
  nl: {
    card_name: "Grandstream-telefoon",
    card_description: "Een telefoon of DP-handset: wie er belt, opnemen, ophangen, bellen, gemiste oproepen.",
    pick_device: "Kies een telefoon of handset in de editor van de kaart.",
    not_found: "Dit apparaat heeft geen Grandstream CTI-entiteiten.",
    unavailable: "De telefoon antwoordt niet: hij staat uit of start opnieuw op, of hij weigert het wachtwoord of CTI (Instellingen → Apparaten en diensten en Reparaties laten zien wat er aan de hand is).",
    calling: "Inkomende oproep",
    unknown_caller: "Onbekende beller",
    dnd_on: "Niet storen inschakelen",
    dnd_off: "Niet storen uitschakelen",
    dnd_active: "Niet storen",
    number: "Nummer",
    dial: "Bellen",
    delete_digit: "Laatste cijfer wissen",
    redial: "Opnieuw bellen",
    missed_calls: "Gemiste oproepen",
    no_missed_calls: "Geen gemiste oproepen",
    call_back: "Terugbellen",
    clear: "Wissen",
    last_call: "Laatste oproep",
    incoming: "Inkomend",
    outgoing: "Uitgaand",
    failed: "De telefoon weigerde: {error}",
    device: "Telefoon of handset",
    handsets: "Meer handsets in deze kaart (een oproep die op alle handsets overgaat, wordt één keer getoond)"
  },
  fr: {
    card_name: "Téléphone Grandstream",
    card_description: "Un téléphone ou un combiné DP : qui appelle, répondre, raccrocher, composer, appels manqués.",
    pick_device: "Choisissez un téléphone ou un combiné dans l'éditeur de la carte.",
    not_found: "Cet appareil n'a aucune entité Grandstream CTI.",
    unavailable: "Le téléphone ne répond pas : il est éteint ou en cours de redémarrage, ou il refuse le mot de passe ou la CTI (Paramètres → Appareils et services et Corrections indiquent la cause).",
    calling: "Appel entrant",
    unknown_caller: "Appelant inconnu",
    dnd_on: "Activer Ne pas déranger",
    dnd_off: "Désactiver Ne pas déranger",
    dnd_active: "Ne pas déranger",
    number: "Numéro",
    dial: "Appeler",
    delete_digit: "Effacer le dernier chiffre",
    redial: "Rappeler le dernier numéro",
    missed_calls: "Appels manqués",
    no_missed_calls: "Aucun appel manqué",
    call_back: "Rappeler",
    clear: "Effacer",
    last_call: "Dernier appel",
    incoming: "Entrant",
    outgoing: "Sortant",
    failed: "Le téléphone a refusé : {error}",
    device: "Téléphone ou combiné",
    handsets: "Autres combinés dans cette carte (un appel qui sonne sur tous n'est affiché qu'une fois)"
  },
  es: {
    card_name: "Teléfono Grandstream",
    card_description: "Un teléfono o terminal DP: quién llama, contestar, colgar, marcar, llamadas perdidas.",
    pick_device: "Elige un teléfono o terminal en el editor de la tarjeta.",
    not_found: "Este dispositivo no tiene entidades de Grandstream CTI.",
    unavailable: "El teléfono no responde: está apagado o reiniciándose, o rechaza la contraseña o CTI (Configuración → Dispositivos y servicios y Reparaciones indican el motivo).",
    calling: "Llamada entrante",
    unknown_caller: "Llamante desconocido",
    dnd_on: "Activar No molestar",
    dnd_off: "Desactivar No molestar",
    dnd_active: "No molestar",
    number: "Número",
    dial: "Llamar",
    delete_digit: "Borrar el último dígito",
    redial: "Volver a marcar",
    missed_calls: "Llamadas perdidas",
    no_missed_calls: "No hay llamadas perdidas",
    call_back: "Devolver la llamada",
    clear: "Borrar",
    last_call: "Última llamada",
    incoming: "Entrante",
    outgoing: "Saliente",
    failed: "El teléfono lo rechazó: {error}",
    device: "Teléfono o terminal",
    handsets: "Más terminales en esta tarjeta (una llamada que suena en todos se muestra una sola vez)"
  },
  it: {
    card_name: "Telefono Grandstream",
    card_description: "Un telefono o portatile DP: chi sta chiamando, rispondi, riaggancia, componi, chiamate perse.",
    pick_device: "Scegli un telefono o un portatile nell'editor della scheda.",
    not_found: "Questo dispositivo non ha entità Grandstream CTI.",
    unavailable: "Il telefono non risponde: è spento o si sta riavviando, oppure rifiuta la password o la funzione CTI (Impostazioni → Dispositivi e servizi e Riparazioni indicano quale).",
    calling: "Chiamata in entrata",
    unknown_caller: "Chiamante sconosciuto",
    dnd_on: "Attiva Non disturbare",
    dnd_off: "Disattiva Non disturbare",
    dnd_active: "Non disturbare",
    number: "Numero",
    dial: "Chiama",
    delete_digit: "Cancella l'ultima cifra",
    redial: "Richiama l'ultimo numero",
    missed_calls: "Chiamate perse",
    no_missed_calls: "Nessuna chiamata persa",
    call_back: "Richiama",
    clear: "Cancella",
    last_call: "Ultima chiamata",
    incoming: "In entrata",
    outgoing: "In uscita",
    failed: "Il telefono ha rifiutato: {error}",
    device: "Telefono o portatile",
    handsets: "Altri portatili in questa scheda (una chiamata che squilla su tutti viene mostrata una sola volta)"
  },
  "pt-BR": {
    card_name: "Telefone Grandstream",
    card_description: "Um telefone ou monofone DP: quem está ligando, atender, desligar, discar, chamadas perdidas.",
    pick_device: "Escolha um telefone ou monofone no editor do cartão.",
    not_found: "Este dispositivo não tem entidades do Grandstream CTI.",
    unavailable: "O telefone não responde: está desligado ou reiniciando, ou recusa a senha ou o CTI (Configurações → Dispositivos & serviços e Reparos indicam qual).",
    calling: "Chamada recebida",
    unknown_caller: "Chamador desconhecido",
    dnd_on: "Ativar o Não perturbe",
    dnd_off: "Desativar o Não perturbe",
    dnd_active: "Não perturbe",
    number: "Número",
    dial: "Ligar",
    delete_digit: "Apagar o último dígito",
    redial: "Rediscar",
    missed_calls: "Chamadas perdidas",
    no_missed_calls: "Nenhuma chamada perdida",
    call_back: "Retornar a ligação",
    clear: "Limpar",
    last_call: "Última chamada",
    incoming: "Recebida",
    outgoing: "Efetuada",
    failed: "O telefone recusou: {error}",
    device: "Telefone ou monofone",
    handsets: "Mais monofones neste cartão (uma chamada que toca em todos é mostrada uma vez)"
  },
  pl: {
    card_name: "Telefon Grandstream",
    card_description: "Telefon lub słuchawka DP: kto dzwoni, odbieranie, rozłączanie, wybieranie numeru, nieodebrane połączenia.",
    pick_device: "Wybierz telefon lub słuchawkę w edytorze karty.",
    not_found: "To urządzenie nie ma encji Grandstream CTI.",
    unavailable: "Telefon nie odpowiada: jest wyłączony lub uruchamia się ponownie albo odrzuca hasło lub CTI (przyczynę pokazują Ustawienia → Urządzenia oraz usługi i Problemy).",
    calling: "Połączenie przychodzące",
    unknown_caller: "Nieznany rozmówca",
    dnd_on: "Włącz tryb Nie przeszkadzać",
    dnd_off: "Wyłącz tryb Nie przeszkadzać",
    dnd_active: "Nie przeszkadzać",
    number: "Numer",
    dial: "Zadzwoń",
    delete_digit: "Usuń ostatnią cyfrę",
    redial: "Wybierz ponownie",
    missed_calls: "Nieodebrane połączenia",
    no_missed_calls: "Brak nieodebranych połączeń",
    call_back: "Oddzwoń",
    clear: "Wyczyść",
    last_call: "Ostatnie połączenie",
    incoming: "Przychodzące",
    outgoing: "Wychodzące",
    failed: "Telefon odmówił: {error}",
    device: "Telefon lub słuchawka",
    handsets: "Więcej słuchawek na tej karcie (połączenie dzwoniące na wszystkich jest pokazywane raz)"
  },
  cs: {
    card_name: "Telefon Grandstream",
    card_description: "Telefon nebo sluchátko DP: kdo volá, přijetí, zavěšení, vytáčení, zmeškané hovory.",
    pick_device: "Vyberte telefon nebo sluchátko v editoru karty.",
    not_found: "Toto zařízení nemá žádné entity Grandstream CTI.",
    unavailable: "Telefon neodpovídá: je vypnutý nebo se restartuje, případně odmítá heslo nebo CTI (příčinu ukáže Nastavení → Zařízení a služby a Opravy).",
    calling: "Příchozí hovor",
    unknown_caller: "Neznámý volající",
    dnd_on: "Zapnout Nerušit",
    dnd_off: "Vypnout Nerušit",
    dnd_active: "Nerušit",
    number: "Číslo",
    dial: "Zavolat",
    delete_digit: "Smazat poslední číslici",
    redial: "Znovu vytočit",
    missed_calls: "Zmeškané hovory",
    no_missed_calls: "Žádné zmeškané hovory",
    call_back: "Zavolat zpět",
    clear: "Vymazat",
    last_call: "Poslední hovor",
    incoming: "Příchozí",
    outgoing: "Odchozí",
    failed: "Telefon odmítl: {error}",
    device: "Telefon nebo sluchátko",
    handsets: "Další sluchátka v této kartě (hovor vyzvánějící na všech se zobrazí jednou)"
  }
};
function words(language) {
  const base = (language || "en").split("-")[0];
  return { ...STRINGS.en, ...STRINGS[language] || STRINGS[base] || {} };
}

// frontend/src/style.js
var STYLE = `
:host { display: block; }
ha-card {
  padding: 16px;
  display: flex;
  flex-direction: column;
  gap: 12px;
  color: var(--primary-text-color);
  box-sizing: border-box;
  height: 100%;
}
ha-card.ringing { outline: 3px solid var(--primary-color); outline-offset: -3px; }
h2.title { margin: 0; font-size: 1.25em; font-weight: 500; overflow-wrap: anywhere; }
h3 { margin: 0; font-size: 1em; font-weight: 500; color: var(--secondary-text-color); }
.status { display: flex; flex-direction: column; gap: 8px; }
.state { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.state-word { font-size: 1.1em; }
.badge {
  font-size: 0.8em; padding: 2px 8px; border-radius: 12px;
  background: var(--error-color); color: var(--text-primary-color);
}
.banner {
  padding: 10px 12px; border-radius: 8px; font-weight: 500; font-size: 1.1em;
  background: var(--primary-color); color: var(--text-primary-color);
  animation: pulse 1s ease-in-out infinite alternate;
}
@keyframes pulse { from { opacity: 1; } to { opacity: 0.6; } }
@media (prefers-reduced-motion: reduce) { .banner { animation: none; } }
.line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.caller { font-size: 1.5em; font-weight: 500; overflow-wrap: anywhere; }
.number, .line-state, .whose, small { color: var(--secondary-text-color); }
.whose { flex-basis: 100%; }
.duration { font-variant-numeric: tabular-nums; margin-left: auto; }
.notice { margin: 0; color: var(--secondary-text-color); }
.notice.unavailable { color: var(--error-color); }
.error { margin: 0; color: var(--error-color); overflow-wrap: anywhere; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; }
.controls:empty { display: none; }
button {
  font: inherit; color: var(--primary-text-color); cursor: pointer;
  background: var(--secondary-background-color, transparent);
  border: 1px solid var(--divider-color); border-radius: 20px;
  min-height: 40px; padding: 6px 16px;
}
button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
button.answer, button.call, button.call-back {
  background: var(--success-color, var(--primary-color)); color: var(--text-primary-color);
  border-color: transparent;
}
button.reject, button.hang_up {
  background: var(--error-color); color: var(--text-primary-color); border-color: transparent;
}
.action { flex: 1 1 auto; }
.dial { display: flex; flex-direction: column; gap: 8px; }
.number { display: flex; align-items: center; gap: 8px; }
.number label { color: var(--secondary-text-color); }
.number input {
  flex: 1; min-width: 0; font: inherit; font-size: 1.2em; padding: 6px 8px;
  color: var(--primary-text-color); background: var(--card-background-color, transparent);
  border: 1px solid var(--divider-color); border-radius: 8px;
}
.keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.key { font-size: 1.2em; border-radius: 8px; }
button.icon { padding: 6px 12px; }
.calls { display: flex; flex-direction: column; gap: 8px; }
.missed-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.missed { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.who { display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; }
.empty { margin: 0; color: var(--secondary-text-color); }
[hidden] { display: none !important; }
`;

// frontend/src/card.js
var CARD_TYPE = "grandstream-phone-card";
var GrandstreamPhoneCard = class extends HTMLElement {
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
          selector: { device: { integration: DOMAIN, multiple: true } }
        }
      ],
      computeLabel: (schema) => w[schema.name]
    };
  }
  static getStubConfig(hass) {
    return { device: firstDevice(hass.entities) };
  }
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._seen = {};
    this._timer = void 0;
  }
  setConfig(config) {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    this._config = config;
    this._devices = [config.device, ...config.handsets || []].filter(Boolean);
    this._found = void 0;
    this._seen = {};
    if (this._hass) this._update(true);
  }
  set hass(hass) {
    const first = !this._hass;
    const language = this._hass && this._hass.language;
    this._hass = hass;
    if (first && hass.loadBackendTranslation) {
      hass.loadBackendTranslation("entity", DOMAIN).then(() => this._config && this._update(true));
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
    this._timer = void 0;
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
        found: deviceEntities(hass.entities, device)
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
    const view = this._devices.length ? cardView(hass.states, this._found) : { status: "unconfigured" };
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
      onkeydown: (ev) => ev.key === "Enter" && this._dialNumber()
    });
    this._field = field;
    this._dialLabel = h("label", { for: "number" });
    this._backspace = h("button", {
      class: "icon",
      onclick: () => field.value = field.value.slice(0, -1)
    }, "⌫");
    this._dialButton = h("button", { class: "call", onclick: () => this._dialNumber() });
    this._dial = h(
      "section",
      { class: "dial" },
      h("div", { class: "number" }, this._dialLabel, field, this._backspace),
      h(
        "div",
        { class: "keys" },
        DIAL_KEYS.map(
          (key) => h("button", { class: "key", onclick: () => field.value += key }, key)
        )
      ),
      this._dialButton
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
      this._calls
    );
    this.shadowRoot.append(h("style", {}, STYLE), this._card);
  }
  _deviceName(id = this._config.device) {
    const device = (this._hass.devices || {})[id];
    if (id === this._config.device && this._config.name) return this._config.name;
    return device && (device.name_by_user || device.name) || this._words.card_name;
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
        view.dnd.on ? h("span", { class: "badge" }, w.dnd_active) : null
      )
    ];
    if (view.ringing) parts.push(h("div", { class: "banner" }, w.calling));
    for (const line2 of view.lines) {
      const stateObj = hass.states[line2.entityId];
      parts.push(
        h(
          "div",
          { class: `line ${line2.state}` },
          h("span", { class: "caller" }, line2.name || line2.number || w.unknown_caller),
          line2.name && line2.number ? h("span", { class: "number" }, line2.number) : null,
          view.lines.length > 1 || stateObj !== view.callState ? h("span", { class: "line-state" }, hass.formatEntityState(stateObj)) : null,
          line2.state === "talking" ? h("span", { class: "duration", "data-since": line2.since }) : null,
          view.several ? h("span", { class: "whose" }, this._whose(line2.devices, view)) : null
        )
      );
    }
    return parts;
  }
  _controlsPart(view, w) {
    if (view.status !== "available") return [];
    const hass = this._hass;
    const buttons = view.actions.map((action) => {
      const name = hass.localize(`component.${DOMAIN}.entity.button.${action.key}.name`) || action.key;
      const whose = this._whose(action.devices, view);
      const label = whose ? `${name} (${whose})` : name;
      return h(
        "button",
        {
          class: `action ${action.key}`,
          "aria-label": label,
          onclick: () => this._call(DOMAIN, "call_control", {
            device_id: action.devices,
            operation: action.operation
          })
        },
        label
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
            onclick: () => this._call("switch", offer, { entity_id: this._entity("switch.dnd") })
          },
          label
        )
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
        last.answered && last.duration != null ? formatDuration(last.duration) : last.outcome && this._hass.formatEntityAttributeValue(
          this._hass.states[this._entity("sensor.last_call")],
          "outcome"
        )
      ].filter(Boolean);
      parts.push(
        h("h3", {}, w.last_call),
        h(
          "div",
          { class: "row last" },
          h("span", { class: "who" }, h("span", {}, who), h("small", {}, how.join(" · "))),
          last.number ? this._callButton(last.number, w.redial, `${w.redial}: ${who}`) : null
        )
      );
    }
    parts.push(
      h(
        "div",
        { class: "missed-head" },
        h("h3", {}, `${w.missed_calls} (${view.missed.length})`),
        view.missed.length && view.canClearMissed ? h(
          "button",
          {
            class: "clear",
            "aria-label": `${w.clear}: ${w.missed_calls}`,
            onclick: () => this._call("button", "press", {
              entity_id: this._entity("button.clear_missed_calls")
            })
          },
          w.clear
        ) : null
      )
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
            h("small", {}, [call.name ? call.number : null, this._when(call.time)].filter(Boolean).join(" · "))
          ),
          call.number ? this._callButton(call.number, w.call_back, `${w.call_back}: ${who}`) : null
        )
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
        onclick: () => this._makeCall(number)
      },
      text
    );
  }
  _when(time) {
    if (Number.isNaN(time)) return null;
    const locale = this._hass.locale || {};
    return new Intl.DateTimeFormat(locale.language || this._hass.language, {
      weekday: "short",
      hour: "numeric",
      minute: "2-digit"
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
    for (const el of shown) el.textContent = formatDuration((now - Number(el.dataset.since)) / 1e3);
    if (shown.length && !this._timer && this.isConnected) {
      this._timer = setInterval(() => this._tick(), 1e3);
    } else if (!shown.length && this._timer) {
      clearInterval(this._timer);
      this._timer = void 0;
    }
  }
};

// frontend/src/index.js
if (!customElements.get(CARD_TYPE)) {
  customElements.define(CARD_TYPE, GrandstreamPhoneCard);
  const w = words(document.documentElement.lang);
  window.customCards = window.customCards || [];
  window.customCards.push({
    type: CARD_TYPE,
    name: w.card_name,
    description: w.card_description,
    preview: true,
    documentationURL: "https://github.com/grandstream-cti/grandstream-cti#dashboard"
  });
}
