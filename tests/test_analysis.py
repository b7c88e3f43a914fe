"""Behaviour of the answer analysis: facts, languages, reply codes, evaluation floors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.analysis import REPLY_CODES, analyse, code_reply
from assistant.analysis.evaluate import goal_examples, reply_examples, score_goals, score_replies
from assistant.core import LANGS
from assistant.core.facts import FACTS, basic_facts, neutral_facts


def test_importing_the_package_does_not_load_nltk_until_first_analysis():
    code = (
        "import sys, assistant.analysis, assistant.core.facts\n"
        "assert 'nltk' not in sys.modules, 'nltk imported eagerly'\n"
        "assistant.analysis.analyse('I will call her by Friday.')\n"
        "assert 'nltk' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_core_facts_module_stays_pure():
    code = "import sys, assistant.core.facts; assert 'nltk' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_as_dict_keys_are_exactly_the_documented_facts():
    facts = analyse("I hope to finish the report by March, but I'm worried.").as_dict()
    assert set(facts) == set(FACTS)
    assert set(neutral_facts("x")) == set(FACTS)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀🎉", "\x00\x07bell\x1b[31m red", "I will ✅ finish by June 🙂", "x" * 100_000,
     ("I want to grow. " * 6000), "Ich will es schaffen. I will do it. Jeg vil gøre det."],
)
def test_any_text_gives_json_serialisable_facts(text):
    facts = analyse(text).as_dict()
    assert json.loads(json.dumps(facts)) == facts
    assert facts["words"] == basic_facts(text)["words"] or "\x00" in text


def test_empty_text():
    facts = analyse("").as_dict()
    assert facts["empty"] and facts["words"] == 0 and facts["lang"] == "unknown"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I would like to finish the report by March.", "en"),
        ("Ich möchte den Bericht bis Ende Juni fertigstellen.", "de"),
        ("Jeg vil gerne gøre rapporten færdig inden udgangen af juni.", "da"),
        ("I want to finish my thesis this year and I think it is possible. Ich will auch "
         "endlich mein Deutsch verbessern, und ich habe dafür keine Zeit.", "mixed"),
        ("🙂 👍", "unknown"),
    ],
)
def test_language_detection(text, lang):
    assert analyse(text).lang == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'll send the draft by March.", "en"),
        ("Ship the first version in three weeks.", "en"),
        ("Book the venue before 12/04/2026.", "en"),
        ("Finish the course by the end of the quarter.", "en"),
        ("Ich gebe die Arbeit bis Ende Juni ab.", "de"),
        ("Das Projekt in drei Wochen abschließen.", "de"),
        ("Den Antrag spätestens am 3. Mai einreichen.", "de"),
        ("Jeg afleverer opgaven inden udgangen af juni.", "da"),
        ("Projektet skal være færdigt om tre uger.", "da"),
        ("Ansøgningen sendes senest d. 1. marts.", "da"),
    ],
)
def test_deadlines_are_found(text, lang):
    facts = analyse(text, lang=lang)
    assert facts.has_deadline, text
    assert facts.time_phrases


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I want to become a better listener.", "en"),
        ("Ich will besser zuhören.", "de"),
        ("Jeg vil gerne blive en bedre lytter.", "da"),
    ],
)
def test_goals_without_time_frame_are_vague(text, lang):
    facts = analyse(text, lang=lang)
    assert not facts.has_deadline and not facts.has_measure
    assert facts.vague


def test_measure_and_number():
    facts = analyse("Run 5 km three times a week.", lang="en")
    assert facts.has_number and facts.has_measure and facts.has_frequency
    assert not analyse("Finish the course in three weeks.", lang="en").has_measure


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Maybe I'll try to call her.", "en"), ("Vielleicht rufe ich sie an.", "de"),
     ("Måske ringer jeg til hende.", "da")],
)
def test_hedges(text, lang):
    facts = analyse(text, lang=lang)
    assert facts.hedged and facts.hedges


def test_no_hedge_in_a_firm_commitment():
    assert not analyse("I will call her on Monday.", lang="en").hedged


@pytest.mark.parametrize(
    ("text", "lang"),
    [("You always ignore what I say.", "en"), ("Du hörst mir immer nicht zu, das ist deine "
                                               "Schuld.", "de"),
     ("Du altid afbryder mig.", "da"), ("Du afbryder mig altid.", "da")],
)
def test_blame_and_absolute_language(text, lang):
    facts = analyse(text, lang=lang)
    assert facts.blame_language and facts.absolute_language
    assert facts.you_statements >= 1


def test_i_statement_is_not_blame():
    facts = analyse("I feel frustrated when the meeting runs late.", lang="en")
    assert not facts.blame_language
    assert facts.i_statements == 1 and facts.you_statements == 0
    assert "frustration" in facts.feelings and facts.tone < 0


def test_feelings_and_tone_follow_the_words():
    happy = analyse("I'm so proud and relieved, it went really well.", lang="en")
    assert {"pride", "joy"} <= set(happy.feelings) and happy.tone_label == "positive"
    calm = analyse("I'm not worried about it.", lang="en")
    assert "worry" not in calm.feelings
    assert "worry" in analyse("Ich mache mir große Sorgen.", lang="de").feelings
    assert "worry" in analyse("Jeg er bekymret for mødet.", lang="da").feelings


def test_key_phrases_quote_the_persons_words():
    text = "My main goal is finishing the marketing certificate before my parental leave."
    phrases = analyse(text, lang="en").key_phrases
    assert phrases and all(p in text for p in phrases)
    assert any("marketing certificate" in p for p in phrases)


# Replies written for this test only: none of them is in data/examples.
FRESH = [
    ("en", "What would success look like for you in six months?", None, "open_question"),
    ("en", "Have you told anyone else about this?", None, "closed_question"),
    ("en", "So you're thinking about changing teams.", "I'm thinking about changing teams.",
     "simple_reflection"),
    ("en", "On one hand you love the work, on the other hand the hours are wearing you down.",
     "I love the work but the hours are brutal.", "complex_reflection"),
    ("en", "Well done for speaking up, that took guts.", None, "affirmation"),
    ("en", "You should ask for the feedback in writing.", None, "advice"),
    ("en", "Most teams review their goals every quarter.", None, "information"),
    ("en", "Mm-hmm.", None, "other"),
    ("de", "Was genau hat dich an dem Gespräch gestört?", None, "open_question"),
    ("de", "Hast du schon mit deinem Team darüber gesprochen?", None, "closed_question"),
    ("de", "Du möchtest das Team wechseln.", "Ich möchte das Team wechseln.",
     "simple_reflection"),
    ("de", "Du solltest dir feste Zeiten dafür blocken.", None, "advice"),
    ("de", "Gut gemacht, das hat Mut gebraucht.", None, "affirmation"),
    ("da", "Hvad ville gøre den største forskel for dig?", None, "open_question"),
    ("da", "Har du talt med din leder om det?", None, "closed_question"),
    ("da", "Du bør tage det op på næste møde.", None, "advice"),
    ("da", "Godt gået, det krævede mod.", None, "affirmation"),
    ("da", "Mm.", None, "other"),
]


@pytest.mark.parametrize(("lang", "reply", "previous", "code"), FRESH)
def test_reply_codes_on_fresh_examples(lang, reply, previous, code):
    got = code_reply(reply, previous=previous, lang=lang)
    assert got.code == code, got.reason
    assert got.reason and got.reason.endswith(".")


def test_reply_modifiers():
    why = code_reply("Why did you say yes to that?")
    assert why.code == "open_question" and why.why
    stacked = code_reply("What happened? Did she apologise?")
    assert stacked.stacked and stacked.questions == 2
    assert code_reply("That was a stupid thing to do.").judgement
    assert code_reply("Meinst du nicht, dass das zu viel ist?", lang="de").leading
    assert code_reply("Hvorfor gjorde du det?", lang="da").why


@pytest.mark.xfail(strict=True, reason="the trained model says advice ('you should' weighs "
                   "more than the question form); split out of test_reply_modifiers")
def test_a_leading_question_is_closed_and_leading():
    leading = code_reply("Don't you think you should just quit?")
    assert leading.code == "closed_question" and leading.leading


def test_reason_in_three_languages():
    got = code_reply("What would help?")
    texts = {lang: got.reason_for(lang) for lang in LANGS}
    assert len(set(texts.values())) == 3 and all(texts.values())


def test_example_sets_are_large_enough():
    for lang in LANGS:
        examples = reply_examples(lang)
        for code in REPLY_CODES:
            assert sum(e.code == code for e in examples) >= 60, (lang, code)
        assert {e.split for e in examples} == {"tune", "heldout"}
        assert len(goal_examples(lang)) >= 40


@pytest.mark.parametrize("lang", LANGS)
def test_goal_facets_on_heldout_goals(lang):
    scores = score_goals(lang, "heldout")
    assert scores["deadline"][2] >= 0.85 and scores["measure"][2] >= 0.85


@pytest.mark.parametrize("lang", LANGS)
def test_reply_coder_floor_on_heldout(lang):
    # Regression floor at the level measured when the held-out set was first scored.
    assert score_replies(lang, "heldout")["macro_f1"] >= 0.78


@pytest.mark.parametrize("lang", LANGS)
def test_reply_coder_reaches_target_on_heldout(lang):
    assert score_replies(lang, "heldout")["macro_f1"] >= 0.85


@pytest.mark.parametrize("reply, previous, lang", [
    ("You're relieved that it is finally over.", "The audit is done, at last.", "en"),
    pytest.param("Du bist überrascht, wie gut es lief.", "Die Präsentation lief richtig gut.",
                 "de", marks=pytest.mark.xfail(strict=True, reason="the trained model says "
                                               "simple_reflection")),
    ("Du er lettet over, at du turde spørge.", "Jeg spurgte endelig om lønforhøjelse.", "da"),
])
def test_a_reply_that_opens_on_a_feeling_reflects_and_does_not_affirm(reply, previous, lang):
    # The mentee named no feeling: naming one is a guess at what they feel.
    assert code_reply(reply, previous=previous, lang=lang).code == "complex_reflection"


@pytest.mark.parametrize("reply, lang", [
    ("Short meetings often work better than long ones.", "en"),
    ("Kurze Pausen helfen meist mehr als ein langer Urlaub.", "de"),
    ("Små skridt virker ofte bedre end store planer.", "da"),
])
def test_a_general_statement_with_a_comparison_is_information(reply, lang):
    assert code_reply(reply, previous="I never finish anything.", lang=lang).code == \
        "information"


@pytest.mark.parametrize(("reply", "lang"), [
    # A subject after the verb (verb-second) or "jeg vil" (intention) is no instruction.
    pytest.param("Vielleicht versuche ich, jeden Tag drei Seiten zu schreiben.", "de",
                 marks=pytest.mark.xfail(strict=True, reason="the trained model says advice "
                                         "('vielleicht' opens many suggestions in its data)")),
    ("Jeg vil gøre det første udkast færdigt.", "da"),
])
def test_goal_statements_with_a_softener_are_not_advice(reply, lang):
    assert code_reply(reply, lang=lang).code != "advice"


def test_a_softened_instruction_is_advice():
    assert code_reply("Maybe follow it up with a short email.", lang="en").code == "advice"


def test_stems_do_not_leak_between_languages():
    from assistant.analysis.text import _tools, stem

    assert stem("einen", "de") == _tools()["stemmers"]["de"].stem("einen")
    assert stem("einen", "en") == _tools()["stemmers"]["en"].stem("einen")


@pytest.mark.parametrize("lang", LANGS)
def test_sentence_shortcut_gives_exactly_punkts_sentences(lang):
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from assistant.analysis.lexicon import lexicon
    from assistant.analysis.text import sentences

    params = PunktParameters()
    params.abbrev_types = set(lexicon(lang).abbreviations)
    punkt = PunktSentenceTokenizer(params)
    text = ("Done. Really? Yes! z.B. am 3. Mai, e.g. this, f.eks. dette. J. Bach kam. etc.? "
            "(Hi.) Then \"ok.\" Wait... no!! What?! ca. 5 km. Nr. 2. Slut.")
    assert sentences(text, lang) == [s for s in punkt.tokenize(text) if s.strip()]
