"""Czech.

Phone names keep the case they were given in: the replies name them after
"zařízení" (device), which says where without declining the name.
"""

from ..language import Language
from ..reply import Reply

CS = Language(
    code="cs",
    name="Čeština",
    replies={
        Reply.NO_PHONE_SET_UP: "Není nastaven žádný telefon Grandstream.",
        Reply.NO_PHONE_CALLED: "Neznám žádný telefon s názvem {name}.",
        Reply.NOT_AVAILABLE: "Zařízení {phone} není dostupné.",
        Reply.PHONES: "{others} nebo {last}",
        Reply.SEVERAL_NAMED: "Tento název má více telefonů. Který: {phones}?",
        Reply.WHICH_PHONE_CALLS: (
            "Ze kterého telefonu mám volat? Řekněte například „z telefonu v kuchyni“."
        ),
        Reply.WHICH_PHONE: "Který telefon: {phones}?",
        Reply.CANNOT_DIAL: (
            "Číslo {number} nemohu vytočit: telefonní číslo má jen číslice, "
            "hvězdičku a mřížku, na začátku případně plus."
        ),
        Reply.CALLING: "Volám {number} ze zařízení {phone}.",
        Reply.NOTHING_RINGING: "Žádný telefon nezvoní.",
        Reply.NOT_RINGING: "Zařízení {phone} nezvoní.",
        Reply.SEVERAL_RINGING: "Zvoní více telefonů. Který: {phones}?",
        Reply.NO_CALL: "Žádný telefon nemá hovor.",
        Reply.NOT_IN_CALL: "Zařízení {phone} nemá hovor.",
        Reply.SEVERAL_IN_CALL: "Hovor má více telefonů. Který: {phones}?",
        Reply.NO_CALL_ON_HOLD: "Žádný hovor není podržen.",
        Reply.NO_HELD_CALL: "Zařízení {phone} nemá podržený hovor.",
        Reply.SEVERAL_ON_HOLD: "Podržený hovor má více telefonů. Který: {phones}?",
        Reply.ANSWERED: "Hovor na zařízení {phone} přijat.",
        Reply.REJECTED: "Hovor na zařízení {phone} odmítnut.",
        Reply.HUNG_UP: "Hovor na zařízení {phone} ukončen.",
        Reply.HELD: "Hovor na zařízení {phone} je podržen.",
        Reply.RESUMED: "Hovor na zařízení {phone} obnoven.",
        Reply.DND_DISABLED: "Přepínač Nerušit zařízení {phone} je zakázán.",
        Reply.DND_ON: "Režim Nerušit na zařízení {phone} zapnut.",
        Reply.DND_OFF: "Režim Nerušit na zařízení {phone} vypnut.",
        Reply.CALLER_NAME_NUMBER: "Volá {name} z čísla {number}.",
        Reply.CALLER_NAME: "Volá {name}.",
        Reply.CALLER_NUMBER: "Volá číslo {number}.",
        Reply.CALLER_UNKNOWN: "Volá skryté číslo.",
        Reply.CALLER_NAME_NUMBER_PHONE: (
            "{name} volá na zařízení {phone} z čísla {number}."
        ),
        Reply.CALLER_NAME_PHONE: "{name} volá na zařízení {phone}.",
        Reply.CALLER_NUMBER_PHONE: "Číslo {number} volá na zařízení {phone}.",
        Reply.CALLER_UNKNOWN_PHONE: "Skryté číslo volá na zařízení {phone}.",
        Reply.NO_MISSED_CALLS: "Žádné zmeškané hovory.",
        Reply.NO_MISSED_CALLS_ON_PHONE: "Zařízení {phone} nemá žádné zmeškané hovory.",
        Reply.MISSED_CALL: "Zmeškaný hovor na zařízení {phone}: {caller}.",
        Reply.MISSED_CALLS: (
            "Zmeškané hovory na zařízení {phone}, celkem {count}: {callers}."
        ),
        Reply.MISSED_TODAY: "{caller} v {time}",
        Reply.MISSED_YESTERDAY: "{caller} včera v {time}",
        Reply.MISSED_EARLIER: "{caller} {date} v {time}",
        Reply.UNKNOWN_CALLER: "neznámé číslo",
        Reply.MORE_CALLS: "další {count}",
        Reply.LIST: "{others} a {last}",
        Reply.WHICH_NUMBER: "{name} má více čísel: {numbers}. Které mám vytočit?",
        Reply.LAST_ANSWERED: "Poslední hovor byl přijat na zařízení {phone}: {call}.",
        Reply.CLEARED_MISSED_CALLS: "Zmeškané hovory vymazány: {phones}.",
    },
    keys={
        "nula": "0",
        "jedna": "1",
        "jeden": "1",
        "dva": "2",
        "dvě": "2",
        "tři": "3",
        "čtyři": "4",
        "pět": "5",
        "šest": "6",
        "sedm": "7",
        "osm": "8",
        "devět": "9",
        "plus": "+",
        "hvězdička": "*",
        "hvězdičku": "*",
        "mřížka": "#",
        "mřížku": "#",
        "křížek": "#",
    },
    phone_after=("z", "ze", "na", "přes"),
    articles=("můj", "mého", "mém", "moje", "mojí"),
    phone_words=("telefon", "telefonu", "sluchátko", "sluchátka", "sluchátku"),
    places=("v", "ve", "na", "z"),
    inflected=True,
    months=(
        "ledna",
        "února",
        "března",
        "dubna",
        "května",
        "června",
        "července",
        "srpna",
        "září",
        "října",
        "listopadu",
        "prosince",
    ),
    date="{day}. {month}",
    time="{hour}:{minute:02}",
)
