"""Safety facts: answers that suggest more than a mentoring question, in three languages.

From the user's side: the sentences a tired person types, the ones issue 14 quotes, and
the tempting everyday ones that must stay quiet. Every entry of the detector's data also
carries its own two examples (one it must match, one it must not), checked here.
"""

from __future__ import annotations

import pytest

from assistant.analysis import analyse
from assistant.analysis.lexicon import LANGS
from assistant.analysis.safety import _entries, entry_hits, language_data


def topics(text: str) -> list[str]:
    return analyse(text).as_dict()["safety_topics"]


# --- the sentences of issue 14 --------------------------------------------------------------

@pytest.mark.parametrize(("text", "topic"), [
    ("Honestly I don't want to be alive anymore.", "self_harm"),
    ("I've been thinking about ending it all.", "self_harm"),
    ("I wish I could go to sleep and never wake up.", "self_harm"),
    ("My manager screamed at me in front of the whole team again.", "harassment"),
    ("She humiliates me in every meeting", "harassment"),
    ("Ich will nicht mehr leben.", "self_harm"),
    ("Am liebsten wäre ich tot.", "self_harm"),
    ("Mein Chef fasst mich immer wieder an, obwohl ich nein gesagt habe.", "harassment"),
    ("Jeg vil gerne dø.", "self_harm"),
    ("Jeg har ikke lyst til at leve mere.", "self_harm"),
])
def test_the_issue_sentences_get_a_notice(text, topic):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is True
    assert topic in facts["safety_topics"]


@pytest.mark.parametrize("text", [
    "This project is killing me, but we'll make the deadline",
    "this project is killing me but well make the deadline",
    "Dieses Projekt bringt mich um, aber wir schaffen die Deadline.",
    "das projekt bringt mich noch um aber wir schaffen die deadline",
    "Projektet slår mig ihjel, men vi når deadlinen.",
    "projektet slår mig ihjel men vi når deadline",
])
def test_the_killing_me_idiom_gets_no_notice(text):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is False
    assert facts["safety_topics"] == []


# --- meaning rather than exact phrases --------------------------------------------------------

@pytest.mark.parametrize(("text", "topic"), [
    ("tbh i just want to die", "self_harm"),
    ("i cant do this anymore", "crisis"),
    ("nobody would care if i died", "self_harm"),
    ("i have a plan to end it", "self_harm"),
    ("my dad beats me", "violence"),
    ("he hits me when hes drunk", "violence"),
    ("sie schreit mich an", "harassment"),
    ("mein vater schlägt mich", "violence"),
    ("ich hab suizidgedanken", "self_harm"),
    ("ich ritze mich wieder", "self_harm"),
    ("min far slår mig", "violence"),
    ("jeg tænker på selvmord hver dag", "self_harm"),
    ("they passed me over because i am gay", "discrimination"),
    ("ich werde anders behandelt weil ich schwarz bin", "discrimination"),
    ("he said he'll fire me if i tell hr", "harassment"),
    ("min leder truer med at fyre mig hvis jeg klager", "harassment"),
    ("My team lead keeps harassing me after work.", "harassment"),
    ("Some nights I think about ending my life.", "self_harm"),
    ("Ich werde seit Monaten gemobbt.", "harassment"),
    ("Manchmal denke ich daran, mir etwas anzutun.", "self_harm"),
    ("Jeg bliver mobbet af min chef.", "harassment"),
    ("Jeg har haft selvmordstanker.", "self_harm"),
])
def test_plain_statements_are_found_by_meaning(text, topic):
    assert topic in topics(text)


@pytest.mark.parametrize("text", [
    # negation: said about oneself, but the other way round
    "I don't want to die on this hill, let's pick another fight",
    "i would never hurt myself, don't worry",
    # someone else, in neutral terms
    "my grandmother wanted to die at home and she did",
    "meine oma wollte zu hause sterben",
    "min mormor ville gerne dø hjemme",
    # quoting a film
    'in the film the hero says "i wish i was dead" and we all laughed',
    'im film sagt er "ich will sterben" und alle lachen',
    # idioms and tempting words
    "im dying to try the new planning tool",
    "I could kill for a coffee",
    "our killer feature is the offline mode",
    "ich sterbe vor hunger",
    "ich lach mich tot",
    "jeg er ved at dø af sult",
    "I want to kill it at my next presentation.",
    "The project is in crisis and I need to prioritise.",
    "my mentor pushed me to apply for the lead role",
    "we talked about harassment training at the all hands",
    "Ich möchte bis Juni drei Vorträge halten.",
    "ich kann nicht mehr warten bis der prototyp fertig ist",
    "Jeg vil gerne blive bedre til at give feedback.",
    "jeg kan ikke vente til prototypen er klar",
])
def test_ordinary_mentoring_answers_raise_no_concern(text):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is False, facts["safety_topics"]


# --- what an independent tester found missing (session 2): new sentences of each kind --------

