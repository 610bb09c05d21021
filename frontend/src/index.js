// The card's entry point: defines the element once (the resource may be
// loaded twice, as a dashboard resource and an extra module) and offers it in
// the card picker, with a preview.
import { CARD_TYPE, GrandstreamPhoneCard } from "./card.js";
import { words } from "./strings.js";

if (!customElements.get(CARD_TYPE)) {
  customElements.define(CARD_TYPE, GrandstreamPhoneCard);
  const w = words(document.documentElement.lang);
  window.customCards = window.customCards || [];
  window.customCards.push({
    type: CARD_TYPE,
    name: w.card_name,
    description: w.card_description,
    preview: true,
    documentationURL: "https://github.com/grandstream-cti/grandstream-cti#dashboard",
  });
}
