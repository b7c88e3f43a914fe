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


# Pair evaluation (assistant/pair_plain.py and the pair screens).
STRINGS.update({
    "pair.role.mentor": {"en": "mentor", "de": "Mentor:in", "da": "mentor"},
    "pair.role.mentee": {"en": "mentee", "de": "Mentee", "da": "mentee"},
    "pair.code": {
        "en": "Pair code: {code}. Your partner joins from another terminal with:\n"
              "  reflect pair join {code} --name NAME",
        "de": "Paar-Code: {code}. Deine Partnerin oder dein Partner kommt in einem anderen "
              "Terminal dazu mit:\n  reflect pair join {code} --name NAME",
        "da": "Parkode: {code}. Din partner kommer med fra en anden terminal med:\n"
              "  reflect pair join {code} --name NAVN",
    },
    "pair.intro": {
        "en": "{name} ({role}): these questions are for you alone. {partner} sees your "
              "answers only when you have both finished.",
        "de": "{name} ({role}): Diese Fragen sind nur für dich. {partner} sieht deine "
              "Antworten erst, wenn ihr beide fertig seid.",
        "da": "{name} ({role}): Disse spørgsmål er kun til dig. {partner} ser først dine "
              "svar, når I begge er færdige.",
    },
    "pair.look_away": {
        "en": "{partner}, please look away until {name} passes you the keyboard.",
        "de": "{partner}, bitte schau weg, bis {name} dir die Tastatur gibt.",
        "da": "{partner}, kig venligst væk, indtil {name} giver dig tastaturet.",
    },
    "pair.your_partner": {"en": "your partner", "de": "deine Partnerin oder dein Partner",
                          "da": "din partner"},
    "pair.progress": {
        "en": "({partner}: {answered} of {total} answered)",
        "de": "({partner}: {answered} von {total} beantwortet)",
        "da": "({partner}: {answered} af {total} besvaret)",
    },
    "pair.partner_finished": {
        "en": "({partner} has finished)",
        "de": "({partner} ist fertig)",
        "da": "({partner} er færdig)",
    },
    "pair.not_joined": {
        "en": "(your partner has not joined yet; code {code})",
        "de": "(noch niemand ist dazugekommen; Code {code})",
        "da": "(din partner er ikke kommet med endnu; kode {code})",
    },
    "pair.handover": {
        "en": "Thank you, {name}. Your answers are saved and hidden.\n"
              "Pass the keyboard to {partner}.",
        "de": "Danke, {name}. Deine Antworten sind gespeichert und verborgen.\n"
              "Gib die Tastatur an {partner} weiter.",
        "da": "Tak, {name}. Dine svar er gemt og skjult.\nGiv tastaturet videre til {partner}.",
    },
    "pair.ready": {
        "en": "{partner}, press Enter when you are ready.",
        "de": "{partner}, drück Enter, wenn du bereit bist.",
        "da": "{partner}, tryk Enter, når du er klar.",
    },
    "pair.waiting": {
        "en": "Waiting for {partner}: {answered} of {total} answered. "
              "(Ctrl+C stops waiting; your answers are saved.)",
        "de": "Warten auf {partner}: {answered} von {total} beantwortet. "
              "(Strg+C beendet das Warten; deine Antworten sind gespeichert.)",
        "da": "Venter på {partner}: {answered} af {total} besvaret. "
              "(Ctrl+C stopper ventetiden; dine svar er gemt.)",
    },
    "pair.waiting_join": {
        "en": "Waiting for your partner to join with code {code}. "
              "(Ctrl+C stops waiting; your answers are saved.)",
        "de": "Warten, bis jemand mit dem Code {code} dazukommt. "
              "(Strg+C beendet das Warten; deine Antworten sind gespeichert.)",
        "da": "Venter på, at din partner kommer med med koden {code}. "
              "(Ctrl+C stopper ventetiden; dine svar er gemt.)",
    },
    "pair.both_ready": {
        "en": "You have both finished. Sit together and press Enter to see your answers "
              "side by side.",
        "de": "Ihr seid beide fertig. Setzt euch zusammen und drückt Enter, um eure "
              "Antworten nebeneinander zu sehen.",
        "da": "I er begge færdige. Sæt jer sammen og tryk Enter for at se jeres svar side "
              "om side.",
    },
    "pair.reveal": {
        "en": "Your answers side by side",
        "de": "Eure Antworten nebeneinander",
        "da": "Jeres svar side om side",
    },
    "pair.talk": {"en": "Talk about this", "de": "Sprecht darüber", "da": "Tal om det her"},
    "pair.talk_rating": {
        "en": "your ratings are {gap} points apart",
        "de": "eure Bewertungen liegen {gap} Punkte auseinander",
        "da": "jeres vurderinger ligger {gap} point fra hinanden",
    },
    "pair.talk_yesno": {
        "en": "one of you said yes, the other no",
        "de": "eine:r hat ja gesagt, die andere Person nein",
        "da": "den ene sagde ja, den anden nej",
    },
    "pair.flag_count": {
        "en": "{n} of {total} answers to talk about.",
        "de": "Über {n} von {total} Antworten solltet ihr sprechen.",
        "da": "{n} af {total} svar at tale om.",
    },
    "pair.no_flags": {
        "en": "Your answers are close everywhere. Still worth asking: where did you hesitate?",
        "de": "Eure Antworten liegen überall nah beieinander. Trotzdem lohnt die Frage: "
              "Wo habt ihr gezögert?",
        "da": "Jeres svar ligger tæt overalt. Spørg alligevel: Hvor tøvede I?",
    },
    "pair.skipped": {"en": "(skipped)", "de": "(übersprungen)", "da": "(sprunget over)"},
    "pair.unanswered": {"en": "(not answered)", "de": "(nicht beantwortet)",
                        "da": "(ikke besvaret)"},
    "pair.joint_intro": {
        "en": "Together now, at one keyboard: {names}.",
        "de": "Jetzt gemeinsam an einer Tastatur: {names}.",
        "da": "Nu sammen ved ét tastatur: {names}.",
    },
    "pair.joint_wait": {
        "en": "{host} writes down what you agree together; the summary appears here when "
              "it is done.",
        "de": "{host} schreibt auf, was ihr gemeinsam vereinbart; die Zusammenfassung "
              "erscheint hier, wenn das fertig ist.",
        "da": "{host} skriver ned, hvad I aftaler sammen; opsummeringen vises her, når "
              "det er gjort.",
    },
    "pair.paused": {
        "en": "Paused; everything is saved. Continue with: {command}",
        "de": "Pausiert; alles ist gespeichert. Weiter mit: {command}",
        "da": "Sat på pause; alt er gemt. Fortsæt med: {command}",
    },
    "pair.stopped": {
        "en": "Stopped waiting; your answers are saved. See the result later with: "
              "reflect pair show {code}",
        "de": "Warten beendet; deine Antworten sind gespeichert. Das Ergebnis später mit: "
              "reflect pair show {code}",
        "da": "Ventetiden er stoppet; dine svar er gemt. Se resultatet senere med: "
              "reflect pair show {code}",
    },
    "pair.finished": {
        "en": "Finished. Show this again with: reflect pair show {code}",
        "de": "Fertig. Erneut anzeigen mit: reflect pair show {code}",
        "da": "Færdig. Vis det igen med: reflect pair show {code}",
    },
    "pair.status": {
        "en": "{name} ({role}): {answered} of {total} answered",
        "de": "{name} ({role}): {answered} von {total} beantwortet",
        "da": "{name} ({role}): {answered} af {total} besvaret",
    },
    "pair.status_done": {
        "en": "{name} ({role}): finished",
        "de": "{name} ({role}): fertig",
        "da": "{name} ({role}): færdig",
    },
})


def t(key: str, lang: str = "en", **params: object) -> str:
    table = STRINGS[key]
    text = table.get(lang) or table["en"]
    return text.format(**params) if params else text
