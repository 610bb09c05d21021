// The card speaks every language the integration ships.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

import { STRINGS, words } from "../src/strings.js";

const TRANSLATIONS = new URL("../../custom_components/grandstream_cti/translations/", import.meta.url);

test("a table for each language of the integration, with every word", () => {
  const languages = readdirSync(TRANSLATIONS).map((file) => file.replace(/\.json$/, ""));
  assert.ok(languages.includes("en"));
  for (const language of languages) {
    assert.ok(STRINGS[language], `no card words for ${language}`);
    assert.deepEqual(
      Object.keys(STRINGS[language]).sort(),
      Object.keys(STRINGS.en).sort(),
      `the card's ${language} words`,
    );
  }
});

test("a regional language falls back to its language, then to English", () => {
  assert.equal(words("en-GB").missed_calls, "Missed calls");
  assert.equal(words("xx").missed_calls, "Missed calls");
  assert.equal(words(undefined).missed_calls, "Missed calls");
});
