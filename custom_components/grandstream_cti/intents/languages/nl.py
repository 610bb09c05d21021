"""Dutch."""

from ..language import Language
from ..reply import Reply

NL = Language(
    code="nl",
    name="Nederlands",
    replies={
        Reply.NO_PHONE_SET_UP: "Er is geen Grandstream-telefoon ingesteld.",
        Reply.NO_PHONE_CALLED: "Ik ken geen telefoon met de naam {name}.",
        Reply.NOT_AVAILABLE: "{phone} is niet beschikbaar.",
        Reply.PHONES: "{others} of {last}",
        Reply.SEVERAL_NAMED: (
            "Meerdere telefoons hebben die naam. Welke bedoel je: {phones}?"
        ),
        Reply.WHICH_PHONE_CALLS: (
            "Met welke telefoon moet ik bellen? Zeg bijvoorbeeld "
            "'met de telefoon in de keuken'."
        ),
        Reply.WHICH_PHONE: "Welke telefoon bedoel je: {phones}?",
        Reply.CANNOT_DIAL: (
            "Ik kan {number} niet bellen: een telefoonnummer heeft alleen cijfers, "
            "ster en hekje, met eventueel een plus aan het begin."
        ),
        Reply.CALLING: "Ik bel {number} met {phone}.",
        Reply.NOTHING_RINGING: "Er gaat geen telefoon over.",
        Reply.NOT_RINGING: "{phone} gaat niet over.",
        Reply.SEVERAL_RINGING: (
            "Meerdere telefoons gaan over. Welke bedoel je: {phones}?"
        ),
        Reply.NO_CALL: "Geen enkele telefoon is in gesprek.",
        Reply.NOT_IN_CALL: "{phone} is niet in gesprek.",
        Reply.SEVERAL_IN_CALL: (
            "Meerdere telefoons zijn in gesprek. Welke bedoel je: {phones}?"
        ),
        Reply.NO_CALL_ON_HOLD: "Er staat geen gesprek in de wacht.",
        Reply.NO_HELD_CALL: "{phone} heeft geen gesprek in de wacht.",
        Reply.SEVERAL_ON_HOLD: (
            "Meerdere telefoons hebben een gesprek in de wacht. "
            "Welke bedoel je: {phones}?"
        ),
        Reply.ANSWERED: "Gesprek op {phone} aangenomen.",
        Reply.REJECTED: "Gesprek op {phone} geweigerd.",
        Reply.HUNG_UP: "Opgehangen op {phone}.",
        Reply.HELD: "Het gesprek op {phone} staat in de wacht.",
        Reply.RESUMED: "Gesprek op {phone} hervat.",
        Reply.DND_DISABLED: "De schakelaar Niet storen van {phone} is uitgeschakeld.",
        Reply.DND_ON: "Niet storen ingeschakeld op {phone}.",
        Reply.DND_OFF: "Niet storen uitgeschakeld op {phone}.",
        Reply.CALLER_NAME_NUMBER: "{name} belt vanaf {number}.",
        Reply.CALLER_NAME: "{name} belt.",
        Reply.CALLER_NUMBER: "Er belt iemand vanaf {number}.",
        Reply.CALLER_UNKNOWN: "Er belt iemand met een afgeschermd nummer.",
        Reply.CALLER_NAME_NUMBER_PHONE: "{name} belt {phone} vanaf {number}.",
        Reply.CALLER_NAME_PHONE: "{name} belt {phone}.",
        Reply.CALLER_NUMBER_PHONE: "Iemand belt {phone} vanaf {number}.",
        Reply.CALLER_UNKNOWN_PHONE: "Iemand belt {phone} met een afgeschermd nummer.",
        Reply.NO_MISSED_CALLS: "Geen gemiste oproepen.",
        Reply.NO_MISSED_CALLS_ON_PHONE: "{phone} heeft geen gemiste oproepen.",
        Reply.MISSED_CALL: "{phone} heeft een oproep gemist: {caller}.",
        Reply.MISSED_CALLS: "{phone} heeft {count} oproepen gemist: {callers}.",
        Reply.MISSED_TODAY: "{caller} om {time}",
        Reply.MISSED_YESTERDAY: "{caller} gisteren om {time}",
        Reply.MISSED_EARLIER: "{caller} op {date} om {time}",
        Reply.UNKNOWN_CALLER: "een onbekende beller",
        Reply.MORE_CALLS: "nog {count}",
        Reply.LIST: "{others} en {last}",
        Reply.WHICH_NUMBER: (
            "{name} heeft meerdere nummers: {numbers}. Welk nummer moet ik bellen?"
        ),
        Reply.LAST_ANSWERED: "Het laatste gesprek is aangenomen op {phone}: {call}.",
        Reply.CLEARED_MISSED_CALLS: "Gemiste oproepen van {phones} gewist.",
    },
    keys={
        "nul": "0",
        "een": "1",
        "één": "1",
        "twee": "2",
        "drie": "3",
        "vier": "4",
        "vijf": "5",
        "zes": "6",
        "zeven": "7",
        "acht": "8",
        "negen": "9",
        "plus": "+",
        "ster": "*",
        "sterretje": "*",
        "hekje": "#",
        "hekbalk": "#",
    },
    phone_after=("met", "vanaf", "van", "op", "via"),
    articles=("de", "het", "mijn"),
    phone_words=("telefoon", "handset", "toestel"),
    places=("in", "op", "van", "de", "het"),
    months=(
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    date="{day} {month}",
    time="{hour:02}:{minute:02}",
)
