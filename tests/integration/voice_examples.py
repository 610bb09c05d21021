"""The README's voice table, as speakers of each language say it.

Each language says every scene of test_intent_languages.SCENES: its sentence,
and the slots its sentence file gives the intent. A few replies are written
out, as that language's speakers read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """What a speaker of one language says, and some of what Assist answers."""

    mum: str  # the phonebook's contact, as the language calls her
    # scene: (sentence, the intent's slots)
    says: dict[str, tuple[str, dict[str, str]]]
    # scene: Assist's answer, exactly
    hears: dict[str, str] = field(default_factory=dict)


SPEAKERS = {
    "de": Speaker(
        mum="Mama",
        says={
            "call_kitchen": (
                "Ruf 555 1234 vom Telefon in der Küche an",
                {"number": "555 1234 vom Telefon in der Küche"},
            ),
            "dial_handset_2": (
                "Wähle plus vier neun drei null eins zwei drei mit Mobilteil 2",
                {"number": "plus vier neun drei null eins zwei drei mit Mobilteil 2"},
            ),
            "desk_calls": (
                "Nimm das Schreibtischtelefon und ruf 100 an",
                {"phone": "Schreibtischtelefon", "number": "100"},
            ),
            "answer": ("Geh ran", {}),
            "answer_desk": (
                "Nimm den Anruf am Schreibtischtelefon an",
                {"phone": "Schreibtischtelefon"},
            ),
            "reject": ("Lehn den Anruf ab", {}),
            "reject_kitchen": ("Lehne den Anruf in der Küche ab", {"phone": "Küche"}),
            "hang_up": ("Leg auf", {}),
            "hang_up_desk": (
                "Beende das Gespräch am Schreibtischtelefon",
                {"phone": "Schreibtischtelefon"},
            ),
            "hold": ("Leg das Gespräch in die Warteschleife", {}),
            "resume": ("Setz das Gespräch fort", {}),
            "off_hold": ("Hol das Gespräch aus der Warteschleife zurück", {}),
            "dnd_on_handset_1": (
                "Schalte Nicht stören auf Mobilteil 1 ein",
                {"phone": "Mobilteil 1"},
            ),
            "dnd_off": ("Deaktiviere Nicht stören", {}),
            "who": ("Wer ruft an?", {}),
            "who_kitchen": ("Wer ruft in der Küche an?", {"phone": "Küche"}),
            "call_mum": ("Ruf Mama an", {"number": "Mama"}),
            "call_mum_desk": (
                "Ruf Mama vom Schreibtischtelefon an",
                {"number": "Mama vom Schreibtischtelefon"},
            ),
            "clear": ("Lösche meine verpassten Anrufe", {}),
            "desk_missed": (
                "Hat das Schreibtischtelefon Anrufe verpasst?",
                {"phone": "Schreibtischtelefon"},
            ),
            "missed": ("Habe ich Anrufe verpasst?", {}),
            "who_called": ("Wer hat angerufen?", {}),
            "kitchen_missed": (
                "Gibt es verpasste Anrufe in der Küche?",
                {"phone": "Küche"},
            ),
            "clear_desk": (
                "Lösche die verpassten Anrufe am Schreibtischtelefon",
                {"phone": "Schreibtischtelefon"},
            ),
        },
        hears={
            "call_kitchen": "Ich rufe 5551234 von Grandstream DP Mobilteil 1 an.",
            "answer": "Anruf auf Schreibtischtelefon angenommen.",
            "who": "Alice ruft an, von +4930123.",
            "missed": (
                "Schreibtischtelefon hat 2 Anrufe verpasst: Alice um 10:30 Uhr "
                "und Bob gestern um 09:00 Uhr."
            ),
            "clear_desk": "Verpasste Anrufe von Schreibtischtelefon gelöscht.",
        },
    ),
    "nl": Speaker(
        mum="Mama",
        says={
            "call_kitchen": (
                "Bel 555 1234 met de telefoon in de keuken",
                {"number": "555 1234 met de telefoon in de keuken"},
            ),
            "dial_handset_2": (
                "Kies plus vier negen drie nul een twee drie op handset 2",
                {"number": "plus vier negen drie nul een twee drie op handset 2"},
            ),
            "desk_calls": (
                "Gebruik de bureautelefoon om 100 te bellen",
                {"phone": "bureautelefoon", "number": "100"},
            ),
            "answer": ("Neem de telefoon op", {}),
            "answer_desk": (
                "Neem het gesprek op de bureautelefoon op",
                {"phone": "bureautelefoon"},
            ),
            "reject": ("Weiger het gesprek", {}),
            "reject_kitchen": (
                "Wijs het gesprek in de keuken af",
                {"phone": "keuken"},
            ),
            "hang_up": ("Hang op", {}),
            "hang_up_desk": (
                "Beëindig het gesprek op de bureautelefoon",
                {"phone": "bureautelefoon"},
            ),
            "hold": ("Zet het gesprek in de wacht", {}),
            "resume": ("Hervat het gesprek", {}),
            "off_hold": ("Haal het gesprek uit de wacht", {}),
            "dnd_on_handset_1": (
                "Zet niet storen op handset 1 aan",
                {"phone": "handset 1"},
            ),
            "dnd_off": ("Schakel niet storen uit", {}),
            "who": ("Wie belt er?", {}),
            "who_kitchen": ("Wie belt er naar de keuken?", {"phone": "keuken"}),
            "call_mum": ("Bel mama", {"number": "mama"}),
            "call_mum_desk": (
                "Bel mama met de bureautelefoon",
                {"number": "mama met de bureautelefoon"},
            ),
            "clear": ("Wis mijn gemiste oproepen", {}),
            "desk_missed": (
                "Heeft de bureautelefoon oproepen gemist?",
                {"phone": "bureautelefoon"},
            ),
            "missed": ("Heb ik oproepen gemist?", {}),
            "who_called": ("Wie heeft me gebeld?", {}),
            "kitchen_missed": (
                "Zijn er gemiste oproepen in de keuken?",
                {"phone": "keuken"},
            ),
            "clear_desk": (
                "Wis de gemiste oproepen van de bureautelefoon",
                {"phone": "bureautelefoon"},
            ),
        },
        hears={
            "call_kitchen": "Ik bel 5551234 met Grandstream DP handset 1.",
            "answer": "Gesprek op Bureautelefoon aangenomen.",
            "who": "Alice belt vanaf +4930123.",
            "missed": (
                "Bureautelefoon heeft 2 oproepen gemist: Alice om 10:30 "
                "en Bob gisteren om 09:00."
            ),
            "clear_desk": "Gemiste oproepen van Bureautelefoon gewist.",
        },
    ),
    "fr": Speaker(
        mum="Maman",
        says={
            "call_kitchen": (
                "Appelle le 555 1234 depuis le téléphone de la cuisine",
                {"number": "555 1234 depuis le téléphone de la cuisine"},
            ),
            "dial_handset_2": (
                "Compose plus quatre neuf trois zéro un deux trois sur le combiné 2",
                {
                    "number": "plus quatre neuf trois zéro un deux trois sur le combiné 2"
                },
            ),
            "desk_calls": (
                "Utilise le téléphone du bureau pour appeler le 100",
                {"phone": "téléphone du bureau", "number": "100"},
            ),
            "answer": ("Réponds au téléphone", {}),
            "answer_desk": (
                "Prends l'appel sur le téléphone du bureau",
                {"phone": "téléphone du bureau"},
            ),
            "reject": ("Refuse l'appel", {}),
            "reject_kitchen": (
                "Rejette l'appel du téléphone de la cuisine",
                {"phone": "téléphone de la cuisine"},
            ),
            "hang_up": ("Raccroche", {}),
            "hang_up_desk": (
                "Mets fin à l'appel sur le téléphone du bureau",
                {"phone": "téléphone du bureau"},
            ),
            "hold": ("Mets l'appel en attente", {}),
            "resume": ("Reprends l'appel", {}),
            "off_hold": ("Sors l'appel de l'attente", {}),
            "dnd_on_handset_1": (
                "Active ne pas déranger sur le combiné 1",
                {"phone": "combiné 1"},
            ),
            "dnd_off": ("Désactive ne pas déranger", {}),
            "who": ("Qui appelle ?", {}),
            "who_kitchen": (
                "Qui appelle le téléphone de la cuisine ?",
                {"phone": "téléphone de la cuisine"},
            ),
            "call_mum": ("Appelle Maman", {"number": "Maman"}),
            "call_mum_desk": (
                "Appelle Maman depuis le téléphone du bureau",
                {"number": "Maman depuis le téléphone du bureau"},
            ),
            "clear": ("Efface mes appels manqués", {}),
            "desk_missed": (
                "Le téléphone du bureau a-t-il manqué des appels ?",
                {"phone": "téléphone du bureau"},
            ),
            "missed": ("Ai-je manqué des appels ?", {}),
            "who_called": ("Qui m'a appelé ?", {}),
            "kitchen_missed": (
                "Y a-t-il des appels manqués dans la cuisine ?",
                {"phone": "cuisine"},
            ),
            "clear_desk": (
                "Efface les appels manqués du téléphone du bureau",
                {"phone": "téléphone du bureau"},
            ),
        },
        hears={
            "call_kitchen": "J'appelle le 5551234 depuis Grandstream DP combiné 1.",
            "answer": "Appel décroché sur Téléphone du bureau.",
            "who": "Alice appelle depuis le +4930123.",
            "missed": (
                "Téléphone du bureau a manqué 2 appels : Alice à 10 h 30 "
                "et Bob hier à 9 h 00."
            ),
            "clear_desk": "Appels manqués de Téléphone du bureau effacés.",
        },
    ),
    "es": Speaker(
        mum="Mamá",
        says={
            "call_kitchen": (
                "Llama al 555 1234 desde el teléfono de la cocina",
                {"number": "555 1234 desde el teléfono de la cocina"},
            ),
            "dial_handset_2": (
                "Marca más cuatro nueve tres cero uno dos tres en el terminal 2",
                {"number": "más cuatro nueve tres cero uno dos tres en el terminal 2"},
            ),
            "desk_calls": (
                "Usa el teléfono del escritorio para llamar al 100",
                {"phone": "teléfono del escritorio", "number": "100"},
            ),
            "answer": ("Contesta el teléfono", {}),
            "answer_desk": (
                "Contesta la llamada en el teléfono del escritorio",
                {"phone": "teléfono del escritorio"},
            ),
            "reject": ("Rechaza la llamada", {}),
            "reject_kitchen": (
                "Rechaza la llamada de la cocina",
                {"phone": "cocina"},
            ),
            "hang_up": ("Cuelga", {}),
            "hang_up_desk": (
                "Termina la llamada en el teléfono del escritorio",
                {"phone": "teléfono del escritorio"},
            ),
            "hold": ("Pon la llamada en espera", {}),
            "resume": ("Reanuda la llamada", {}),
            "off_hold": ("Quita la llamada de espera", {}),
            "dnd_on_handset_1": (
                "Activa no molestar en el terminal 1",
                {"phone": "terminal 1"},
            ),
            "dnd_off": ("Desactiva no molestar", {}),
            "who": ("¿Quién llama?", {}),
            "who_kitchen": (
                "¿Quién llama al teléfono de la cocina?",
                {"phone": "teléfono de la cocina"},
            ),
            "call_mum": ("Llama a mamá", {"number": "mamá"}),
            "call_mum_desk": (
                "Llama a mamá desde el teléfono del escritorio",
                {"number": "mamá desde el teléfono del escritorio"},
            ),
            "clear": ("Borra mis llamadas perdidas", {}),
            "desk_missed": (
                "¿Ha perdido el teléfono del escritorio alguna llamada?",
                {"phone": "teléfono del escritorio"},
            ),
            "missed": ("¿Tengo llamadas perdidas?", {}),
            "who_called": ("¿Quién me ha llamado?", {}),
            "kitchen_missed": (
                "¿Hay llamadas perdidas en la cocina?",
                {"phone": "cocina"},
            ),
            "clear_desk": (
                "Borra las llamadas perdidas del teléfono del escritorio",
                {"phone": "teléfono del escritorio"},
            ),
        },
        hears={
            "call_kitchen": "Llamando al 5551234 desde Grandstream DP terminal 1.",
            "answer": "Llamada contestada en Teléfono del escritorio.",
            "who": "Alice llama desde el +4930123.",
            "missed": (
                "Teléfono del escritorio tiene 2 llamadas perdidas: Alice a las "
                "10:30 y Bob ayer a las 9:00."
            ),
            "clear_desk": "Llamadas perdidas de Teléfono del escritorio borradas.",
        },
    ),
    "it": Speaker(
        mum="Mamma",
        says={
            "call_kitchen": (
                "Chiama il 555 1234 dal telefono della cucina",
                {"number": "555 1234 dal telefono della cucina"},
            ),
            "dial_handset_2": (
                "Componi più quattro nove tre zero uno due tre dal portatile 2",
                {"number": "più quattro nove tre zero uno due tre dal portatile 2"},
            ),
            "desk_calls": (
                "Usa il telefono della scrivania per chiamare il 100",
                {"phone": "telefono della scrivania", "number": "100"},
            ),
            "answer": ("Rispondi al telefono", {}),
            "answer_desk": (
                "Rispondi alla chiamata sul telefono della scrivania",
                {"phone": "telefono della scrivania"},
            ),
            "reject": ("Rifiuta la chiamata", {}),
            "reject_kitchen": (
                "Rifiuta la chiamata in cucina",
                {"phone": "cucina"},
            ),
            "hang_up": ("Riaggancia", {}),
            "hang_up_desk": (
                "Chiudi la chiamata sul telefono della scrivania",
                {"phone": "telefono della scrivania"},
            ),
            "hold": ("Metti la chiamata in attesa", {}),
            "resume": ("Riprendi la chiamata", {}),
            "off_hold": ("Togli la chiamata dall'attesa", {}),
            "dnd_on_handset_1": (
                "Attiva non disturbare sul portatile 1",
                {"phone": "portatile 1"},
            ),
            "dnd_off": ("Disattiva non disturbare", {}),
            "who": ("Chi sta chiamando?", {}),
            "who_kitchen": (
                "Chi sta chiamando il telefono della cucina?",
                {"phone": "telefono della cucina"},
            ),
            "call_mum": ("Chiama la mamma", {"number": "la mamma"}),
            "call_mum_desk": (
                "Chiama la mamma dal telefono della scrivania",
                {"number": "la mamma dal telefono della scrivania"},
            ),
            "clear": ("Cancella le mie chiamate perse", {}),
            "desk_missed": (
                "Il telefono della scrivania ha perso delle chiamate?",
                {"phone": "telefono della scrivania"},
            ),
            "missed": ("Ho perso delle chiamate?", {}),
            "who_called": ("Chi mi ha chiamato?", {}),
            "kitchen_missed": (
                "Ci sono chiamate perse in cucina?",
                {"phone": "cucina"},
            ),
            "clear_desk": (
                "Cancella le chiamate perse del telefono della scrivania",
                {"phone": "telefono della scrivania"},
            ),
        },
        hears={
            "call_kitchen": "Chiamo il 5551234 da Grandstream DP portatile 1.",
            "answer": "Ho risposto alla chiamata su Telefono della scrivania.",
            "who": "Sta chiamando Alice dal +4930123.",
            "missed": (
                "Telefono della scrivania ha perso 2 chiamate: Alice alle 10:30 "
                "e Bob ieri alle 09:00."
            ),
            "clear_desk": "Chiamate perse di Telefono della scrivania cancellate.",
        },
    ),
    "pt-BR": Speaker(
        mum="Mãe",
        says={
            "call_kitchen": (
                "Liga para 555 1234 do telefone da cozinha",
                {"number": "555 1234 do telefone da cozinha"},
            ),
            "dial_handset_2": (
                "Disca mais quatro nove três zero um dois três no monofone 2",
                {"number": "mais quatro nove três zero um dois três no monofone 2"},
            ),
            "desk_calls": (
                "Usa o telefone da mesa para ligar para 100",
                {"phone": "telefone da mesa", "number": "100"},
            ),
            "answer": ("Atende o telefone", {}),
            "answer_desk": (
                "Atende a ligação no telefone da mesa",
                {"phone": "telefone da mesa"},
            ),
            "reject": ("Recusa a chamada", {}),
            "reject_kitchen": (
                "Recusa a chamada na cozinha",
                {"phone": "cozinha"},
            ),
            "hang_up": ("Desliga", {}),
            "hang_up_desk": (
                "Encerra a chamada no telefone da mesa",
                {"phone": "telefone da mesa"},
            ),
            "hold": ("Coloca a chamada em espera", {}),
            "resume": ("Retoma a chamada", {}),
            "off_hold": ("Tira a chamada da espera", {}),
            "dnd_on_handset_1": (
                "Ativa o não perturbe no monofone 1",
                {"phone": "monofone 1"},
            ),
            "dnd_off": ("Desativa o não perturbe", {}),
            "who": ("Quem está ligando?", {}),
            "who_kitchen": (
                "Quem está ligando para o telefone da cozinha?",
                {"phone": "telefone da cozinha"},
            ),
            "call_mum": ("Liga para a mãe", {"number": "a mãe"}),
            "call_mum_desk": (
                "Liga para a mãe do telefone da mesa",
                {"number": "a mãe do telefone da mesa"},
            ),
            "clear": ("Limpa as minhas chamadas perdidas", {}),
            "desk_missed": (
                "O telefone da mesa perdeu alguma chamada?",
                {"phone": "telefone da mesa"},
            ),
            "missed": ("Perdi alguma ligação?", {}),
            "who_called": ("Quem me ligou?", {}),
            "kitchen_missed": (
                "Tem chamadas perdidas na cozinha?",
                {"phone": "cozinha"},
            ),
            "clear_desk": (
                "Apaga as chamadas perdidas do telefone da mesa",
                {"phone": "telefone da mesa"},
            ),
        },
        hears={
            "call_kitchen": "Ligando para 5551234 de Grandstream DP monofone 1.",
            "answer": "Chamada atendida em Telefone da mesa.",
            "who": "Alice está ligando do número +4930123.",
            "missed": (
                "Telefone da mesa perdeu 2 chamadas: Alice às 10:30 "
                "e Bob ontem às 09:00."
            ),
            "clear_desk": "Chamadas perdidas de Telefone da mesa apagadas.",
        },
    ),
    "pl": Speaker(
        mum="Mama",
        says={
            "call_kitchen": (
                "Zadzwoń pod 555 1234 z telefonu w kuchni",
                {"number": "555 1234 z telefonu w kuchni"},
            ),
            "dial_handset_2": (
                "Wybierz plus cztery dziewięć trzy zero jeden dwa trzy na słuchawce 2",
                {
                    "number": (
                        "plus cztery dziewięć trzy zero jeden dwa trzy na słuchawce 2"
                    )
                },
            ),
            "desk_calls": (
                "Użyj telefonu biurowego i zadzwoń pod 100",
                {"phone": "telefonu biurowego", "number": "100"},
            ),
            "answer": ("Odbierz telefon", {}),
            "answer_desk": (
                "Odbierz połączenie na telefonie biurowym",
                {"phone": "telefonie biurowym"},
            ),
            "reject": ("Odrzuć połączenie", {}),
            "reject_kitchen": (
                "Odrzuć połączenie w kuchni",
                {"phone": "kuchni"},
            ),
            "hang_up": ("Rozłącz się", {}),
            "hang_up_desk": (
                "Zakończ rozmowę na telefonie biurowym",
                {"phone": "telefonie biurowym"},
            ),
            "hold": ("Zawieś połączenie", {}),
            "resume": ("Wznów połączenie", {}),
            "off_hold": ("Odwieś rozmowę", {}),
            "dnd_on_handset_1": (
                "Włącz tryb nie przeszkadzać na słuchawce 1",
                {"phone": "słuchawce 1"},
            ),
            "dnd_off": ("Wyłącz nie przeszkadzać", {}),
            "who": ("Kto dzwoni?", {}),
            "who_kitchen": ("Kto dzwoni w kuchni?", {"phone": "kuchni"}),
            "call_mum": ("Zadzwoń do mamy", {"number": "mamy"}),
            "call_mum_desk": (
                "Zadzwoń do mamy z telefonu biurowego",
                {"number": "mamy z telefonu biurowego"},
            ),
            "clear": ("Wyczyść moje nieodebrane połączenia", {}),
            "desk_missed": (
                "Czy telefon biurowy ma nieodebrane połączenia?",
                {"phone": "telefon biurowy"},
            ),
            "missed": ("Czy mam nieodebrane połączenia?", {}),
            "who_called": ("Kto dzwonił?", {}),
            "kitchen_missed": (
                "Czy są nieodebrane połączenia w kuchni?",
                {"phone": "kuchni"},
            ),
            "clear_desk": (
                "Wyczyść nieodebrane połączenia na telefonie biurowym",
                {"phone": "telefonie biurowym"},
            ),
        },
        hears={
            "call_kitchen": (
                "Dzwonię pod numer 5551234 z urządzenia Grandstream DP słuchawka 1."
            ),
            "answer": "Odebrano połączenie na urządzeniu Telefon biurowy.",
            "who": "Dzwoni Alice z numeru +4930123.",
            "missed": (
                "Nieodebrane połączenia na urządzeniu Telefon biurowy, łącznie 2: "
                "Alice o 10:30 i Bob wczoraj o 9:00."
            ),
            "clear_desk": "Wyczyszczono nieodebrane połączenia: Telefon biurowy.",
        },
    ),
    "cs": Speaker(
        mum="Máma",
        says={
            "call_kitchen": (
                "Zavolej 555 1234 z telefonu v kuchyni",
                {"number": "555 1234 z telefonu v kuchyni"},
            ),
            "dial_handset_2": (
                "Vytoč plus čtyři devět tři nula jedna dva tři na sluchátku 2",
                {"number": "plus čtyři devět tři nula jedna dva tři na sluchátku 2"},
            ),
            "desk_calls": (
                "Použij stolní telefon a zavolej na 100",
                {"phone": "stolní telefon", "number": "100"},
            ),
            "answer": ("Přijmi hovor", {}),
            "answer_desk": (
                "Přijmi hovor na stolním telefonu",
                {"phone": "stolním telefonu"},
            ),
            "reject": ("Odmítni hovor", {}),
            "reject_kitchen": ("Odmítni hovor v kuchyni", {"phone": "kuchyni"}),
            "hang_up": ("Zavěs", {}),
            "hang_up_desk": (
                "Ukonči hovor na stolním telefonu",
                {"phone": "stolním telefonu"},
            ),
            "hold": ("Podrž hovor", {}),
            "resume": ("Obnov hovor", {}),
            "off_hold": ("Vrať hovor z podržení", {}),
            "dnd_on_handset_1": (
                "Zapni režim nerušit na sluchátku 1",
                {"phone": "sluchátku 1"},
            ),
            "dnd_off": ("Vypni nerušit", {}),
            "who": ("Kdo volá?", {}),
            "who_kitchen": ("Kdo volá v kuchyni?", {"phone": "kuchyni"}),
            "call_mum": ("Zavolej mámě", {"number": "mámě"}),
            "call_mum_desk": (
                "Zavolej mámě ze stolního telefonu",
                {"number": "mámě ze stolního telefonu"},
            ),
            "clear": ("Smaž zmeškané hovory", {}),
            "desk_missed": (
                "Má stolní telefon nějaké zmeškané hovory?",
                {"phone": "stolní telefon"},
            ),
            "missed": ("Mám zmeškané hovory?", {}),
            "who_called": ("Kdo mi volal?", {}),
            "kitchen_missed": (
                "Jsou nějaké zmeškané hovory v kuchyni?",
                {"phone": "kuchyni"},
            ),
            "clear_desk": (
                "Smaž zmeškané hovory na stolním telefonu",
                {"phone": "stolním telefonu"},
            ),
        },
        hears={
            "call_kitchen": "Volám 5551234 ze zařízení Grandstream DP sluchátko 1.",
            "answer": "Hovor na zařízení Stolní telefon přijat.",
            "who": "Volá Alice z čísla +4930123.",
            "missed": (
                "Zmeškané hovory na zařízení Stolní telefon, celkem 2: "
                "Alice v 10:30 a Bob včera v 9:00."
            ),
            "clear_desk": "Zmeškané hovory vymazány: Stolní telefon.",
        },
    ),
}
