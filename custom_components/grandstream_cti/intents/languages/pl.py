"""Polish.

Phone names keep the case they were given in: the replies name them after
"urządzenie" (device), which says where without declining the name.
"""

from ..language import Language
from ..reply import Reply

PL = Language(
    code="pl",
    name="Polski",
    replies={
        Reply.NO_PHONE_SET_UP: "Nie skonfigurowano żadnego telefonu Grandstream.",
        Reply.NO_PHONE_CALLED: "Nie znam telefonu o nazwie {name}.",
        Reply.NOT_AVAILABLE: "Urządzenie {phone} jest niedostępne.",
        Reply.PHONES: "{others} lub {last}",
        Reply.SEVERAL_NAMED: "Kilka telefonów ma tę nazwę. Który: {phones}?",
        Reply.WHICH_PHONE_CALLS: (
            "Z którego telefonu zadzwonić? Powiedz na przykład „z telefonu w kuchni”."
        ),
        Reply.WHICH_PHONE: "Który telefon: {phones}?",
        Reply.CANNOT_DIAL: (
            "Nie mogę wybrać numeru {number}: numer telefonu ma tylko cyfry, "
            "gwiazdkę i krzyżyk, na początku ewentualnie plus."
        ),
        Reply.CALLING: "Dzwonię pod numer {number} z urządzenia {phone}.",
        Reply.NOTHING_RINGING: "Żaden telefon nie dzwoni.",
        Reply.NOT_RINGING: "Urządzenie {phone} nie dzwoni.",
        Reply.SEVERAL_RINGING: "Dzwoni kilka telefonów. Który: {phones}?",
        Reply.NO_CALL: "Żaden telefon nie prowadzi rozmowy.",
        Reply.NOT_IN_CALL: "Urządzenie {phone} nie prowadzi rozmowy.",
        Reply.SEVERAL_IN_CALL: "Kilka telefonów prowadzi rozmowę. Który: {phones}?",
        Reply.NO_CALL_ON_HOLD: "Żadne połączenie nie jest zawieszone.",
        Reply.NO_HELD_CALL: "Urządzenie {phone} nie ma zawieszonego połączenia.",
        Reply.SEVERAL_ON_HOLD: (
            "Kilka telefonów ma zawieszone połączenie. Który: {phones}?"
        ),
        Reply.ANSWERED: "Odebrano połączenie na urządzeniu {phone}.",
        Reply.REJECTED: "Odrzucono połączenie na urządzeniu {phone}.",
        Reply.HUNG_UP: "Rozłączono połączenie na urządzeniu {phone}.",
        Reply.HELD: "Połączenie na urządzeniu {phone} jest zawieszone.",
        Reply.RESUMED: "Wznowiono połączenie na urządzeniu {phone}.",
        Reply.DND_DISABLED: (
            "Przełącznik Nie przeszkadzać urządzenia {phone} jest wyłączony."
        ),
        Reply.DND_ON: "Włączono tryb Nie przeszkadzać na urządzeniu {phone}.",
        Reply.DND_OFF: "Wyłączono tryb Nie przeszkadzać na urządzeniu {phone}.",
        Reply.CALLER_NAME_NUMBER: "Dzwoni {name} z numeru {number}.",
        Reply.CALLER_NAME: "Dzwoni {name}.",
        Reply.CALLER_NUMBER: "Dzwoni numer {number}.",
        Reply.CALLER_UNKNOWN: "Dzwoni numer zastrzeżony.",
        Reply.CALLER_NAME_NUMBER_PHONE: (
            "{name} dzwoni na urządzenie {phone} z numeru {number}."
        ),
        Reply.CALLER_NAME_PHONE: "{name} dzwoni na urządzenie {phone}.",
        Reply.CALLER_NUMBER_PHONE: "Numer {number} dzwoni na urządzenie {phone}.",
        Reply.CALLER_UNKNOWN_PHONE: "Numer zastrzeżony dzwoni na urządzenie {phone}.",
        Reply.NO_MISSED_CALLS: "Brak nieodebranych połączeń.",
        Reply.NO_MISSED_CALLS_ON_PHONE: (
            "Urządzenie {phone} nie ma nieodebranych połączeń."
        ),
        Reply.MISSED_CALL: "Nieodebrane połączenie na urządzeniu {phone}: {caller}.",
        Reply.MISSED_CALLS: (
            "Nieodebrane połączenia na urządzeniu {phone}, łącznie {count}: {callers}."
        ),
        Reply.MISSED_TODAY: "{caller} o {time}",
        Reply.MISSED_YESTERDAY: "{caller} wczoraj o {time}",
        Reply.MISSED_EARLIER: "{caller} {date} o {time}",
        Reply.UNKNOWN_CALLER: "nieznany numer",
        Reply.MORE_CALLS: "jeszcze {count}",
        Reply.LIST: "{others} i {last}",
        Reply.WHICH_NUMBER: "{name} ma kilka numerów: {numbers}. Pod który zadzwonić?",
        Reply.LAST_ANSWERED: (
            "Ostatnie połączenie odebrano na urządzeniu {phone}: {call}."
        ),
        Reply.CLEARED_MISSED_CALLS: "Wyczyszczono nieodebrane połączenia: {phones}.",
    },
    keys={
        "zero": "0",
        "jeden": "1",
        "jedna": "1",
        "jedynka": "1",
        "dwa": "2",
        "dwie": "2",
        "trzy": "3",
        "cztery": "4",
        "pięć": "5",
        "sześć": "6",
        "siedem": "7",
        "osiem": "8",
        "dziewięć": "9",
        "plus": "+",
        "gwiazdka": "*",
        "krzyżyk": "#",
        "kratka": "#",
        "hasz": "#",
    },
    phone_after=("z", "ze", "na", "przez"),
    articles=("mój", "mojego", "moim", "mojej", "moja"),
    phone_words=("telefon", "telefonu", "telefonie", "słuchawka", "słuchawki"),
    places=("w", "we", "na", "z"),
    inflected=True,
    months=(
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ),
    date="{day} {month}",
    time="{hour}:{minute:02}",
)
