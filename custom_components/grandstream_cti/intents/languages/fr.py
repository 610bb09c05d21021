"""French."""

from ..language import Language
from ..reply import Reply

FR = Language(
    code="fr",
    replies={
        Reply.NO_PHONE_SET_UP: "Aucun téléphone Grandstream n'est configuré.",
        Reply.NO_PHONE_CALLED: "Je ne connais aucun téléphone nommé {name}.",
        Reply.NOT_AVAILABLE: "{phone} n'est pas disponible.",
        Reply.PHONES: "{others} ou {last}",
        Reply.SEVERAL_NAMED: "Plusieurs téléphones portent ce nom. Lequel : {phones} ?",
        Reply.WHICH_PHONE_CALLS: (
            "Depuis quel téléphone appeler ? Dites par exemple "
            "« depuis le téléphone de la cuisine »."
        ),
        Reply.WHICH_PHONE: "Quel téléphone : {phones} ?",
        Reply.CANNOT_DIAL: (
            "Je ne peux pas composer {number} : un numéro de téléphone ne contient "
            "que des chiffres, l'étoile et le dièse, avec un plus facultatif au début."
        ),
        Reply.CALLING: "J'appelle le {number} depuis {phone}.",
        Reply.NOTHING_RINGING: "Aucun téléphone ne sonne.",
        Reply.NOT_RINGING: "{phone} ne sonne pas.",
        Reply.SEVERAL_RINGING: "Plusieurs téléphones sonnent. Lequel : {phones} ?",
        Reply.NO_CALL: "Aucun téléphone n'est en communication.",
        Reply.NOT_IN_CALL: "{phone} n'est pas en communication.",
        Reply.SEVERAL_IN_CALL: (
            "Plusieurs téléphones sont en communication. Lequel : {phones} ?"
        ),
        Reply.NO_CALL_ON_HOLD: "Aucun appel n'est en attente.",
        Reply.NO_HELD_CALL: "{phone} n'a aucun appel en attente.",
        Reply.SEVERAL_ON_HOLD: (
            "Plusieurs téléphones ont un appel en attente. Lequel : {phones} ?"
        ),
        Reply.ANSWERED: "Appel décroché sur {phone}.",
        Reply.REJECTED: "Appel refusé sur {phone}.",
        Reply.HUNG_UP: "Raccroché sur {phone}.",
        Reply.HELD: "L'appel sur {phone} est en attente.",
        Reply.RESUMED: "Appel repris sur {phone}.",
        Reply.DND_DISABLED: "L'interrupteur Ne pas déranger de {phone} est désactivé.",
        Reply.DND_ON: "Ne pas déranger activé sur {phone}.",
        Reply.DND_OFF: "Ne pas déranger désactivé sur {phone}.",
        Reply.CALLER_NAME_NUMBER: "{name} appelle depuis le {number}.",
        Reply.CALLER_NAME: "{name} appelle.",
        Reply.CALLER_NUMBER: "Appel du {number}.",
        Reply.CALLER_UNKNOWN: "Appel d'un numéro masqué.",
        Reply.CALLER_NAME_NUMBER_PHONE: "{name} appelle {phone} depuis le {number}.",
        Reply.CALLER_NAME_PHONE: "{name} appelle {phone}.",
        Reply.CALLER_NUMBER_PHONE: "Le {number} appelle {phone}.",
        Reply.CALLER_UNKNOWN_PHONE: "Un numéro masqué appelle {phone}.",
        Reply.NO_MISSED_CALLS: "Aucun appel manqué.",
        Reply.NO_MISSED_CALLS_ON_PHONE: "{phone} n'a aucun appel manqué.",
        Reply.MISSED_CALL: "{phone} a manqué un appel : {caller}.",
        Reply.MISSED_CALLS: "{phone} a manqué {count} appels : {callers}.",
        Reply.MISSED_TODAY: "{caller} à {time}",
        Reply.MISSED_YESTERDAY: "{caller} hier à {time}",
        Reply.MISSED_EARLIER: "{caller} le {date} à {time}",
        Reply.UNKNOWN_CALLER: "un appelant inconnu",
        Reply.MORE_CALLS: "{count} autres",
        Reply.LIST: "{others} et {last}",
        Reply.WHICH_NUMBER: "{name} a plusieurs numéros : {numbers}. Lequel appeler ?",
        Reply.LAST_ANSWERED: "Le dernier appel a été décroché sur {phone} : {call}.",
        Reply.CLEARED_MISSED_CALLS: "Appels manqués de {phones} effacés.",
    },
    keys={
        "zéro": "0",
        "un": "1",
        "une": "1",
        "deux": "2",
        "trois": "3",
        "quatre": "4",
        "cinq": "5",
        "six": "6",
        "sept": "7",
        "huit": "8",
        "neuf": "9",
        "plus": "+",
        "étoile": "*",
        "astérisque": "*",
        "dièse": "#",
        "croisillon": "#",
    },
    phone_after=("depuis", "sur", "avec", "du", "de"),
    articles=("le", "la", "l", "les", "mon", "ma"),
    phone_words=("téléphone", "combiné", "poste"),
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    date="{day} {month}",
    time="{hour} h {minute:02}",
)
