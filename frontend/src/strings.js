// The card's own words, one table per language the integration ships
// (custom_components/grandstream_cti/translations/). Words Home Assistant or the
// integration's entity translations already have (call states, button names)
// are taken from there instead, through hass.formatEntityState and
// hass.localize, so that a language added there reaches the card too.
// test/strings.test.js fails when a language of the integration has no table
// here, or a table misses a word.
export const STRINGS = {
  en: {
    card_name: "Grandstream phone",
    card_description:
      "A phone or DP handset: who is calling, answer, hang up, dial, missed calls.",
    pick_device: "Choose a phone or handset in the card's editor.",
    not_found: "This device has no Grandstream CTI entities.",
    unavailable:
      "The phone does not answer: it is off or restarting, or refuses the password or CTI (Settings → Devices & services and Repairs tell which).",
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
    handsets: "More handsets in this card (a call ringing on all is shown once)",
  },
};

// The words for a language, falling back to English word by word.
export function words(language) {
  const base = (language || "en").split("-")[0];
  return { ...STRINGS.en, ...(STRINGS[language] || STRINGS[base] || {}) };
}
