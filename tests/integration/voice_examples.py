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
}
