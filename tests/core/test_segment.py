"""Tests for sentence splitting: Arabic and English news rules, offsets and large inputs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core import data as language_data
from workbench.core.text.segment import (
    Fragment,
    Segmentation,
    Sentence,
    split_sentences,
)

# The seven body paragraphs of the seed article (shared/seed/000_4489f4de29ce8df6.txt), between
# the headline and the "المصدر:" line, exactly as published, stray "ات" included.
SEED_BODY = """أعلن المتحدث باسم الرئاسة الروسية، دميتري بيسكوف، أن الرئيسان الروسي، فلاديمير بوتين، والتركي رجب طيب أردوغان، لا يعتزمان عقد لقاء بشأن تفاقم الوضع في إدلب، مؤكدا على أنه إذا استدعت الضرورة فسيتم عقد هذا اللقاء.

وقال المتحدث الروسي للصحفيين، ردا على سؤال حول إمكانية عقد قمة روسية تركي بشأن تفاقم الوضع في إدلب، اليوم الثلاثاء: “إذا رأى الرؤساء ضرورة لذلك”.

وأكد بيسكوف على أن الرؤساء “لم يتخذا مثل هذا القرار بعد”.

وغادر وفد روسي اليوم الثلاثاء، العاصمة التركية أنقرة، بعد مباحثات حثيثة بشأن التطورات الأخيرة في إدلب، والتي كان أبرزها مقتل عدد من الجنود الأتراك بقصف للنظام السوري على قاعدة عسكرية بالشمال السوري.

ونقلت وكالة “رويترز” عن مصدر دبلوماسي تركي، بأن “الوفد الروسي غادر تركيا دون اتفاق على سبل وقف الاشتباكات، التي أودت بحياة 13 جنديا تركيا متواجدين في سوريا خلال أسبوع واحد فقط”.

وتزامن الهجوم الثاني على القوات التركية في سوريا، مع مباحثات منعقدة بأنقرة بين روسيا وتركيا، ما أسفر عن مقتل خمسة جنود أتراك، وتبع الهجوم المزيد من التعزيزات العسكرية التركية إلى الحدود السورية.