@pytest.mark.parametrize(("text", "topic"), [
    # indirect wish to die, no way forward
    ("honestly my kids would be better off without me", "self_harm"),
    ("they would all be happier if i just wasnt around", "self_harm"),
    ("i honestly cant see any way forward anymore", "self_harm"),
    ("i feel like such a burden on everyone", "self_harm"),
    ("alle wären ohne mich besser dran, ehrlich", "self_harm"),
    ("i ville alle have det bedre uden mig", "self_harm"),
    ("jeg kan ikke se nogen vej frem for mig", "self_harm"),
    # methods without the word die
    ("ive been stockpiling sleeping pills for weeks", "self_harm"),
    ("im thinking of taking all my pills at once tonight", "self_harm"),
    ("ich sammle meine schlaftabletten seit einer weile", "self_harm"),
    ("jeg har samlet mine sovepiller sammen", "self_harm"),
    # hedged
    ("sometimes i think about just not being around anymore", "self_harm"),
    ("manchmal denke ich dran einfach nicht mehr da zu sein", "self_harm"),
    ("nogle gange tænker jeg på ikke at være her mere", "self_harm"),
    # threats tied to the job
    ("he said if i report it im out", "harassment"),
    ("she said my contract wont be extended if i tell anyone", "harassment"),
    ("er meinte ich fliege wenn ich mich beim betriebsrat beschwere", "harassment"),
    ("han sagde at hvis jeg anmelder ham ryger jeg ud", "harassment"),
    # discrimination by age and other grounds
    ("my boss keeps asking when im finally going to retire", "discrimination"),
    ("they said the job needs someone younger", "discrimination"),
    ("er macht ständig witze über meinen akzent", "discrimination"),
    ("min leder laver jokes om min accent", "discrimination"),
    # Danish self-injury and being shouted at
    ("jeg er begyndt at cutte mig selv igen", "self_harm"),
    ("jeg brænder mine arme når det bliver for meget", "self_harm"),
    ("min chef råber af mig foran alle", "harassment"),
    ("han råbte af mig igen i dag", "harassment"),
])
def test_the_kinds_the_tester_found_missing_get_a_notice(text, topic):
    assert topic in topics(text)


@pytest.mark.parametrize("text", [
    # talking about prevention, training, policy, a story: not living it
    "we had suicide prevention training last month, really useful",
    "the new harassment policy went out today",
    "i read an article on domestic violence and what employers can do",
    "the workshop was about self harm in young people",
    "wir hatten eine schulung zur suizidprävention im team",
    "der artikel über häusliche gewalt war gut recherchiert",
    "vi havde et kursus om selvmordsforebyggelse",
    "jeg læste en artikel om vold i hjemmet",
    # someone else's situation
    "in the series a character wants to die and it was hard to watch",
    "we talked about what to say when someone feels suicidal",
    "a friend of mine left her violent husband and she is doing well",
    "das buch handelt von einer frau und ihrem gewalttätigen mann",
    # tempting everyday words
    "i cant see a way forward with this design yet",
    "the team will be fine without me for a day",
    "im too old for all nighters lol",
    "jeg er for gammel til at tage natten med",
    "jeg skar mig i fingeren med kniven",
    "i'd love to cut the meeting time in half",
])
def test_talk_about_a_topic_and_tempting_words_get_no_notice(text):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is False, facts["safety_topics"]


def test_a_sentence_about_a_training_does_not_hide_the_next_one():
    text = "We had suicide prevention training today. Since then I keep thinking about suicide."
    assert "self_harm" in topics(text)


def test_a_plain_word_that_the_file_also_writes_as_written_is_an_error(tmp_path):
    from assistant.analysis.safety import check_surface

    raw = [{"id": "a", "topic": "crisis", "pattern": "=alles weg", "match": "a", "not": "b"},
           {"id": "b", "topic": "crisis", "pattern": "alles ~2 vorbei", "match": "a",
            "not": "b"}]
    with pytest.raises(ValueError, match=r"b: 'alles' is matched as written .* write '=alles'"):
        check_surface(raw, {}, "data/safety/de.yaml")


def test_a_concern_in_a_long_answer_is_still_found():
    filler = "We planned the sprint, I wrote the agenda and the team agreed on the dates. "
    assert "self_harm" in topics(filler * 20 + "Honestly I don't want to be alive anymore.")


def test_a_person_may_switch_language_mid_answer():
    assert "self_harm" in topics("The sprint went fine. Ehrlich gesagt will ich nicht mehr leben.")


# --- every entry of the data is checked by its own examples -------------------------------------

def _all_entries():
    for lang in LANGS:
        data = language_data(lang)
        for entry in data.entries + data.idioms + data.combos:
            yield pytest.param(entry, id=f"{lang}:{entry.id}")


@pytest.mark.parametrize("entry", list(_all_entries()))
def test_each_entry_matches_its_example_and_not_its_counter_example(entry):
    assert entry_hits(entry, entry.match), f"{entry.id} misses {entry.match!r}"
    assert not entry_hits(entry, entry.not_match), f"{entry.id} fires on {entry.not_match!r}"


def test_entry_ids_are_unique_per_language():
    for lang in LANGS:
        data = language_data(lang)
        ids = [e.id for e in data.entries + data.idioms + data.combos]
        assert len(ids) == len(set(ids)), lang


@pytest.mark.parametrize(("raw", "message"), [
    ([{"id": "x", "topic": "weather", "pattern": "rain", "match": "a", "not": "b"}],
     "x: unknown topic 'weather'"),
    ([{"id": "x", "topic": "crisis", "pattern": "rain", "match": "a"}],
     "x: every entry needs a 'match' and a 'not' example"),
    ([{"id": "x", "topic": "crisis", "pattern": "@nope rain", "match": "a", "not": "b"}],
     "unknown word list @nope"),
    ([{"id": "x", "topic": "crisis", "pattern": "~2 rain", "match": "a", "not": "b"}],
     "cannot start with a gap"),
    ([{"id": "x", "topic": "crisis", "pattern": "rain", "match": "a", "not": "b"},
      {"id": "x", "topic": "crisis", "pattern": "snow", "match": "a", "not": "b"}],
     "entry id 'x' is used twice"),
])
def test_a_broken_entry_names_the_file_and_the_entry(raw, message):
    with pytest.raises(ValueError, match="data/safety/en.yaml") as info:
        _entries(raw, "en", {}, "data/safety/en.yaml", idiom=False)
    assert message in str(info.value)
