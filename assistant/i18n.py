"""The front ends' own words in English, German and Danish.

Scripts carry their own translations; this table holds what the program itself says:
labels, hints, commands, messages. `t(key, lang, **params)` falls back to English, and a
test checks that every key has all three languages.
"""

from __future__ import annotations

LANG_NAMES = {"en": "English", "de": "Deutsch", "da": "Dansk"}

STRINGS: dict[str, dict[str, str]] = {
    "plain.header": {
        "en": "{title} (session {id}). Commands: :back, :skip, :pause, :help",
        "de": "{title} (Sitzung {id}). Befehle: :back, :skip, :pause, :help",
        "da": "{title} (session {id}). Kommandoer: :back, :skip, :pause, :help",
    },
    "plain.help": {
        "en": ":back goes to the previous question, :skip leaves this one open, "
              ":pause stops here (everything is saved). Choices are answered by number.",
        "de": ":back geht zur vorigen Frage, :skip lässt diese offen, :pause hält hier an "
              "(alles ist gespeichert). Auswahlfragen beantwortest du mit der Nummer.",
        "da": ":back går til det forrige spørgsmål, :skip lader dette stå åbent, :pause "
              "stopper her (alt er gemt). Valg besvares med nummeret.",
    },
    "plain.multiline": {
        "en": "(several lines are fine; an empty line ends your answer)",
        "de": "(mehrere Zeilen sind möglich; eine leere Zeile beendet die Antwort)",
        "da": "(flere linjer er fint; en tom linje afslutter svaret)",
    },
    "plain.multi": {
        "en": "(one or more numbers, separated by commas)",
        "de": "(eine oder mehrere Nummern, durch Kommas getrennt)",
        "da": "(et eller flere numre, adskilt af kommaer)",
    },
    "plain.scale": {
        "en": "(a number from {lo} to {hi})",
        "de": "(eine Zahl von {lo} bis {hi})",
        "da": "(et tal fra {lo} til {hi})",
    },
    "plain.yesno": {"en": "(yes or no)", "de": "(ja oder nein)", "da": "(ja eller nej)"},
    "plain.info": {
        "en": "(press Enter to go on)",
        "de": "(Enter drücken, um weiterzugehen)",
        "da": "(tryk Enter for at fortsætte)",
    },
    "plain.keep": {
        "en": "(Enter keeps your earlier answer: {answer})",
        "de": "(Enter behält deine frühere Antwort: {answer})",
        "da": "(Enter beholder dit tidligere svar: {answer})",
    },
    "plain.optional": {
        "en": "(optional: :skip leaves it open)",
        "de": "(freiwillig: :skip lässt sie offen)",
        "da": "(frivilligt: :skip lader det stå åbent)",
    },
    "plain.followup": {"en": "Follow-up", "de": "Nachgefragt", "da": "Opfølgning"},
    "plain.tip": {"en": "Tip", "de": "Tipp", "da": "Tip"},
    "plain.notice": {"en": "Please note", "de": "Bitte beachte", "da": "Bemærk"},
    "plain.warning": {"en": "Note", "de": "Hinweis", "da": "Bemærk"},
    "plain.review": {
        "en": "Enter or :done finishes; a number changes that answer.",
        "de": "Enter oder :done schließt ab; eine Nummer ändert diese Antwort.",
        "da": "Enter eller :done afslutter; et nummer ændrer det svar.",
    },
    "plain.so_far": {
        "en": "Your answers so far:",
        "de": "Deine bisherigen Antworten:",
        "da": "Dine svar indtil nu:",
    },
    "plain.paused": {
        "en": "Paused; everything is saved. Continue with: reflect resume {id}",
        "de": "Pausiert; alles ist gespeichert. Weiter mit: reflect resume {id}",
        "da": "Sat på pause; alt er gemt. Fortsæt med: reflect resume {id}",
    },
    "plain.finished": {
        "en": "Finished. Session {id} is saved; show it again with: reflect summary {id}",
        "de": "Fertig. Sitzung {id} ist gespeichert; erneut anzeigen mit: reflect summary {id}",
        "da": "Færdig. Session {id} er gemt; vis den igen med: reflect summary {id}",
    },
    "plain.unknown_command": {
        "en": "Unknown command {cmd}. {help}",
        "de": "Unbekannter Befehl {cmd}. {help}",
        "da": "Ukendt kommando {cmd}. {help}",
    },
}


def t(key: str, lang: str = "en", **params: object) -> str:
    table = STRINGS[key]
    text = table.get(lang) or table["en"]
    return text.format(**params) if params else text
