"""What the benchmark says to Reflect: realistic answers, in English, German and Danish.

The texts are written for the benchmark (no seed article is copied). Answers are built
from sentence pools with a seeded random generator, so every run measures the same
words while no two answers are the same string (nothing can be served from a cache).
"""

from __future__ import annotations

import random
from typing import Any

SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "I would like to lead the weekly planning meeting on my own by the end of March.",
        "Right now I mostly listen and take notes, and I rarely say what I think.",
        "My manager told me last month that she wants to hear more of my ideas.",
        "Honestly, I feel a bit nervous when everyone looks at me and waits.",
        "I tried it once in January and it went better than I had feared.",
        "Maybe I am too hard on myself, but I always think my points are not ready.",
        "It matters to me because I want to move into a team lead role next year.",
        "If nothing changes, I will stay invisible and that would frustrate me.",
        "I could prepare three questions before each meeting and ask at least one.",
        "My colleague Sam offered to give me feedback after the meeting on Thursdays.",
        "I would count how often I speak and write it down in my notebook every week.",
        "Sometimes the discussion moves so fast that I lose the thread completely.",
        "What helps me is a short walk before the meeting, so I arrive calm.",
        "I am proud that I presented the project results to the client in February.",
        "The biggest obstacle is time, because Monday mornings are always busy.",
        "I would ask my mentor to look at my agenda drafts and tell me what is missing.",
        "Why do I always wait until someone else has said the same thing?",
        "In two months I want to run four meetings and get a rating of four out of five.",
        "My team is friendly, so the risk is small, even if it feels big to me.",
        "I will block thirty minutes every Friday to plan the next week's agenda.",
        "Perhaps I should also practise summarising what others say before I answer.",
        "When I am tired I tend to agree too quickly with whatever is proposed.",
    ),
    "de": (
        "Ich möchte bis Ende März die wöchentliche Planungsrunde selbst leiten.",
        "Im Moment höre ich meistens zu und schreibe mit, sage aber selten meine Meinung.",
        "Meine Chefin hat mir letzten Monat gesagt, dass sie mehr von meinen Ideen hören will.",
        "Ehrlich gesagt bin ich etwas nervös, wenn mich alle ansehen und warten.",
        "Im Januar habe ich es einmal versucht, und es lief besser als befürchtet.",
        "Vielleicht bin ich zu streng mit mir, aber ich halte meine Punkte nie für fertig.",
        "Es ist mir wichtig, weil ich nächstes Jahr eine Teamleitung übernehmen will.",
        "Wenn sich nichts ändert, bleibe ich unsichtbar, und das würde mich ärgern.",
        "Ich könnte vor jedem Treffen drei Fragen vorbereiten und mindestens eine stellen.",
        "Mein Kollege Jonas hat angeboten, mir donnerstags nach dem Treffen Rückmeldung zu geben.",
        "Ich würde jede Woche zählen, wie oft ich spreche, und es in mein Heft schreiben.",
        "Manchmal geht die Diskussion so schnell, dass ich den Faden verliere.",
        "Ein kurzer Spaziergang vor dem Treffen hilft mir, ruhig anzukommen.",
        "Ich bin stolz, dass ich im Februar die Projektergebnisse beim Kunden vorgestellt habe.",
        "Das größte Hindernis ist die Zeit, weil der Montagmorgen immer voll ist.",
        "Meine Mentorin könnte meine Entwürfe für die Tagesordnung ansehen.",
        "Warum warte ich immer, bis jemand anderes dasselbe gesagt hat?",
        "In zwei Monaten will ich vier Treffen geleitet und die Note vier erreicht haben.",
        "Mein Team ist freundlich, das Risiko ist also klein, auch wenn es sich groß anfühlt.",
        "Ich blocke mir jeden Freitag dreißig Minuten, um die nächste Woche zu planen.",
        "Vielleicht sollte ich auch üben, zusammenzufassen, was andere gesagt haben.",
        "Wenn ich müde bin, stimme ich zu schnell allem zu, was vorgeschlagen wird.",
    ),
    "da": (
        "Jeg vil gerne selv lede det ugentlige planlægningsmøde inden udgangen af marts.",
        "Lige nu lytter jeg mest og tager noter, men jeg siger sjældent min mening.",
        "Min chef sagde sidste måned, at hun gerne vil høre flere af mine idéer.",
        "Ærligt talt bliver jeg lidt nervøs, når alle kigger på mig og venter.",
        "Jeg prøvede det én gang i januar, og det gik bedre, end jeg havde frygtet.",
        "Måske er jeg for hård ved mig selv, men mine pointer føles aldrig færdige.",
        "Det betyder noget for mig, fordi jeg gerne vil være teamleder næste år.",
        "Hvis intet ændrer sig, forbliver jeg usynlig, og det ville frustrere mig.",
        "Jeg kunne forberede tre spørgsmål før hvert møde og stille mindst ét af dem.",
        "Min kollega Mette har tilbudt at give mig feedback efter møderne om torsdagen.",
        "Jeg ville tælle, hvor ofte jeg taler, og skrive det ned i min notesbog hver uge.",
        "Nogle gange går diskussionen så hurtigt, at jeg helt mister tråden.",
        "En kort gåtur før mødet hjælper mig med at komme roligt ind ad døren.",
        "Jeg er stolt af, at jeg præsenterede projektets resultater for kunden i februar.",
        "Den største forhindring er tiden, fordi mandag morgen altid er travl.",
        "Min mentor kunne kigge på mine udkast til dagsordenen og sige, hvad der mangler.",
        "Hvorfor venter jeg altid, til en anden har sagt det samme?",
        "Om to måneder vil jeg have ledet fire møder og fået en vurdering på fire ud af fem.",
        "Mit team er venligt, så risikoen er lille, selvom den føles stor for mig.",
        "Jeg sætter tredive minutter af hver fredag til at planlægge næste uges dagsorden.",
        "Måske skulle jeg også øve mig i at opsummere, hvad andre siger, før jeg svarer.",
        "Når jeg er træt, siger jeg for hurtigt ja til det, der bliver foreslået.",
    ),
}


