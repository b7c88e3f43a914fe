"""The engine's own words (re-ask messages, warnings), in English, German and Danish.

Scripts bring their own text; these are the few sentences the stepper itself says.
Front ends have their own string tables for buttons and labels.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "This one needs an answer. Write a few words, or go back.",
        "de": "Hier brauchen wir eine Antwort. Schreib ein paar Worte oder geh zurück.",
        "da": "Her mangler et svar. Skriv et par ord, eller gå tilbage.",
    },
    "choose_one": {
        "en": "Please choose one of the numbers 1 to {n}.",
        "de": "Bitte wähle eine der Zahlen 1 bis {n}.",
        "da": "Vælg venligst et af tallene 1 til {n}.",
    },
    "choose_many": {
        "en": "Choose one or more numbers from 1 to {n}, separated by commas.",
        "de": "Wähle eine oder mehrere Zahlen von 1 bis {n}, durch Kommas getrennt.",
        "da": "Vælg et eller flere tal fra 1 til {n}, adskilt af kommaer.",
    },
    "scale": {
        "en": "Please give a whole number from {lo} to {hi}.",
        "de": "Bitte gib eine ganze Zahl von {lo} bis {hi} an.",
        "da": "Angiv venligst et helt tal fra {lo} til {hi}.",
    },
    "yesno": {
        "en": "Please answer yes or no.",
        "de": "Bitte antworte mit ja oder nein.",
        "da": "Svar venligst ja eller nej.",
    },
    "may_skip": {
        "en": "You can skip this question for now and come back to it later.",
        "de": "Du kannst diese Frage jetzt überspringen und später darauf zurückkommen.",
        "da": "Du kan springe spørgsmålet over nu og vende tilbage til det senere.",
    },
    "min_words": {
        "en": "That is brief ({words} words). A few more words may help you later; "
              "you can come back and add them.",
        "de": "Das ist knapp ({words} Wörter). Ein paar Worte mehr helfen dir später; "
              "du kannst sie noch ergänzen.",
        "da": "Det er kort ({words} ord). Et par ord mere kan hjælpe dig senere; "
              "du kan vende tilbage og tilføje dem.",
    },
    "yes": {"en": "yes", "de": "ja", "da": "ja"},
    "no": {"en": "no", "de": "nein", "da": "nej"},
    "skipped": {"en": "(skipped)", "de": "(übersprungen)", "da": "(sprunget over)"},
}

YES_WORDS = {"y", "yes", "j", "ja", "true", "1", "yeah", "jo"}
NO_WORDS = {"n", "no", "nein", "nej", "false", "0", "nope"}


def say(key: str, lang: str, **params: object) -> str:
    table = MESSAGES[key]
    text = table.get(lang) or table["en"]
    return text.format(**params) if params else text
