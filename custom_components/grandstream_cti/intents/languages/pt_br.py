"""Portuguese (Brazil)."""

from ..language import Language
from ..reply import Reply

PT_BR = Language(
    code="pt-BR",
    name="Português (Brasil)",
    replies={
        Reply.NO_PHONE_SET_UP: "Nenhum telefone Grandstream está configurado.",
        Reply.NO_PHONE_CALLED: "Não conheço nenhum telefone chamado {name}.",
        Reply.NOT_AVAILABLE: "{phone} não está disponível.",
        Reply.PHONES: "{others} ou {last}",
        Reply.SEVERAL_NAMED: "Vários telefones têm esse nome. Qual: {phones}?",
        Reply.WHICH_PHONE_CALLS: (
            'De qual telefone devo ligar? Diga, por exemplo, "do telefone da cozinha".'
        ),
        Reply.WHICH_PHONE: "Qual telefone: {phones}?",
        Reply.CANNOT_DIAL: (
            "Não consigo discar {number}: um número de telefone tem só dígitos, "
            "asterisco e cerquilha, com um mais opcional no início."
        ),
        Reply.CALLING: "Ligando para {number} de {phone}.",
        Reply.NOTHING_RINGING: "Nenhum telefone está tocando.",
        Reply.NOT_RINGING: "{phone} não está tocando.",
        Reply.SEVERAL_RINGING: "Vários telefones estão tocando. Qual: {phones}?",
        Reply.NO_CALL: "Nenhum telefone está em uma chamada.",
        Reply.NOT_IN_CALL: "{phone} não está em uma chamada.",
        Reply.SEVERAL_IN_CALL: (
            "Vários telefones estão em uma chamada. Qual: {phones}?"
        ),
        Reply.NO_CALL_ON_HOLD: "Nenhuma chamada está em espera.",
        Reply.NO_HELD_CALL: "{phone} não tem chamada em espera.",
        Reply.SEVERAL_ON_HOLD: (
            "Vários telefones têm uma chamada em espera. Qual: {phones}?"
        ),
        Reply.ANSWERED: "Chamada atendida em {phone}.",
        Reply.REJECTED: "Chamada recusada em {phone}.",
        Reply.HUNG_UP: "Chamada encerrada em {phone}.",
        Reply.HELD: "A chamada em {phone} está em espera.",
        Reply.RESUMED: "Chamada retomada em {phone}.",
        Reply.DND_DISABLED: "O interruptor Não perturbe de {phone} está desativado.",
        Reply.DND_ON: "Não perturbe ativado em {phone}.",
        Reply.DND_OFF: "Não perturbe desativado em {phone}.",
        Reply.CALLER_NAME_NUMBER: "{name} está ligando do número {number}.",
        Reply.CALLER_NAME: "{name} está ligando.",
        Reply.CALLER_NUMBER: "O número {number} está ligando.",
        Reply.CALLER_UNKNOWN: "Alguém está ligando de um número privado.",
        Reply.CALLER_NAME_NUMBER_PHONE: (
            "{name} está ligando para {phone} do número {number}."
        ),
        Reply.CALLER_NAME_PHONE: "{name} está ligando para {phone}.",
        Reply.CALLER_NUMBER_PHONE: "O número {number} está ligando para {phone}.",
        Reply.CALLER_UNKNOWN_PHONE: (
            "Alguém está ligando para {phone} de um número privado."
        ),
        Reply.NO_MISSED_CALLS: "Nenhuma chamada perdida.",
        Reply.NO_MISSED_CALLS_ON_PHONE: "{phone} não tem chamadas perdidas.",
        Reply.MISSED_CALL: "{phone} perdeu uma chamada: {caller}.",
        Reply.MISSED_CALLS: "{phone} perdeu {count} chamadas: {callers}.",
        Reply.MISSED_TODAY: "{caller} às {time}",
        Reply.MISSED_YESTERDAY: "{caller} ontem às {time}",
        Reply.MISSED_EARLIER: "{caller} em {date} às {time}",
        Reply.UNKNOWN_CALLER: "um número desconhecido",
        Reply.MORE_CALLS: "mais {count}",
        Reply.LIST: "{others} e {last}",
        Reply.WHICH_NUMBER: (
            "{name} tem vários números: {numbers}. Para qual devo ligar?"
        ),
        Reply.LAST_ANSWERED: "A última chamada foi atendida em {phone}: {call}.",
        Reply.CLEARED_MISSED_CALLS: "Chamadas perdidas de {phones} apagadas.",
    },
    keys={
        "zero": "0",
        "um": "1",
        "uma": "1",
        "dois": "2",
        "duas": "2",
        "três": "3",
        "tres": "3",
        "quatro": "4",
        "cinco": "5",
        "seis": "6",
        "meia": "6",
        "sete": "7",
        "oito": "8",
        "nove": "9",
        "mais": "+",
        "plus": "+",
        "asterisco": "*",
        "estrela": "*",
        "cerquilha": "#",
        "sustenido": "#",
        "hashtag": "#",
    },
    phone_after=("do", "da", "pelo", "pela", "no", "na", "com"),
    articles=("o", "a", "meu", "minha"),
    phone_words=("telefone", "monofone", "ramal"),
    places=("de", "do", "da", "no", "na"),
    months=(
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    date="{day} de {month}",
    time="{hour:02}:{minute:02}",
)
