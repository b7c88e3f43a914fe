"""The app's own words (buttons, labels, key names, messages) in English, German and Danish.

Scripts bring their own translated text; this table holds only what the TUI itself
says. Every screen asks `t(key, lang)` with the app's current language, so switching the
language on the home screen changes every label from then on. A test checks that each
key has all three languages and the same `{placeholders}` in each.

Errors from the headless services (`UserError`) stay English for the CLI; one that
carries a `key` is said from this table instead (`error_text`), e.g. PairService's
`pair.*` refusals.
"""

from __future__ import annotations

LANGS = ("en", "de", "da")
LANG_NAMES = {"en": "English", "de": "Deutsch", "da": "Dansk"}

STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ app-wide keys
    "key.quit": {"en": "Quit", "de": "Beenden", "da": "Afslut"},
    "key.keys": {"en": "Keys", "de": "Tasten", "da": "Taster"},
    "key.theme": {"en": "Light/dark", "de": "Hell/dunkel", "da": "Lys/mørk"},
    "key.open": {"en": "Open", "de": "Öffnen", "da": "Åbn"},
    "key.history": {"en": "History", "de": "Verlauf", "da": "Historik"},
    "key.language": {"en": "Language", "de": "Sprache", "da": "Sprog"},
    "key.send": {"en": "Send", "de": "Senden", "da": "Send"},
    "key.back": {"en": "Back", "de": "Zurück", "da": "Tilbage"},
    "key.skip": {"en": "Skip", "de": "Überspringen", "da": "Spring over"},
    "key.keep": {"en": "Keep in summary", "de": "In Zusammenfassung behalten",
                 "da": "Behold i resumé"},
    "key.pause": {"en": "Pause", "de": "Pause", "da": "Pause"},
    "key.home": {"en": "Home", "de": "Start", "da": "Start"},
    "key.copy": {"en": "Copy", "de": "Kopieren", "da": "Kopiér"},
    "key.export_md": {"en": "Save .md", "de": ".md speichern", "da": "Gem .md"},
    "key.export_html": {"en": "Save .html", "de": ".html speichern", "da": "Gem .html"},
    "key.export_json": {"en": "Save .json", "de": ".json speichern", "da": "Gem .json"},
    "key.search": {"en": "Search", "de": "Suchen", "da": "Søg"},
    "key.summary": {"en": "Summary", "de": "Zusammenfassung", "da": "Opsummering"},
    "key.resume": {"en": "Continue", "de": "Fortsetzen", "da": "Fortsæt"},
    "key.delete": {"en": "Delete", "de": "Löschen", "da": "Slet"},
    "key.close": {"en": "Close", "de": "Schließen", "da": "Luk"},
    "key.palette": {"en": "Commands", "de": "Befehle", "da": "Kommandoer"},
    "key.cancel": {"en": "Cancel", "de": "Abbrechen", "da": "Annullér"},
    # ------------------------------------------------------------------ home
    "home.intro": {
        "en": "Private, guided dialogues for mentoring. Everything you write stays on "
              "this computer.",
        "de": "Private, geführte Dialoge fürs Mentoring. Alles, was du schreibst, bleibt "
              "auf diesem Computer.",
        "da": "Private, guidede dialoger til mentoring. Alt, hvad du skriver, bliver på "
              "denne computer.",
    },
    "home.start": {
        "en": "Start a dialogue (↑↓ to choose, Enter to start)",
        "de": "Einen Dialog beginnen (↑↓ wählen, Enter startet)",
        "da": "Start en dialog (↑↓ vælger, Enter starter)",
    },
    "home.unfinished": {
        "en": "Continue where you left off",
        "de": "Dort weitermachen, wo du aufgehört hast",
        "da": "Fortsæt, hvor du slap",
    },
    "home.recent": {
        "en": "Recent summaries",
        "de": "Letzte Zusammenfassungen",
        "da": "Seneste opsummeringer",
    },
    "home.nothing_yet": {
        "en": "Nothing here yet: your finished dialogues will be listed here.",
        "de": "Noch nichts: deine abgeschlossenen Dialoge erscheinen hier.",
        "da": "Intet endnu: dine afsluttede dialoger vises her.",
    },
    "home.minutes": {"en": "~{n} min", "de": "~{n} Min.", "da": "~{n} min."},
    "home.answers": {
        "en": "{n} answers",
        "de": "{n} Antworten",
        "da": "{n} svar",
    },
    "home.answer_one": {
        "en": "1 answer",
        "de": "1 Antwort",
        "da": "1 svar",
    },
    "home.language": {"en": "Language", "de": "Sprache", "da": "Sprog"},
    "home.loading": {
        "en": "Reading the dialogues…",
        "de": "Die Dialoge werden gelesen …",
        "da": "Dialogerne læses …",
    },
    "home.no_scripts": {
        "en": "No dialogues found. Run `reflect validate prompts` to see why.",
        "de": "Keine Dialoge gefunden. `reflect validate prompts` zeigt, warum.",
        "da": "Ingen dialoger fundet. `reflect validate prompts` viser hvorfor.",
    },
    "home.pair": {
        "en": "Evaluate our partnership together",
        "de": "Unsere Partnerschaft gemeinsam auswerten",
        "da": "Evaluér vores partnerskab sammen",
    },
    "home.pair_purpose": {
        "en": "Mentor and mentee each answer privately first; then you see both answers "
              "side by side and agree on what comes next.",
        "de": "Mentor:in und Mentee antworten erst jeweils für sich; dann seht ihr beide "
              "Antworten nebeneinander und vereinbart, wie es weitergeht.",
        "da": "Mentor og mentee svarer først hver for sig; så ser I begge svar side om "
              "side og aftaler, hvad der skal ske nu.",
    },
    "home.practice": {
        "en": "Practise active listening",
        "de": "Aktives Zuhören üben",
        "da": "Øv aktiv lytning",
    },
    "home.practice_purpose": {
        "en": "For mentors: reply to short scripted mentees and see, for every reply, "
              "how well it listened.",
        "de": "Für Mentor:innen: auf kurze Übungs-Mentees antworten und bei jeder Antwort "
              "sehen, wie gut sie zugehört hat.",
        "da": "Til mentorer: svar på korte øvelses-mentees og se for hvert svar, hvor godt "
              "det lyttede.",
    },
    "home.minutes_each": {
        "en": "~{n} min per mentee",
        "de": "~{n} Min. pro Mentee",
        "da": "~{n} min. pr. mentee",
    },
    # ------------------------------------------------------------------ dialogue
    "dialogue.progress": {
        "en": "{answered} of about {expected} answered",
        "de": "{answered} von etwa {expected} beantwortet",
        "da": "{answered} af ca. {expected} besvaret",
    },
    "dialogue.loading": {
        "en": "Opening the dialogue…",
        "de": "Der Dialog wird geöffnet…",
        "da": "Dialogen åbnes…",
    },
    "dialogue.send": {"en": "Send", "de": "Senden", "da": "Send"},
    "dialogue.continue": {"en": "Continue", "de": "Weiter", "da": "Fortsæt"},
    "dialogue.yes": {"en": "Yes", "de": "Ja", "da": "Ja"},
    "dialogue.no": {"en": "No", "de": "Nein", "da": "Nej"},
    "dialogue.hint_multiline": {
        "en": "Enter adds a line · Ctrl+S sends",
        "de": "Enter: neue Zeile · Strg+S sendet",
        "da": "Enter: ny linje · Ctrl+S sender",
    },
    "dialogue.hint_line": {
        "en": "Enter sends",
        "de": "Enter sendet",
        "da": "Enter sender",
    },
    "dialogue.hint_choice": {
        "en": "↑↓ and Enter, a number, or click",
        "de": "↑↓ und Enter, eine Zahl oder klicken",
        "da": "↑↓ og Enter, et tal eller klik",
    },
    "dialogue.hint_multi": {
        "en": "Space ticks · Ctrl+S sends",
        "de": "Leertaste hakt an · Strg+S sendet",
        "da": "Mellemrum markerer · Ctrl+S sender",
    },
    "dialogue.hint_scale": {
        "en": "Press {lo}–{hi}, or ←→ and Enter",
        "de": "Drücke {lo}–{hi} oder ←→ und Enter",
        "da": "Tryk {lo}–{hi}, eller ←→ og Enter",
    },
    "dialogue.hint_yesno": {
        "en": "Press y or n",
        "de": "Drücke j oder n",
        "da": "Tryk j eller n",
    },
    "dialogue.hint_optional": {
        "en": "optional: Ctrl+O skips",
        "de": "freiwillig: Strg+O überspringt",
        "da": "frivilligt: Ctrl+O springer over",
    },
    "dialogue.hint_keep": {
        "en": "your earlier answer is filled in",
        "de": "deine frühere Antwort ist eingetragen",
        "da": "dit tidligere svar er udfyldt",
    },
    "dialogue.followup": {"en": "Follow-up", "de": "Nachgefragt", "da": "Opfølgning"},
    "dialogue.review": {"en": "Review", "de": "Überblick", "da": "Overblik"},
    "dialogue.tip": {"en": "Tip", "de": "Tipp", "da": "Tip"},
    "dialogue.notice": {"en": "Please note", "de": "Bitte beachte", "da": "Bemærk"},
    "dialogue.keep_hint": {
        "en": "This answer stays out of the summary you share. To keep it in, press ^k.",
        "de": "Diese Antwort bleibt aus der Zusammenfassung heraus, die du teilst. Wenn sie "
              "drinbleiben soll, drück ^k.",
        "da": "Dette svar holdes uden for det resumé, du deler. Tryk ^k, hvis det skal med.",
    },
    "dialogue.kept": {
        "en": "Kept: this answer will be in the summary you share.",
        "de": "Behalten: Diese Antwort steht in der Zusammenfassung, die du teilst.",
        "da": "Beholdt: Dette svar kommer med i det resumé, du deler.",
    },
    "dialogue.warning": {"en": "Note", "de": "Hinweis", "da": "Bemærk"},
    "dialogue.you": {"en": "You", "de": "Du", "da": "Dig"},
    "dialogue.went_back": {
        "en": "↩ back to the previous question",
        "de": "↩ zurück zur vorigen Frage",
        "da": "↩ tilbage til det forrige spørgsmål",
    },
    "dialogue.editing": {
        "en": "✎ changing an earlier answer",
        "de": "✎ eine frühere Antwort ändern",
        "da": "✎ ændrer et tidligere svar",
    },
    "dialogue.skipped": {"en": "(skipped)", "de": "(übersprungen)", "da": "(sprunget over)"},
    "dialogue.so_far": {
        "en": "Your answers so far:",
        "de": "Deine bisherigen Antworten:",
        "da": "Dine svar indtil nu:",
    },
    "dialogue.finish": {
        "en": "✔ Finish and show the summary",
        "de": "✔ Abschließen und Zusammenfassung zeigen",
        "da": "✔ Afslut og vis opsummeringen",
    },
    "dialogue.change": {"en": "✎ Change: {prompt}", "de": "✎ Ändern: {prompt}",
                        "da": "✎ Ændr: {prompt}"},
    "dialogue.choose_first": {
        "en": "Nothing is chosen yet. Press a number from {lo} to {hi}, or choose one with "
              "← → and press Enter.",
        "de": "Noch ist nichts gewählt. Drücke eine Zahl von {lo} bis {hi} oder wähle eine "
              "mit ← → und drücke Enter.",
        "da": "Der er ikke valgt noget endnu. Tryk på et tal fra {lo} til {hi}, eller vælg "
              "et med ← → og tryk Enter.",
    },
    "dialogue.paused": {
        "en": "Paused. Everything is saved; continue it from the home screen.",
        "de": "Pausiert. Alles ist gespeichert; fortsetzen kannst du auf der Startseite.",
        "da": "Sat på pause. Alt er gemt; fortsæt fra startsiden.",
    },
    "dialogue.paused_draft": {
        "en": "Paused. Your answers are saved, and the text you had not sent yet is kept as "
              "a draft; continue from the home screen.",
        "de": "Pausiert. Deine Antworten sind gespeichert, und der Text, den du noch nicht "
              "abgeschickt hattest, ist als Entwurf aufgehoben; fortsetzen kannst du auf der "
              "Startseite.",
        "da": "Sat på pause. Dine svar er gemt, og den tekst, du ikke havde sendt endnu, er "
              "gemt som kladde; fortsæt fra startsiden.",
    },
    "dialogue.draft_failed": {
        "en": "The text you had not sent could not be kept ({error}); your earlier answers "
              "are saved.",
        "de": "Der noch nicht abgeschickte Text konnte nicht aufgehoben werden ({error}); "
              "deine bisherigen Antworten sind gespeichert.",
        "da": "Den tekst, du ikke havde sendt, kunne ikke gemmes ({error}); dine tidligere "
              "svar er gemt.",
    },
    "dialogue.draft_back": {
        "en": "What you had typed last time is back in the field: send it as it is, or "
              "change it first.",
        "de": "Was du beim letzten Mal getippt hattest, steht wieder im Feld: schick es so "
              "ab oder ändere es vorher.",
        "da": "Det, du skrev sidste gang, står i feltet igen: send det, som det er, eller "
              "ret det først.",
    },
    "dialogue.quit": {
        "en": "Your answers are saved.",
        "de": "Deine Antworten sind gespeichert.",
        "da": "Dine svar er gemt.",
    },
    "dialogue.quit_draft": {
        "en": "Your answers are saved, and the text you had not sent yet is kept as a draft.",
        "de": "Deine Antworten sind gespeichert, und der Text, den du noch nicht abgeschickt "
              "hattest, ist als Entwurf aufgehoben.",
        "da": "Dine svar er gemt, og den tekst, du ikke havde sendt endnu, er gemt som "
              "kladde.",
    },
    "dialogue.resume_with": {
        "en": "Continue with: reflect resume {id}",
        "de": "Weiter mit: reflect resume {id}",
        "da": "Fortsæt med: reflect resume {id}",
    },
    "dialogue.failed": {
        "en": "Something went wrong; your earlier answers are saved. ({error})",
        "de": "Etwas ist schiefgegangen; deine bisherigen Antworten sind gespeichert. "
              "({error})",
        "da": "Noget gik galt; dine tidligere svar er gemt. ({error})",
    },
    "dialogue.finished": {
        "en": "Finished. Here is your summary.",
        "de": "Fertig. Hier ist deine Zusammenfassung.",
        "da": "Færdig. Her er din opsummering.",
    },
    # ------------------------------------------------------------------ summary
    "summary.title": {"en": "Summary", "de": "Zusammenfassung", "da": "Opsummering"},
    "summary.loading": {
        "en": "Writing the summary…",
        "de": "Die Zusammenfassung wird erstellt…",
        "da": "Opsummeringen skrives…",
    },
    "summary.written": {
        "en": "Saved as {path} (only you can read it).",
        "de": "Gespeichert unter {path} (nur du kannst die Datei lesen).",
        "da": "Gemt som {path} (kun du kan læse filen).",
    },
    "save.question": {
        "en": "Save the summary as .{fmt} in this folder:",
        "de": "Die Zusammenfassung als .{fmt} in diesem Ordner speichern:",
        "da": "Gem opsummeringen som .{fmt} i denne mappe:",
    },
    "save.hint": {
        "en": "Only you can read the file. A folder that does not exist yet is created.",
        "de": "Nur du kannst die Datei lesen. Einen Ordner, den es noch nicht gibt, "
              "legt Reflect an.",
        "da": "Kun du kan læse filen. En mappe, der ikke findes endnu, bliver oprettet.",
    },
    "save.save": {"en": "Save", "de": "Speichern", "da": "Gem"},
    "export.missing_folder": {
        "en": "Could not save {path}: the folder {folder} does not exist.",
        "de": "{path} konnte nicht gespeichert werden: Den Ordner {folder} gibt es nicht.",
        "da": "Kunne ikke gemme {path}: mappen {folder} findes ikke.",
    },
    "export.not_a_folder": {
        "en": "Could not save {path}: {folder} is not a folder.",
        "de": "{path} konnte nicht gespeichert werden: {folder} ist kein Ordner.",
        "da": "Kunne ikke gemme {path}: {folder} er ikke en mappe.",
    },
    "export.write_failed": {
        "en": "Could not save {path}: {error}",
        "de": "{path} konnte nicht gespeichert werden: {error}",
        "da": "Kunne ikke gemme {path}: {error}",
    },
    "summary.copied": {
        "en": "Copied the summary to the clipboard.",
        "de": "Zusammenfassung in die Zwischenablage kopiert.",
        "da": "Opsummeringen er kopieret til udklipsholderen.",
    },
    # ------------------------------------------------------------------ history
    "history.title": {"en": "History", "de": "Verlauf", "da": "Historik"},
    "history.search": {
        "en": "Search your answers (/)",
        "de": "In deinen Antworten suchen (/)",
        "da": "Søg i dine svar (/)",
    },
    "history.all_dialogues": {"en": "All dialogues", "de": "Alle Dialoge",
                              "da": "Alle dialoger"},
    "history.any_status": {"en": "Any status", "de": "Jeder Status", "da": "Enhver status"},
    "history.in_progress": {"en": "in progress", "de": "offen", "da": "i gang"},
    "history.finished": {"en": "finished", "de": "fertig", "da": "færdig"},
    "history.col_when": {"en": "Updated", "de": "Geändert", "da": "Ændret"},
    "history.col_dialogue": {"en": "Dialogue", "de": "Dialog", "da": "Dialog"},
    "history.col_status": {"en": "Status", "de": "Status", "da": "Status"},
    "history.col_answers": {"en": "Answers", "de": "Antworten", "da": "Svar"},
    "history.use_command": {
        "en": "This session has its own view: run  {command}",
        "de": "Diese Sitzung hat eine eigene Ansicht: {command}",
        "da": "Denne session har sin egen visning: {command}",
    },
    "history.col_id": {"en": "Id", "de": "Id", "da": "Id"},
    "history.col_match": {"en": "Match", "de": "Treffer", "da": "Fund"},
    "history.empty": {
        "en": "No sessions match.",
        "de": "Keine Sitzungen gefunden.",
        "da": "Ingen sessioner passer.",
    },
    "history.count": {
        "en": "{n} sessions · Enter opens the summary",
        "de": "{n} Sitzungen · Enter öffnet die Zusammenfassung",
        "da": "{n} sessioner · Enter åbner opsummeringen",
    },
    "history.confirm_delete": {
        "en": "Delete the session {id} ({title}, {n} answers)? This cannot be undone.",
        "de": "Sitzung {id} ({title}, {n} Antworten) löschen? Das lässt sich nicht "
              "rückgängig machen.",
        "da": "Slet session {id} ({title}, {n} svar)? Det kan ikke fortrydes.",
    },
    "history.deleted": {"en": "Deleted session {id}.", "de": "Sitzung {id} gelöscht.",
                        "da": "Session {id} er slettet."},
    # ------------------------------------------------------------------ pair setup
    "setup.intro": {
        "en": "You both answer the same questions, each on your own. Only when you have "
              "both finished do you see your answers side by side, and agree together "
              "on what to do next.",
        "de": "Ihr beantwortet beide dieselben Fragen, jede und jeder für sich. Erst wenn "
              "ihr beide fertig seid, seht ihr eure Antworten nebeneinander und vereinbart "
              "gemeinsam, wie es weitergeht.",
        "da": "I svarer begge på de samme spørgsmål, hver for sig. Først når I begge er "
              "færdige, ser I jeres svar side om side og aftaler sammen, hvad I gør nu.",
    },
    "setup.name": {"en": "Your name", "de": "Dein Name", "da": "Dit navn"},
    "setup.name_hint": {"en": "a first name is enough", "de": "ein Vorname genügt",
                        "da": "et fornavn er nok"},
    "setup.role": {"en": "Your role", "de": "Deine Rolle", "da": "Din rolle"},
    "setup.mentor": {"en": "Mentor", "de": "Mentor:in", "da": "Mentor"},
    "setup.mentee": {"en": "Mentee", "de": "Mentee", "da": "Mentee"},
    "setup.sit": {"en": "Where will you answer?", "de": "Wo antwortet ihr?",
                  "da": "Hvor svarer I?"},
    "setup.keyboard": {
        "en": "Both at this keyboard, taking turns",
        "de": "Beide an dieser Tastatur, abwechselnd",
        "da": "Begge ved dette tastatur, på skift",
    },
    "setup.terminals": {
        "en": "Each at our own terminal",
        "de": "Jede und jeder im eigenen Terminal",
        "da": "Hver ved sin egen terminal",
    },
    "setup.start": {
        "en": "Start, and get a code to share",
        "de": "Beginnen und einen Code zum Teilen bekommen",
        "da": "Start og få en kode, du kan dele",
    },
    "setup.join": {
        "en": "Join with a code",
        "de": "Mit einem Code dazukommen",
        "da": "Kom med via en kode",
    },
    "setup.partner": {"en": "Your partner's name", "de": "Name deines Gegenübers",
                      "da": "Din partners navn"},
    "setup.partner_hint": {"en": "their first name", "de": "der Vorname genügt",
                           "da": "et fornavn er nok"},
    "setup.code": {
        "en": "The code on your partner's screen",
        "de": "Der Code auf dem Bildschirm deines Gegenübers",
        "da": "Koden på din partners skærm",
    },
    "setup.code_hint": {"en": "for example K7M2QX", "de": "zum Beispiel K7M2QX",
                        "da": "for eksempel K7M2QX"},
    "setup.begin": {"en": "Begin", "de": "Los geht's", "da": "Begynd"},
    "setup.cancel": {"en": "Cancel", "de": "Abbrechen", "da": "Annullér"},
    "setup.working": {"en": "One moment…", "de": "Einen Moment …", "da": "Et øjeblik …"},
    "setup.need_name": {
        "en": "Please write your name.",
        "de": "Bitte schreib deinen Namen.",
        "da": "Skriv venligst dit navn.",
    },
    "setup.need_partner": {
        "en": "Please write your partner's name.",
        "de": "Bitte schreib den Namen deines Gegenübers.",
        "da": "Skriv venligst din partners navn.",
    },
    "setup.same_names": {
        "en": "Your partner needs a name different from yours, so your answers can be "
              "told apart.",
        "de": "Dein Gegenüber braucht einen anderen Namen als du, damit sich eure "
              "Antworten unterscheiden lassen.",
        "da": "Din partner skal have et andet navn end dig, så jeres svar kan skelnes.",
    },
    "setup.need_code": {
        "en": "Please type the code from your partner's screen.",
        "de": "Bitte tippe den Code vom Bildschirm deines Gegenübers ein.",
        "da": "Skriv venligst koden fra din partners skærm.",
    },
    "setup.bad_code": {
        "en": "A code has 6 letters and digits, like K7M2QX.",
        "de": "Ein Code hat 6 Buchstaben und Ziffern, etwa K7M2QX.",
        "da": "En kode har 6 bogstaver og cifre, fx K7M2QX.",
    },
    "setup.failed": {
        "en": "That did not work: {error}",
        "de": "Das hat nicht geklappt: {error}",
        "da": "Det lykkedes ikke: {error}",
    },
    "setup.code_title": {"en": "Your pair code", "de": "Euer Paar-Code",
                         "da": "Jeres parkode"},
    "setup.code_share": {
        "en": "Give this code to your partner. In their own terminal on this computer, "
              "they open Reflect, choose “Evaluate our partnership together”, then “Join "
              "with a code”. Or they run:",
        "de": "Gib diesen Code deinem Gegenüber. Dort, im eigenen Terminal auf diesem "
              "Computer: Reflect öffnen, „Unsere Partnerschaft gemeinsam auswerten“ und "
              "dann „Mit einem Code dazukommen“ wählen. Oder dort eintippen:",
        "da": "Giv koden til din partner. I sin egen terminal på denne computer åbner "
              "din partner Reflect, vælger “Evaluér vores partnerskab sammen” og derefter "
              "“Kom med via en kode”. Eller skriver:",
    },
    "setup.code_later": {
        "en": "You can begin now; the code stays visible while you answer.",
        "de": "Du kannst jetzt beginnen; der Code bleibt sichtbar, während du antwortest.",
        "da": "Du kan begynde nu; koden er stadig synlig, mens du svarer.",
    },
    "setup.begin_mine": {"en": "Begin my part", "de": "Meinen Teil beginnen",
                         "da": "Begynd min del"},
    # ------------------------------------------------------------------ pair errors
    # What PairService refuses (UserError.key; the CLI says the English message).
    # A {role} is filled in already translated ("Mentor:in"); see error_text.
    "pair.need_name": {
        "en": "A pair needs both your names. Please write one for each of you.",
        "de": "Ein Paar braucht eure beiden Namen. Bitte schreib für jede Person einen.",
        "da": "Et par skal have begge jeres navne. Skriv venligst et navn til hver af jer.",
    },
    "pair.name_too_long": {
        "en": "That name is longer than {limit} characters. A first name is enough.",
        "de": "Dieser Name ist länger als {limit} Zeichen. Ein Vorname genügt.",
        "da": "Det navn er længere end {limit} tegn. Et fornavn er nok.",
    },
    "pair.no_free_code": {
        "en": "No free pair code could be found. Please try again.",
        "de": "Es wurde kein freier Paar-Code gefunden. Bitte versuch es noch einmal.",
        "da": "Der blev ikke fundet nogen ledig parkode. Prøv venligst igen.",
    },
    "pair.no_code": {
        "en": "Please type the code from your partner's screen.",
        "de": "Bitte tippe den Code vom Bildschirm deines Gegenübers ein.",
        "da": "Skriv venligst koden fra din partners skærm.",
    },
    "pair.no_such_code": {
        "en": "There is no pair with the code {code} here. Check it on your partner's "
              "screen.",
        "de": "Hier gibt es kein Paar mit dem Code {code}. Schau noch einmal auf den "
              "Bildschirm deines Gegenübers.",
        "da": "Her findes intet par med koden {code}. Tjek den på din partners skærm.",
    },
    "pair.unknown_role": {
        "en": "“{role}” is not a role here. Choose mentor or mentee.",
        "de": "„{role}“ ist hier keine Rolle. Wähl Mentor:in oder Mentee.",
        "da": "“{role}” er ikke en rolle her. Vælg mentor eller mentee.",
    },
    "pair.role_taken": {
        "en": "This pair already has a {role}. Choose the other role.",
        "de": "Dieses Paar hat schon eine Person als {role}. Wähl die andere Rolle.",
        "da": "Dette par har allerede en {role}. Vælg den anden rolle.",
    },
    "pair.joined_as": {
        "en": "{name} already joined this pair as {role}. Choose that role to continue.",
        "de": "{name} ist diesem Paar schon als {role} beigetreten. Wähl diese Rolle, um "
              "weiterzumachen.",
        "da": "{name} er allerede med i dette par som {role}. Vælg den rolle for at "
              "fortsætte.",
    },
    "pair.full": {
        "en": "This pair already has {names}. Use one of these names to continue.",
        "de": "Zu diesem Paar gehören schon {names}. Nimm einen dieser Namen, um "
              "weiterzumachen.",
        "da": "Dette par har allerede {names}. Brug et af de navne for at fortsætte.",
    },
    "pair.joined_just_now": {
        "en": "Someone else joined this pair as {role} just now. Check the names and "
              "join again.",
        "de": "Gerade eben ist jemand anderes als {role} zu diesem Paar dazugekommen. "
              "Prüf die Namen und komm noch einmal dazu.",
        "da": "Lige nu kom en anden med i dette par som {role}. Tjek navnene, og kom med "
              "igen.",
    },
    "pair.not_finished": {
        "en": "You have not both finished yet. The answers are shown once you both have.",
        "de": "Ihr seid noch nicht beide fertig. Die Antworten erscheinen, sobald ihr "
              "beide fertig seid.",
        "da": "I er ikke begge færdige endnu. Svarene vises, når I begge er færdige.",
    },
    "pair.template_failed": {
        "en": "The summary template {name} does not work ({error}). Run `reflect "
              "validate` on it and fix the line it names.",
        "de": "Die Vorlage {name} für die Zusammenfassung funktioniert nicht ({error}). "
              "Prüf sie mit `reflect validate` und korrigiere die Zeile, die dort steht.",
        "da": "Skabelonen {name} til opsummeringen virker ikke ({error}). Kør `reflect "
              "validate` på den, og ret den linje, den nævner.",
    },
    # ------------------------------------------------------------------ confirm, keys
    "confirm.yes": {"en": "Yes, delete", "de": "Ja, löschen", "da": "Ja, slet"},
    "confirm.no": {"en": "No, keep it", "de": "Nein, behalten", "da": "Nej, behold"},
    "keys.title": {"en": "Keys", "de": "Tasten", "da": "Taster"},
    "keys.here": {"en": "On this screen", "de": "Auf dieser Seite", "da": "På denne side"},
    "keys.everywhere": {"en": "Everywhere", "de": "Überall", "da": "Overalt"},
    "keys.mouse": {
        "en": "The mouse works too: click an item, a button or a key in the bottom bar.",
        "de": "Die Maus geht auch: klicke auf einen Eintrag, einen Knopf oder eine Taste "
              "unten.",
        "da": "Musen virker også: klik på et punkt, en knap eller en tast nederst.",
    },
    # ------------------------------------------------------------------ command palette
    "cmd.start": {"en": "Start: {title}", "de": "Beginnen: {title}", "da": "Start: {title}"},
    "cmd.start_help": {"en": "Start the dialogue '{title}'",
                       "de": "Den Dialog „{title}“ beginnen",
                       "da": "Start dialogen '{title}'"},
    "cmd.history": {"en": "History", "de": "Verlauf", "da": "Historik"},
    "cmd.history_help": {
        "en": "All sessions: search, open, delete",
        "de": "Alle Sitzungen: suchen, öffnen, löschen",
        "da": "Alle sessioner: søg, åbn, slet",
    },
    "cmd.pair": {
        "en": "Evaluate our partnership together",
        "de": "Unsere Partnerschaft gemeinsam auswerten",
        "da": "Evaluér vores partnerskab sammen",
    },
    "cmd.pair_help": {
        "en": "Mentor and mentee answer privately, then compare and agree",
        "de": "Mentor:in und Mentee antworten für sich, dann vergleichen und vereinbaren",
        "da": "Mentor og mentee svarer hver for sig, sammenligner og aftaler",
    },
    "cmd.home": {"en": "Home", "de": "Startseite", "da": "Startside"},
    "cmd.home_help": {"en": "Back to the home screen", "de": "Zurück zur Startseite",
                      "da": "Tilbage til startsiden"},
    "cmd.keys": {"en": "Key help", "de": "Tastenhilfe", "da": "Tastehjælp"},
    "cmd.keys_help": {"en": "Every key on this screen", "de": "Alle Tasten dieser Seite",
                      "da": "Alle taster på denne side"},
    "cmd.language": {"en": "Language: {name}", "de": "Sprache: {name}",
                     "da": "Sprog: {name}"},
    "cmd.language_help": {"en": "Show the app in {name}", "de": "Die App auf {name} zeigen",
                          "da": "Vis appen på {name}"},
    "cmd.theme": {"en": "Light or dark theme", "de": "Helles oder dunkles Design",
                  "da": "Lyst eller mørkt tema"},
    "cmd.theme_help": {"en": "Switch between the light and the dark theme",
                       "de": "Zwischen hellem und dunklem Design wechseln",
                       "da": "Skift mellem lyst og mørkt tema"},
}