def long_answer(lang: str, words: int = 300, seed: int = 0) -> str:
    """An answer of exactly `words` words in `lang`, different for every seed."""
    rng = random.Random(f"{lang}-{seed}")
    pool = list(SENTENCES[lang])
    out: list[str] = []
    while len(out) < words:
        rng.shuffle(pool)
        for sentence in pool:
            out.extend(sentence.split())
    text = " ".join(out[:words])
    return text if text.endswith((".", "?", "!")) else text + "."


#: Goal clarification (English), answered the way a mentee would: a vague wish first
#: (the rules ask for a deadline), an honest "why", a measure without numbers (a probe),
#: two first steps (the loop), a rating and a review. Probes are answered briefly.
GOAL_ANSWERS: dict[str, Any] = {
    "area": "career",
    "area-other": "Speaking up",
    "wish": "I want to be more confident about speaking up in team meetings and maybe lead "
            "some of them myself.",
    "why": "My manager asked for more of my ideas, and I would like to become a team lead "
           "next year. Staying quiet makes me feel invisible and a bit frustrated.",
    "measure": "My colleagues would notice that I bring my own points and that I run the "
               "planning meeting.",
    "confidence": 3,
    "low-confidence": "A smaller first meeting and a colleague who gives me feedback.",
    "first-step": ["Prepare three questions before Monday's meeting and ask one of them.",
                   "Ask Sam for feedback after the Thursday meeting."],
    "another-step": [True, False],
    "obstacles": "Monday mornings are busy, and I get nervous before I speak.",
    "obstacle-plan": "I will prepare on Friday afternoon instead, and take a short walk "
                     "before the meeting.",
    "support": "Feedback on my agenda drafts and asking me how the meetings went.",
}

PROBE_ANSWERS = (
    "By the end of March, before the quarterly review.",
    "I could count the meetings I lead: four in the next two months.",
    "On Monday morning at nine, before the team arrives.",
    "My manager would see me run the meeting without notes.",
)


class Answerer:
    """Gives the answer for each turn of a goal-clarification run (or any script)."""

    def __init__(self, answers: dict[str, Any] | None = None, lang: str = "en", *,
                 loop: bool = True) -> None:
        self.answers = dict(GOAL_ANSWERS if answers is None else answers)
        if not loop:
            self.answers["another-step"] = False
        self.lang = lang
        self.visits: dict[str, int] = {}
        self.probes = 0

    def __call__(self, turn: Any) -> Any:
        if turn.kind == "probe":
            self.probes += 1
            return PROBE_ANSWERS[(self.probes - 1) % len(PROBE_ANSWERS)]
        step = turn.step
        n = self.visits.get(step.id, 0)
        self.visits[step.id] = n + 1
        given = self.answers.get(step.id)
        if isinstance(given, list):
            given = given[min(n, len(given) - 1)]
        if given is not None:
            return given
        if turn.kind == "choice" and turn.options:
            return turn.options[0].value
        if turn.kind == "multi" and turn.options:
            return [turn.options[0].value]
        if turn.kind == "scale":
            return step.max - 1
        if turn.kind == "yesno":
            return False
        if turn.kind in ("text", "multiline"):
            return long_answer(self.lang, 40, seed=n + len(self.visits))
        return None
