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
              ":pause stops here (everything is saved), :keep keeps a private answer in "
              "the summary you share. Choices are answered by number.",
        "de": ":back geht zur vorigen Frage, :skip lässt diese offen, :pause hält hier an "
              "(alles ist gespeichert), :keep behält eine private Antwort in der "
              "Zusammenfassung, die du teilst. Auswahlfragen beantwortest du mit der Nummer.",
        "da": ":back går til det forrige spørgsmål, :skip lader dette stå åbent, :pause "
              "stopper her (alt er gemt), :keep tager et privat svar med i det resumé, du "
              "deler. Valg besvares med nummeret.",
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
    "plain.not_utf8": {
        "en": "(Part of that line was not valid UTF-8 text; it is kept with � in "
              "place of each unreadable character.)",
        "de": "(Ein Teil dieser Zeile war kein gültiger UTF-8-Text; sie ist gespeichert, "
              "mit � anstelle jedes unlesbaren Zeichens.)",
        "da": "(En del af linjen var ikke gyldig UTF-8-tekst; den er gemt med � i "
              "stedet for hvert ulæseligt tegn.)",
    },
    "plain.followup": {"en": "Follow-up", "de": "Nachgefragt", "da": "Opfølgning"},
    "plain.tip": {"en": "Tip", "de": "Tipp", "da": "Tip"},
    "plain.notice": {"en": "Please note", "de": "Bitte beachte", "da": "Bemærk"},
    "plain.keep_private": {
        "en": "(This answer stays out of the summary you share. To keep it in, type :keep.)",
        "de": "(Diese Antwort bleibt aus der Zusammenfassung heraus, die du teilst. Wenn sie "
              "drinbleiben soll, tippe :keep.)",
        "da": "(Dette svar holdes uden for det resumé, du deler. Skriv :keep, hvis det skal "
              "med.)",
    },
    "plain.kept": {
        "en": "Kept: this answer will be in the summary you share.",
        "de": "Behalten: Diese Antwort steht in der Zusammenfassung, die du teilst.",
        "da": "Beholdt: Dette svar kommer med i det resumé, du deler.",
    },
    "plain.nothing_to_keep": {
        "en": "There is no private answer to keep.",
        "de": "Es gibt keine private Antwort zum Behalten.",
        "da": "Der er intet privat svar at beholde.",
    },
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
    "plain.paused_draft": {
        "en": "Paused; your answers are saved, and the lines you had not sent yet are kept "
              "as a draft. Continue with: reflect resume {id}",
        "de": "Pausiert; deine Antworten sind gespeichert, und die noch nicht abgeschickten "
              "Zeilen sind als Entwurf aufgehoben. Weiter mit: reflect resume {id}",
        "da": "Sat på pause; dine svar er gemt, og de linjer, du ikke havde sendt endnu, er "
              "gemt som kladde. Fortsæt med: reflect resume {id}",
    },
    "plain.draft": {
        "en": "(your draft from last time: {draft} — an empty line sends it, anything you "
              "type replaces it)",
        "de": "(dein Entwurf vom letzten Mal: {draft} – eine leere Zeile schickt ihn ab, was "
              "du tippst, ersetzt ihn)",
        "da": "(din kladde fra sidste gang: {draft} – en tom linje sender den, det du skriver, "
              "erstatter den)",
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


# Pair evaluation (assistant/plain/pair.py and the pair screens).
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
    "pair.your_partner": {"en": "Your partner", "de": "Deine Partnerin oder dein Partner",
                          "da": "Din partner"},
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
    "pair.title": {"en": "Pair evaluation", "de": "Paar-Auswertung", "da": "Parevaluering"},
    "pair.start_part": {"en": "I am {name}: start", "de": "Ich bin {name}: los",
                        "da": "Jeg er {name}: start"},
    "pair.show_answers": {"en": "Show our answers", "de": "Unsere Antworten zeigen",
                          "da": "Vis vores svar"},
    "pair.agree": {"en": "Agree together", "de": "Gemeinsam vereinbaren",
                   "da": "Aftal sammen"},
    "pair.close": {"en": "Close", "de": "Schließen", "da": "Luk"},
    "pair.continue_part": {"en": "Continue my part", "de": "Meinen Teil fortsetzen",
                           "da": "Fortsæt min del"},
    "pair.status_done": {
        "en": "{name} ({role}): finished",
        "de": "{name} ({role}): fertig",
        "da": "{name} ({role}): færdig",
    },
})