وفشل الاجتماع الروسي- التركي السبت في التوصل إلى أي اتفاق، ويبدو أن لقاء الاثنين أيضا لم يحرز أي تقدم بشأن التطورات الميدانية بإدلب.ات"""


def sentence_texts(body: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(body).sentences]


def assert_offsets_exact(body: str, segmentation: Segmentation) -> None:
    pieces: list[Sentence | Fragment] = [*segmentation.sentences, *segmentation.fragments]
    for piece in pieces:
        assert body[piece.start : piece.end] == piece.text
        assert piece.text == piece.text.strip()
        assert piece.text
    ordered = sorted(pieces, key=lambda piece: piece.start)
    for earlier, later in itertools.pairwise(ordered):
        assert earlier.end <= later.start


# --- the seed article -------------------------------------------------------------------


def test_seed_body_is_seven_sentences_one_per_paragraph() -> None:
    segmentation = split_sentences(SEED_BODY)
    paragraphs = SEED_BODY.split("\n\n")
    assert len(segmentation.sentences) == 7
    for sentence, paragraph in zip(segmentation.sentences, paragraphs, strict=True):
        assert paragraph.startswith(sentence.text)
    assert_offsets_exact(SEED_BODY, segmentation)


def test_seed_body_last_sentence_ends_at_the_stop_before_the_stray_letters() -> None:
    segmentation = split_sentences(SEED_BODY)
    last = segmentation.sentences[-1]
    assert last.text.startswith("وفشل الاجتماع الروسي- التركي")
    assert last.text.endswith("بشأن التطورات الميدانية بإدلب.")
    assert segmentation.fragments == (Fragment(last.end, last.end + 2, "ات", "stray fragment"),)


def test_seed_body_quotations_stay_inside_their_sentences() -> None:
    texts = sentence_texts(SEED_BODY)
    assert texts[1].endswith("“إذا رأى الرؤساء ضرورة لذلك”.")
    assert texts[2] == "وأكد بيسكوف على أن الرؤساء “لم يتخذا مثل هذا القرار بعد”."
    assert texts[4].startswith("ونقلت وكالة “رويترز”")
    assert texts[4].endswith("خلال أسبوع واحد فقط”.")


def test_arabic_commas_and_colons_do_not_end_sentences() -> None:
    texts = sentence_texts(SEED_BODY)
    assert texts[0] == SEED_BODY.split("\n\n", maxsplit=1)[0]
    assert texts[0].count("،") == 6
    assert "الثلاثاء: “إذا" in texts[1]
    assert sentence_texts("روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء، ولكنه سيحدث.") == [
        "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء، ولكنه سيحدث."
    ]


def test_seed_paragraphs_joined_on_one_line_still_give_seven_sentences() -> None:
    one_line = SEED_BODY.replace("\n\n", " ").removesuffix("ات")
    texts = sentence_texts(one_line)
    assert len(texts) == 7
    assert texts[-1].endswith("بإدلب.")


# --- stops -------------------------------------------------------------------------------


def test_full_stops_question_and_exclamation_marks_end_sentences() -> None:
    assert sentence_texts("It rained. Did it stop? No! It went on.") == [
        "It rained.",
        "Did it stop?",
        "No!",
        "It went on.",
    ]


def test_arabic_question_mark_ends_a_sentence() -> None:
    assert sentence_texts("هل انتهى الاجتماع؟ نعم انتهى. وماذا بعد؟") == [
        "هل انتهى الاجتماع؟",
        "نعم انتهى.",
        "وماذا بعد؟",
    ]


def test_runs_of_stops_end_one_sentence() -> None:
    assert sentence_texts("Really?! Yes... It did. هل حقا؟! نعم.") == [
        "Really?!",
        "Yes...",
        "It did.",
        "هل حقا؟!",
        "نعم.",
    ]


def test_ellipsis_character_ends_a_sentence_before_arabic_text() -> None:
    assert sentence_texts("ارتفعت الأسعار… وتراجعت الصادرات.") == [
        "ارتفعت الأسعار…",
        "وتراجعت الصادرات.",
    ]


def test_ellipsis_before_a_lowercase_word_does_not_end_an_english_sentence() -> None:
    assert sentence_texts("He said... that it was over. Then… nothing.") == [
        "He said... that it was over.",
        "Then… nothing.",
    ]


def test_ellipsis_at_the_end_of_a_teaser_line_ends_it() -> None:
    body = (
        "قالت وزارة الدفاع التركية، الخميس، إنه يجب على المجتمع الدولي اتخاذ خطوات حازمة"
        " ضد ممارسات…\n\n04/12/2025\n\nأعلن وزير التجارة التركي تسجيل صادرات في آخر 12 شهرًا…"
    )
    texts = sentence_texts(body)
    assert texts == [
        "قالت وزارة الدفاع التركية، الخميس، إنه يجب على المجتمع الدولي اتخاذ خطوات حازمة"
        " ضد ممارسات…",
        "04/12/2025",
        "أعلن وزير التجارة التركي تسجيل صادرات في آخر 12 شهرًا…",
    ]


def test_a_leading_ellipsis_belongs_to_the_words_after_it() -> None:
    assert sentence_texts("...and then it ended. Fine.") == ["...and then it ended.", "Fine."]


# --- paragraphs and lines ----------------------------------------------------------------


def test_blank_line_ends_a_sentence_without_a_stop() -> None:
    assert sentence_texts("First paragraph without stop\n\nSecond one.") == [
        "First paragraph without stop",
        "Second one.",
    ]


def test_heading_line_without_a_stop_is_one_sentence() -> None:
    body = "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب\nأعلن المتحدث ذلك. وأضاف شيئا."
    assert sentence_texts(body) == [
        "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب",
        "أعلن المتحدث ذلك.",
        "وأضاف شيئا.",
    ]


def test_wrapped_lines_can_be_joined_so_only_blank_lines_end_paragraphs() -> None:
    body = "The minister said the talks\nwould go on. Dr.\nSmith agreed.\n\nNext paragraph"
    assert sentence_texts(body) == [
        "The minister said the talks",
        "would go on.",
        "Dr.",
        "Smith agreed.",
        "Next paragraph",
    ]
    joined = split_sentences(body, join_wrapped_lines=True)
    assert [sentence.text for sentence in joined.sentences] == [
        "The minister said the talks\nwould go on.",
        "Dr.\nSmith agreed.",
        "Next paragraph",
    ]
    assert_offsets_exact(body, joined)


def test_offsets_skip_surrounding_whitespace() -> None:
    body = "  \t First one.   Second one.  \n\n   "
    segmentation = split_sentences(body)
    assert segmentation.sentences == (
        Sentence(4, 14, "First one."),
        Sentence(17, 28, "Second one."),
    )


@pytest.mark.parametrize("body", ["", "   ", "\n\n\n"])
def test_empty_or_blank_body_has_no_sentences(body: str) -> None:
    assert split_sentences(body) == Segmentation(sentences=(), fragments=())


def test_a_line_without_words_is_a_fragment_not_a_sentence() -> None:
    segmentation = split_sentences("First.\n* * *\nSecond.")
    assert [sentence.text for sentence in segmentation.sentences] == ["First.", "Second."]
    assert segmentation.fragments == (Fragment(7, 12, "* * *", "no words"),)


def test_numbered_list_items_are_not_split_after_their_number() -> None:
    assert sentence_texts("1. First item\n2. Second item") == ["1. First item", "2. Second item"]


# --- quotations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "first"),
    [
        ("قال: “انتهى الأمر.” وأضاف أنه سيعود.", "قال: “انتهى الأمر.”"),
        ("قال: «انتهى الأمر.» وأضاف أنه سيعود.", "قال: «انتهى الأمر.»"),
        ('He said: "It is over." Then he left.', 'He said: "It is over."'),
        ("He said: 'It is over.' Then he left.", "He said: 'It is over.'"),
        ("It ended (after talks.) Then he left.", "It ended (after talks.)"),
        ("It ended [after talks.] Then he left.", "It ended [after talks.]"),
    ],
)
def test_closing_quotes_and_brackets_after_the_stop_stay_with_the_sentence(
    body: str, first: str
) -> None:
    texts = sentence_texts(body)
    assert texts[0] == first
    assert len(texts) == 2


def test_stop_inside_an_open_quotation_does_not_end_the_sentence() -> None:
    assert sentence_texts("“It is over. We won,” he said. They left.") == [
        "“It is over. We won,” he said.",
        "They left.",
    ]


def test_quote_closing_after_the_stop_then_a_lowercase_word_continues_the_sentence() -> None:
    assert sentence_texts("“He said it is over.” she added. Then she left.") == [
        "“He said it is over.” she added.",
        "Then she left.",
    ]


def test_quote_closing_after_the_stop_then_a_capital_ends_the_sentence() -> None:
    assert sentence_texts("“It is over.” The talks ended.") == [
        "“It is over.”",
        "The talks ended.",
    ]


def test_arabic_quote_closing_after_the_stop_then_an_arabic_word_ends_the_sentence() -> None:
    assert sentence_texts("وقال بيسكوف: “لم يتخذ القرار بعد. سننتظر.” وأضاف أن الوفد غادر.") == [
        "وقال بيسكوف: “لم يتخذ القرار بعد. سننتظر.”",
        "وأضاف أن الوفد غادر.",
    ]


def test_reversed_arabic_quotation_marks_are_understood() -> None:
    assert sentence_texts("قال ”انتهى الأمر. لا عودة.“ وأضاف أنه سيغادر.") == [
        "قال ”انتهى الأمر. لا عودة.“",
        "وأضاف أنه سيغادر.",
    ]


def test_french_guillemets_with_spaces_close_after_the_stop() -> None:
    assert sentence_texts("Il a dit « c'est fini. » Puis il est parti.") == [
        "Il a dit « c'est fini. »",
        "Puis il est parti.",
    ]


def test_an_unclosed_quotation_ends_at_the_paragraph_break() -> None:
    assert sentence_texts("He said “it is over. We won.\n\nNext paragraph.") == [
        "He said “it is over. We won.",
        "Next paragraph.",
    ]


# --- numbers and dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "The economy grew 3.7 percent in the third quarter.",
        "270.6 مليار دولار صادرات تركيا السنوية.",
        "نما الاقتصاد ٣٫٧ بالمئة في الربع الثالث.",
        "نما الاقتصاد ٣.٧ بالمئة في الربع الثالث.",
        "The report was published on 12.03.2025 in Ankara.",
        "The report was published on 04/12/2025 in Ankara.",
        "Version 2.0.1 shipped.",
    ],
)
def test_decimals_and_dates_do_not_end_sentences(body: str) -> None:
    assert sentence_texts(body) == [body]


def test_a_number_at_the_end_of_a_sentence_still_ends_it() -> None:
    assert sentence_texts("Exports rose by 12. Imports fell.") == [
        "Exports rose by 12.",
        "Imports fell.",
    ]


# --- abbreviations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Dr. Smith met Mr. Jones, Mrs. Brown and Ms. Green at St. Paul's.",
        "Prof. Ahmed spoke to Gen. Mark Milley.",
        "قال د. محمد أحمد إن الوضع صعب.",
        "وقال أ. محمود إن الوفد غادر.",
        "وقال م. خالد إن المشروع تأخر.",
        "وقال أ.د. سامي إن الدراسة اكتملت.",
        "وقال د.محمد إن الوضع صعب.",
        "The U.S. dollar rose against the U.K. pound and U.N. officials noted it.",
        "It hit many places, e.g. Idlib, i.e. the north.",
        "Item No. 5 was chosen.",
        "The talks began on Jan. 5 in Ankara.",
        "J. Smith and J.R.R. Tolkien wrote it.",
        "The meeting at 5 p.m. ended late.",
    ],
)
def test_abbreviations_do_not_end_sentences(body: str) -> None:
    assert sentence_texts(body) == [body]


def test_an_abbreviation_before_a_usual_sentence_opener_ends_the_sentence() -> None:
    assert sentence_texts("He moved to the U.S. The next day he left.") == [
        "He moved to the U.S.",
        "The next day he left.",
    ]
    assert sentence_texts("They chose Plan B. The rest followed.") == [
        "They chose Plan B.",
        "The rest followed.",
    ]


def test_a_word_that_is_only_an_abbreviation_before_numbers_ends_a_sentence() -> None:
    assert sentence_texts("I said no. The rest agreed.") == ["I said no.", "The rest agreed."]


def test_a_single_arabic_letter_after_a_number_is_a_unit_that_can_end_a_sentence() -> None:
    assert sentence_texts("توفي عام 1990 م. وكان عمره 80 عاما.") == [
        "توفي عام 1990 م.",
        "وكان عمره 80 عاما.",
    ]


# --- urls, emails and missing spaces -------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "See reuters.com for the full story.",
        "Write to a.b@c.org for details.",
        "Read https://www.reuters.com/world/story?id=3 today.",
        "Read https://example.com/page?Id=3&x=Go!Now today.",
        "قالت وكالة reuters.com إن الوفد غادر.",
    ],
)
def test_urls_and_emails_do_not_split(body: str) -> None:
    assert sentence_texts(body) == [body]


@pytest.mark.parametrize("line", ["See reuters.com", "Visit bbc.co.uk", "Read report.pdf"])
def test_a_domain_at_the_end_of_a_line_is_not_a_stray_fragment(line: str) -> None:
    segmentation = split_sentences(line + "\nNext line.")
    assert [sentence.text for sentence in segmentation.sentences] == [line, "Next line."]
    assert segmentation.fragments == ()


def test_initials_at_the_end_of_a_line_are_not_a_stray_fragment() -> None:
    segmentation = split_sentences("He moved to the U.S\nNext.")
    assert segmentation.fragments == ()


def test_letters_glued_after_a_stop_at_the_end_of_the_text_are_a_stray_fragment() -> None:
    body = "لم يحرز أي تقدم بشأن التطورات الميدانية بإدلب.ات"
    segmentation = split_sentences(body)
    assert [sentence.text for sentence in segmentation.sentences] == [body[:-2]]
    assert segmentation.fragments == (Fragment(len(body) - 2, len(body), "ات", "stray fragment"),)


def test_a_stray_fragment_before_a_line_break_is_cut_off_too() -> None:
    body = "The talks failed.ab \nNext line."
    segmentation = split_sentences(body)
    assert [sentence.text for sentence in segmentation.sentences] == [
        "The talks failed.",
        "Next line.",
    ]
    assert segmentation.fragments == (Fragment(17, 19, "ab", "stray fragment"),)


def test_a_missing_space_between_arabic_sentences_still_splits() -> None:
    assert sentence_texts("قال بيسكوف إن الوفد غادر.وأضاف أن الاتفاق لم يتم.") == [
        "قال بيسكوف إن الوفد غادر.",
        "وأضاف أن الاتفاق لم يتم.",
    ]


def test_a_missing_space_between_english_sentences_still_splits() -> None:
    assert sentence_texts("The delegation left.The talks failed.") == [
        "The delegation left.",
        "The talks failed.",
    ]


# --- size ---------------------------------------------------------------------------------


def test_a_twenty_thousand_character_sentence_is_kept_whole() -> None:
    words = "وقال المتحدث إن الوضع في إدلب، حسب المصادر، 3.7 بالمئة "
    long_sentence = (words * (20_000 // len(words) + 1))[:20_000].rstrip() + "."
    body = "Short one. " + long_sentence + " Another one."
    segmentation = split_sentences(body)
    assert [len(sentence.text) for sentence in segmentation.sentences] == [
        10,
        len(long_sentence),
        12,
    ]
    assert_offsets_exact(body, segmentation)


def test_a_megabyte_of_mixed_news_text_is_split_with_exact_offsets() -> None:
    english = (
        "Dr. Smith said the U.S. economy grew 3.7 percent in Jan. 2025. "
        "“It is over,” he added. Officials at reuters.com agreed! Why? Nobody knows...\n"
    )
    unit = SEED_BODY + "\n\n" + english
    body = unit * (1_000_000 // len(unit) + 1)
    segmentation = split_sentences(body)
    repeats = body.count(unit)
    assert len(segmentation.sentences) == repeats * (7 + 5)
    assert len(segmentation.fragments) == repeats
    assert_offsets_exact(body, segmentation)


# --- newsroom extensions -------------------------------------------------------------------


@pytest.fixture
def newsroom_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(language_data, "_extra_dirs", [])
    language_data.load_language_data.cache_clear()
    yield tmp_path
    language_data.load_language_data.cache_clear()


def test_a_newsroom_can_add_a_title_that_never_ends_a_sentence(newsroom_dir: Path) -> None:
    body = "They met Sheikh. Tamim in Doha."
    assert sentence_texts(body) == ["They met Sheikh.", "Tamim in Doha."]
    (newsroom_dir / "en").mkdir()
    (newsroom_dir / "en" / "segment.toml").write_text('titles = ["Sheikh."]\n', encoding="utf-8")
    language_data.register_extra_dir(newsroom_dir)
    assert sentence_texts(body) == [body]
    assert sentence_texts("Dr. Smith left.") == ["Dr. Smith left."]