def t(key: str, lang: str = "en", **params: object) -> str:
    """The text for `key` in `lang` (English if missing), with `{params}` filled in."""
    table = STRINGS[key]
    text = table.get(lang) or table["en"]
    return text.format(**params) if params else text


def error_text(exc: BaseException, lang: str = "en", *, wrap: str = "") -> str:
    """What to show for `exc` in `lang`.

    A `UserError` with a `key` this table has is said in its translated text, its
    `params` filled in (a `role` param as the role's name in `lang`). Anything else is said
    as it is (a UserError's English `message`), inside the `wrap` key's text (its
    `{error}`) when one is given, e.g. "That did not work: ...".
    """
    from ..core.errors import UserError

    if isinstance(exc, UserError) and exc.key in STRINGS:
        params = dict(exc.params)
        role = str(params.get("role", ""))
        if role:
            from .. import i18n  # the role names the pair screens use

            if f"pair.role.{role}" in i18n.STRINGS:
                params["role"] = i18n.t(f"pair.role.{role}", lang)
        table = STRINGS[exc.key]
        try:
            return (table.get(lang) or table["en"]).format(**params)
        except (KeyError, IndexError, ValueError):
            pass  # a param the text wants is missing: say it in English instead
    text = exc.message if isinstance(exc, UserError) else str(exc)
    return t(wrap, lang, error=text) if wrap else text