# Active-listening practice (assistant/practice*.py and the practice screens).
STRINGS.update({
    "practice.title": {"en": "Active-listening practice", "de": "Übung: aktives Zuhören",
                       "da": "Øvelse i aktiv lytning"},
    "practice.header": {
        "en": "{title} (session {id}). Commands: :retry, :next, :wrong, :quit, :help",
        "de": "{title} (Sitzung {id}). Befehle: :retry, :next, :wrong, :quit, :help",
        "da": "{title} (session {id}). Kommandoer: :retry, :next, :wrong, :quit, :help",
    },
    "practice.intro": {
        "en": "Answer the mentee as you would in a meeting; each line is one reply. "
              "Aim for open questions and reflections.",
        "de": "Antworte der Mentee oder dem Mentee wie in einem echten Gespräch; jede Zeile ist "
              "eine Antwort. Ziel: offene Fragen und spiegelnde Antworten.",
        "da": "Svar mentee, som du ville gøre i en rigtig samtale; hver linje er ét svar. "
              "Gå efter åbne spørgsmål og refleksioner.",
    },
    "practice.help": {
        "en": ":retry takes your last reply back and lets you answer again, :next goes on "
              "to the next scenario, :wrong marks the code of your last reply as wrong "
              "(:wrong simple_reflection says which code you would give), :quit ends and "
              "shows your scorecard.",
        "de": ":retry nimmt deine letzte Antwort zurück und du antwortest neu, :next geht zur "
              "nächsten Szene, :wrong markiert den Code deiner letzten Antwort als falsch "
              "(:wrong simple_reflection sagt, welchen Code du geben würdest), :quit beendet "
              "die Übung und zeigt deine Auswertung.",
        "da": ":retry tager dit sidste svar tilbage, så du kan svare igen, :next går videre "
              "til næste situation, :wrong markerer koden for dit sidste svar som forkert "
              "(:wrong simple_reflection siger, hvilken kode du ville give), :quit afslutter "
              "og viser dit resultat.",
    },
    "practice.marked": {
        "en": "Noted: you think \"{code}\" is the wrong code. The mark is stored on this "
              "machine; reflect practice --export-disagreements writes it out for the team.",
        "de": "Notiert: Du hältst „{code}“ für den falschen Code. Die Markierung bleibt auf "
              "diesem Rechner; reflect practice --export-disagreements schreibt sie für das "
              "Team heraus.",
        "da": "Noteret: Du mener, at \"{code}\" er den forkerte kode. Markeringen gemmes på "
              "denne computer; reflect practice --export-disagreements skriver den ud til "
              "teamet.",
    },
    "practice.nothing_to_mark": {
        "en": "There is no coded reply to mark yet.",
        "de": "Es gibt noch keine eingeordnete Antwort, die du markieren könntest.",
        "da": "Der er endnu intet kodet svar at markere.",
    },
    "practice.unknown_code": {
        "en": "There is no code {code}. Use one of: {codes}.",
        "de": "Den Code {code} gibt es nicht. Nimm einen von: {codes}.",
        "da": "Koden {code} findes ikke. Brug en af: {codes}.",
    },
    "practice.exported": {
        "en": "{n} marks written to {path}",
        "de": "{n} Markierungen gespeichert in {path}",
        "da": "{n} markeringer skrevet til {path}",
    },
    "practice.scenario": {
        "en": "Scenario {n} of {total} · {topic}",
        "de": "Szene {n} von {total} · {topic}",
        "da": "Situation {n} af {total} · {topic}",
    },
    "practice.mentee": {"en": "Mentee", "de": "Mentee", "da": "Mentee"},
    "practice.code": {"en": "Code", "de": "Einordnung", "da": "Kode"},
    "practice.stronger": {
        "en": "A stronger reply could be",
        "de": "Eine stärkere Antwort wäre etwa",
        "da": "Et stærkere svar kunne være",
    },
    "practice.retry_hint": {
        "en": "(:retry answers again; a new reply goes on)",
        "de": "(:retry antwortet neu; eine neue Antwort geht weiter)",
        "da": "(:retry svarer igen; et nyt svar går videre)",
    },
    "practice.suggest_next": {
        "en": "You have worked this scenario well; :next moves on when you are ready.",
        "de": "Diese Szene hast du gut durchgearbeitet; :next geht weiter, wenn du bereit bist.",
        "da": "Du har arbejdet godt med denne situation; :next går videre, når du er klar.",
    },
    "practice.nothing_to_retry": {
        "en": "There is no reply to take back here.",
        "de": "Hier gibt es keine Antwort zum Zurücknehmen.",
        "da": "Der er intet svar at tage tilbage her.",
    },
    "practice.retried": {
        "en": "Taken back. Answer the mentee again:",
        "de": "Zurückgenommen. Antworte noch einmal:",
        "da": "Taget tilbage. Svar mentee igen:",
    },
    "practice.done": {
        "en": "That was the last scenario.",
        "de": "Das war die letzte Szene.",
        "da": "Det var den sidste situation.",
    },
    "practice.unknown_command": {
        "en": "Unknown command {cmd}. {help}",
        "de": "Unbekannter Befehl {cmd}. {help}",
        "da": "Ukendt kommando {cmd}. {help}",
    },
    "practice.saved": {
        "en": "Session {id} is saved. See your progress with: reflect practice --progress",
        "de": "Sitzung {id} ist gespeichert. Deinen Verlauf zeigt: reflect practice --progress",
        "da": "Session {id} er gemt. Se dine fremskridt med: reflect practice --progress",
    },
    "practice.no_progress": {
        "en": "No practice yet. Start with: reflect practice",
        "de": "Noch keine Übung. Los geht es mit: reflect practice",
        "da": "Ingen øvelser endnu. Begynd med: reflect practice",
    },
    # the reply codes, in words
    "practice.code.open_question": {"en": "open question", "de": "offene Frage",
                                    "da": "åbent spørgsmål"},
    "practice.code.closed_question": {"en": "closed question", "de": "geschlossene Frage",
                                      "da": "lukket spørgsmål"},
    "practice.code.simple_reflection": {"en": "simple reflection", "de": "einfache Reflexion",
                                        "da": "simpel refleksion"},
    "practice.code.complex_reflection": {"en": "complex reflection",
                                         "de": "komplexe Reflexion",
                                         "da": "kompleks refleksion"},
    "practice.code.affirmation": {"en": "affirmation", "de": "Bestätigung",
                                  "da": "anerkendelse"},
    "practice.code.advice": {"en": "advice", "de": "Rat", "da": "råd"},
    "practice.code.information": {"en": "information", "de": "Information",
                                  "da": "information"},
    "practice.code.other": {"en": "other", "de": "anderes", "da": "andet"},
    "practice.modifier.why": {"en": "why question", "de": "Warum-Frage",
                              "da": "hvorfor-spørgsmål"},
    "practice.modifier.leading": {"en": "leading", "de": "suggestiv", "da": "ledende"},
    "practice.modifier.stacked": {"en": "stacked questions", "de": "mehrere Fragen auf einmal",
                                  "da": "flere spørgsmål på én gang"},
    "practice.modifier.judgement": {"en": "judgement", "de": "Wertung", "da": "dom"},
    # one sentence on what each kind of reply does to the conversation
    "practice.note.open_question": {
        "en": "Open questions hand the conversation to the mentee.",
        "de": "Offene Fragen geben das Gespräch an die Mentee oder den Mentee ab.",
        "da": "Åbne spørgsmål giver samtalen videre til mentee.",
    },
    "practice.note.closed_question": {
        "en": "A closed question gets a short answer; try opening it with what or how.",
        "de": "Eine geschlossene Frage bekommt eine kurze Antwort; versuch es mit Was oder Wie.",
        "da": "Et lukket spørgsmål får et kort svar; prøv at åbne det med hvad eller hvordan.",
    },
    "practice.note.simple_reflection": {
        "en": "Reflecting back shows you heard; adding a feeling or meaning takes it deeper.",
        "de": "Spiegeln zeigt, dass du zugehört hast; ein Gefühl oder eine Bedeutung dazu "
              "führt tiefer.",
        "da": "At spejle viser, at du har lyttet; en følelse eller mening mere tager det dybere.",
    },
    "practice.note.complex_reflection": {
        "en": "A complex reflection guesses at what lies underneath and invites the mentee "
              "to go further.",
        "de": "Eine komplexe Reflexion greift auf, was darunter liegt, und lädt ein, "
              "weiterzudenken.",
        "da": "En kompleks refleksion gætter på det, der ligger nedenunder, og inviterer til "
              "at gå videre.",
    },
    "practice.note.affirmation": {
        "en": "Recognising effort builds trust; keep it specific and honest.",
        "de": "Einsatz anzuerkennen schafft Vertrauen; bleib konkret und ehrlich.",
        "da": "At anerkende indsatsen skaber tillid; hold det konkret og ærligt.",
    },
    "practice.note.advice": {
        "en": "Unasked advice tends to get a \"yes, but\"; understand first, then ask "
              "whether ideas are welcome.",
        "de": "Ungefragter Rat bekommt meist ein \"Ja, aber\"; erst verstehen, dann fragen, "
              "ob Ideen willkommen sind.",
        "da": "Uopfordrede råd får tit et \"ja, men\"; forstå først, og spørg så, om idéer "
              "er velkomne.",
    },
    "practice.note.information": {
        "en": "Information moves the focus away from the mentee; save it until they ask.",
        "de": "Informationen lenken vom Mentee ab; heb sie auf, bis danach gefragt wird.",
        "da": "Information flytter fokus væk fra mentee; gem den, til der bliver spurgt.",
    },
    "practice.note.other": {
        "en": "This neither asks nor reflects; the mentee has little to answer.",
        "de": "Das fragt nicht und spiegelt nicht; es gibt wenig, worauf man antworten kann.",
        "da": "Det hverken spørger eller spejler; mentee har ikke meget at svare på.",
    },
    "practice.note.why": {
        "en": "\"Why\" can sound like a demand to justify oneself; \"what\" or \"how\" "
              "invites more.",
        "de": "\"Warum\" klingt schnell nach Rechtfertigung; \"was\" oder \"wie\" lädt mehr ein.",
        "da": "\"Hvorfor\" kan lyde som et krav om forsvar; \"hvad\" eller \"hvordan\" "
              "inviterer mere.",
    },
    "practice.note.leading": {
        "en": "A leading question already holds its answer; leave the answer to the mentee.",
        "de": "Eine suggestive Frage enthält ihre Antwort schon; überlass die Antwort dem "
              "Gegenüber.",
        "da": "Et ledende spørgsmål har allerede svaret i sig; lad mentee selv svare.",
    },
    "practice.note.stacked": {
        "en": "Several questions at once leave the mentee choosing; ask one and wait.",
        "de": "Mehrere Fragen auf einmal lassen nur die Wahl; stell eine und warte.",
        "da": "Flere spørgsmål på én gang lader mentee vælge; stil ét og vent.",
    },
    "practice.note.judgement": {
        "en": "A judgement makes it harder to speak openly; describe, don't rate.",
        "de": "Eine Wertung macht offenes Sprechen schwerer; beschreiben statt bewerten.",
        "da": "En dom gør det sværere at tale åbent; beskriv i stedet for at bedømme.",
    },
    # the scorecard
    "practice.scorecard": {"en": "Scorecard", "de": "Auswertung", "da": "Resultat"},
    "practice.disclaimer": {
        "en": "Practice targets after MITI 4.2.1, not a certified score.",
        "de": "Übungsziele nach MITI 4.2.1, keine zertifizierte Bewertung.",
        "da": "Øvelsesmål efter MITI 4.2.1, ikke en certificeret vurdering.",
    },
    "practice.kept": {
        "en": "{kept} replies counted, {retried} taken back",
        "de": "{kept} Antworten gezählt, {retried} zurückgenommen",
        "da": "{kept} svar talt med, {retried} taget tilbage",
    },
    "practice.modifiers": {"en": "Also noticed", "de": "Außerdem bemerkt",
                           "da": "Også bemærket"},
    "practice.measure.rq_ratio": {"en": "Reflection-to-question ratio",
                                  "de": "Verhältnis Reflexionen zu Fragen",
                                  "da": "Forhold mellem refleksioner og spørgsmål"},
    "practice.measure.open_share": {"en": "Open questions", "de": "Offene Fragen",
                                    "da": "Åbne spørgsmål"},
    "practice.measure.complex_share": {"en": "Complex reflections", "de": "Komplexe Reflexionen",
                                       "da": "Komplekse refleksioner"},
    "practice.detail.rq_ratio": {"en": "{num} reflections, {den} questions",
                                 "de": "{num} Reflexionen, {den} Fragen",
                                 "da": "{num} refleksioner, {den} spørgsmål"},
    "practice.detail.open_share": {"en": "{num} of {den} questions",
                                   "de": "{num} von {den} Fragen",
                                   "da": "{num} af {den} spørgsmål"},
    "practice.detail.complex_share": {"en": "{num} of {den} reflections",
                                      "de": "{num} von {den} Reflexionen",
                                      "da": "{num} af {den} refleksioner"},
    "practice.level.good": {"en": "good", "de": "gut", "da": "godt"},
    "practice.level.fair": {"en": "fair", "de": "solide", "da": "rimeligt"},
    "practice.level.below": {"en": "below target", "de": "unter dem Ziel", "da": "under målet"},
    "practice.level.none": {"en": "not measured yet", "de": "noch nicht messbar",
                            "da": "endnu ikke målt"},
    "practice.target": {"en": "fair / good: {target}", "de": "solide / gut: {target}",
                        "da": "rimeligt / godt: {target}"},
    "practice.trend.up": {"en": "rising", "de": "steigend", "da": "stigende"},
    "practice.trend.down": {"en": "falling", "de": "fallend", "da": "faldende"},
    "practice.trend.same": {"en": "steady", "de": "gleichbleibend", "da": "stabil"},
    "practice.trend.none": {"en": "not enough sessions yet", "de": "noch zu wenige Sitzungen",
                            "da": "endnu for få sessioner"},
    # the practice screens (assistant/tui/screens/practice.py, progress.py)
    "practice.key.retry": {"en": "Retry", "de": "Neu antworten", "da": "Prøv igen"},
    "practice.key.next": {"en": "Next scenario", "de": "Nächste Szene", "da": "Næste situation"},
    "practice.key.finish": {"en": "Scorecard", "de": "Auswertung", "da": "Resultat"},
    "practice.key.progress": {"en": "Progress", "de": "Verlauf", "da": "Fremskridt"},
    "practice.key.again": {"en": "Practise again", "de": "Noch einmal üben",
                           "da": "Øv igen"},
    "practice.key.home": {"en": "Home", "de": "Start", "da": "Start"},
    "practice.placeholder": {
        "en": "Your reply to the mentee, then Enter",
        "de": "Deine Antwort an die Mentee oder den Mentee, dann Enter",
        "da": "Dit svar til mentee, derefter Enter",
    },
    "practice.feedback_empty": {
        "en": "Reply to the mentee; the code of your reply and a stronger example appear here.",
        "de": "Antworte der Mentee oder dem Mentee; hier erscheinen die Einordnung deiner "
              "Antwort und ein stärkeres Beispiel.",
        "da": "Svar mentee; her vises koden for dit svar og et stærkere eksempel.",
    },
    "practice.you": {"en": "You", "de": "Du", "da": "Dig"},
    "practice.progress_title": {"en": "Practice progress", "de": "Übungsverlauf",
                                "da": "Fremskridt i øvelserne"},
    "practice.progress_points": {
        "en": "{n} sessions · latest {value} ({level}) · {target}",
        "de": "{n} Sitzungen · zuletzt {value} ({level}) · {target}",
        "da": "{n} sessioner · senest {value} ({level}) · {target}",
    },
    "practice.column.date": {"en": "Date", "de": "Datum", "da": "Dato"},
    "practice.column.replies": {"en": "Replies", "de": "Antworten", "da": "Svar"},
    "practice.column.rq": {"en": "R:Q", "de": "R:F", "da": "R:S"},
    "practice.column.open": {"en": "Open Q", "de": "Offene F.", "da": "Åbne sp."},
    "practice.column.complex": {"en": "Complex R", "de": "Komplexe R.", "da": "Komplekse r."},
    "practice.cmd.start": {"en": "Practise active listening",
                           "de": "Aktives Zuhören üben", "da": "Øv aktiv lytning"},
    "practice.cmd.start_help": {
        "en": "Answer scripted mentees and get feedback on every reply",
        "de": "Übungs-Mentees antworten und zu jeder Antwort Rückmeldung bekommen",
        "da": "Svar øvelses-mentees og få feedback på hvert svar",
    },
    "practice.cmd.progress": {"en": "Practice progress", "de": "Übungsverlauf",
                              "da": "Fremskridt i øvelserne"},
    "practice.cmd.progress_help": {
        "en": "Your listening measures over all practice sessions",
        "de": "Deine Zuhör-Kennzahlen über alle Übungen",
        "da": "Dine lyttemål over alle øvelser",
    },
})


def t(key: str, lang: str = "en", **params: object) -> str:
    table = STRINGS[key]
    text = table.get(lang) or table["en"]
    return text.format(**params) if params else text
