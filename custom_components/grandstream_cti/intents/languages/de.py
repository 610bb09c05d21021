"""German."""

from ..language import Language
from ..reply import Reply

DE = Language(
    code="de",
    name="Deutsch",
    replies={
        Reply.NO_PHONE_SET_UP: "Es ist kein Grandstream-Telefon eingerichtet.",
        Reply.NO_PHONE_CALLED: "Ich kenne kein Telefon namens {name}.",
        Reply.NOT_AVAILABLE: "{phone} ist nicht verfügbar.",
        Reply.PHONES: "{others} oder {last}",
        Reply.SEVERAL_NAMED: "Mehrere Telefone heißen so. Welches meinst du: {phones}?",
        Reply.WHICH_PHONE_CALLS: (
            "Von welchem Telefon soll ich anrufen? Sag zum Beispiel "
            "„vom Telefon in der Küche“."
        ),
        Reply.WHICH_PHONE: "Welches Telefon meinst du: {phones}?",
        Reply.CANNOT_DIAL: (
            "{number} kann ich nicht wählen: Eine Telefonnummer hat nur Ziffern, "
            "Stern und Raute, am Anfang vielleicht ein Plus."
        ),
        Reply.CALLING: "Ich rufe {number} von {phone} an.",
        Reply.NOTHING_RINGING: "Kein Telefon klingelt.",
        Reply.NOT_RINGING: "{phone} klingelt nicht.",
        Reply.SEVERAL_RINGING: (
            "Mehrere Telefone klingeln. Welches meinst du: {phones}?"
        ),
        Reply.NO_CALL: "Auf keinem Telefon läuft ein Gespräch.",
        Reply.NOT_IN_CALL: "Auf {phone} läuft kein Gespräch.",
        Reply.SEVERAL_IN_CALL: (
            "Auf mehreren Telefonen läuft ein Gespräch. Welches meinst du: {phones}?"
        ),
        Reply.NO_CALL_ON_HOLD: "Kein Gespräch wird gehalten.",
        Reply.NO_HELD_CALL: "{phone} hält kein Gespräch.",
        Reply.SEVERAL_ON_HOLD: (
            "Mehrere Telefone halten ein Gespräch. Welches meinst du: {phones}?"
        ),
        Reply.ANSWERED: "Anruf auf {phone} angenommen.",
        Reply.REJECTED: "Anruf auf {phone} abgelehnt.",
        Reply.HUNG_UP: "Auf {phone} aufgelegt.",
        Reply.HELD: "Das Gespräch auf {phone} wird gehalten.",
        Reply.RESUMED: "Gespräch auf {phone} fortgesetzt.",
        Reply.DND_DISABLED: "Der Schalter „Nicht stören“ von {phone} ist deaktiviert.",
        Reply.DND_ON: "„Nicht stören“ auf {phone} eingeschaltet.",
        Reply.DND_OFF: "„Nicht stören“ auf {phone} ausgeschaltet.",
        Reply.CALLER_NAME_NUMBER: "{name} ruft an, von {number}.",
        Reply.CALLER_NAME: "{name} ruft an.",
        Reply.CALLER_NUMBER: "Ein Anruf von {number}.",
        Reply.CALLER_UNKNOWN: "Ein Anruf mit unterdrückter Nummer.",
        Reply.CALLER_NAME_NUMBER_PHONE: "{name} ruft auf {phone} an, von {number}.",
        Reply.CALLER_NAME_PHONE: "{name} ruft auf {phone} an.",
        Reply.CALLER_NUMBER_PHONE: "Ein Anruf auf {phone} von {number}.",
        Reply.CALLER_UNKNOWN_PHONE: "Ein Anruf auf {phone} mit unterdrückter Nummer.",
        Reply.NO_MISSED_CALLS: "Keine verpassten Anrufe.",
        Reply.NO_MISSED_CALLS_ON_PHONE: "{phone} hat keine verpassten Anrufe.",
        Reply.MISSED_CALL: "{phone} hat einen Anruf verpasst: {caller}.",
        Reply.MISSED_CALLS: "{phone} hat {count} Anrufe verpasst: {callers}.",
        Reply.MISSED_TODAY: "{caller} um {time} Uhr",
        Reply.MISSED_YESTERDAY: "{caller} gestern um {time} Uhr",
        Reply.MISSED_EARLIER: "{caller} am {date} um {time} Uhr",
        Reply.UNKNOWN_CALLER: "ein unbekannter Anrufer",
        Reply.MORE_CALLS: "{count} weitere",
        Reply.LIST: "{others} und {last}",
        Reply.WHICH_NUMBER: (
            "{name} hat mehrere Nummern: {numbers}. Welche soll ich anrufen?"
        ),
        Reply.LAST_ANSWERED: "Der letzte Anruf wurde auf {phone} angenommen: {call}.",
        Reply.CLEARED_MISSED_CALLS: "Verpasste Anrufe von {phones} gelöscht.",
    },
    keys={
        "null": "0",
        "eins": "1",
        "ein": "1",
        "eine": "1",
        "zwei": "2",
        "zwo": "2",
        "drei": "3",
        "vier": "4",
        "fünf": "5",
        "sechs": "6",
        "sieben": "7",
        "acht": "8",
        "neun": "9",
        "plus": "+",
        "stern": "*",
        "sternchen": "*",
        "raute": "#",
        "rautetaste": "#",
    },
    phone_after=("von", "vom", "mit", "auf", "am", "über"),
    articles=(
        "der",
        "die",
        "das",
        "dem",
        "den",
        "mein",
        "meine",
        "meinem",
        "meinen",
        "meiner",
    ),
    phone_words=("telefon", "mobilteil", "apparat"),
    places=("in", "im", "am", "an", "der", "dem", "des"),
    months=(
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    date="{day}. {month}",
    time="{hour:02}:{minute:02}",
)
