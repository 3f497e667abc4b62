"""Tests for attribution chains and speaker coreference in Arabic and English articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.attribution import Attribution, attribute_sentences

SEED = Path("/work/shared/seed/000_4489f4de29ce8df6.txt")


def _article(sentences: list[str], separator: str = " ") -> tuple[str, list[tuple[int, int]]]:
    text = separator.join(sentences)
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in sentences:
        start = text.index(sentence, position)
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return text, spans


def _attribute(sentences: list[str], lang: str) -> tuple[str, list[Attribution | None]]:
    text, spans = _article(sentences)
    return text, attribute_sentences(text, spans, lang=lang)


def _one(sentence: str, lang: str) -> tuple[str, Attribution]:
    text, results = _attribute([sentence], lang)
    assert results[0] is not None
    return text, results[0]


def _content(text: str, attribution: Attribution) -> str:
    assert attribution.content_start is not None
    assert attribution.content_end is not None
    return text[attribution.content_start : attribution.content_end]


# --- The seed article ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_results() -> tuple[str, list[Attribution | None]]:
    if not SEED.exists():
        pytest.skip("seed article not available")
    text = SEED.read_text(encoding="utf-8")
    start = text.index("أعلن المتحدث")
    end = text.index("بإدلب.ات") + len("بإدلب.")
    spans: list[tuple[int, int]] = []
    position = start
    for paragraph in text[start:end].split("\n\n"):
        paragraph_start = text.index(paragraph, position)
        spans.append((paragraph_start, paragraph_start + len(paragraph)))
        position = paragraph_start + len(paragraph)
    assert len(spans) == 7
    return text, attribute_sentences(text, spans, lang="ar")


def test_seed_first_three_claims_are_one_speaker_dmitry_peskov(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    _, results = seed_results
    first, second, third = results[0], results[1], results[2]
    assert first is not None and second is not None and third is not None
    speakers = [result.chain[-1] for result in (first, second, third)]
    assert {speaker.entity for speaker in speakers} == {speakers[0].entity}
    assert all(speaker.kind == "person" for speaker in speakers)
    assert all(speaker.canonical_hint == "دميتري بيسكوف" for speaker in speakers)
    assert speakers[0].name == "دميتري بيسكوف"
    assert speakers[0].role == "المتحدث باسم الرئاسة الروسية"
    assert speakers[1].name == "المتحدث الروسي"
    assert speakers[2].name == "بيسكوف"


def test_seed_apposition_sentence_is_indirect_after_an(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    text, results = seed_results
    first = results[0]
    assert first is not None
    assert first.cue == "أعلن"
    assert first.quote == "indirect"
    content = _content(text, first)
    assert content.startswith("الرئيسان الروسي")
    # The participle مؤكدا continues the same speaker, so its clause stays in the content.
    assert "مؤكدا" in content
    assert content.endswith("هذا اللقاء")


def test_seed_role_mention_with_colon_quote_is_direct(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    text, results = seed_results
    second = results[1]
    assert second is not None
    assert second.quote == "direct"
    assert _content(text, second) == "إذا رأى الرؤساء ضرورة لذلك"


def test_seed_surname_mention_with_partial_quote_is_mixed(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    text, results = seed_results
    third = results[2]
    assert third is not None
    assert third.cue == "أكد"
    assert third.quote == "mixed"
    assert _content(text, third) == "الرؤساء “لم يتخذا مثل هذا القرار بعد”"


def test_seed_reuters_citing_a_turkish_diplomat_is_a_two_link_chain(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    text, results = seed_results
    fifth = results[4]
    assert fifth is not None
    assert fifth.cue == "نقلت"
    assert fifth.quote == "direct"
    agency, source = fifth.chain
    assert agency.kind == "news_agency"
    assert agency.name in {"رويترز", "وكالة رويترز"}
    assert source.anonymous
    assert source.kind == "anonymous"
    assert source.name == "مصدر دبلوماسي تركي"
    assert source.descriptors["country"] == "Turkey"
    assert source.descriptors["institution"] == "دبلوماسي"
    assert _content(text, fifth).startswith("الوفد الروسي غادر")
    assert _content(text, fifth).endswith("خلال أسبوع واحد فقط")
    assert source.entity != agency.entity
    peskov = results[0]
    assert peskov is not None
    assert source.entity != peskov.chain[-1].entity


def test_seed_narration_paragraphs_are_unattributed(
    seed_results: tuple[str, list[Attribution | None]],
) -> None:
    _, results = seed_results
    assert results[3] is None
    assert results[5] is None
    assert results[6] is None


def test_seed_ministry_item_is_a_government_body() -> None:
    text, result = _one(
        "قالت وزارة الدفاع التركية، الخميس، إنه يجب على المجتمع الدولي اتخاذ خطوات حازمة ضد ممارسات…",
        "ar",
    )
    (speaker,) = result.chain
    assert (speaker.name, speaker.kind) == ("وزارة الدفاع التركية", "government_body")
    assert _content(text, result).startswith("يجب على المجتمع الدولي")


def test_title_then_name_without_comma_splits_role_and_name() -> None:
    text, result = _one(
        "أعلن وزير التجارة التركي عمر بولاط تسجيل صادرات البلاد من السلع في آخر 12 شهرًا…", "ar"
    )
    (speaker,) = result.chain
    assert speaker.name == "عمر بولاط"
    assert speaker.role == "وزير التجارة التركي"
    assert speaker.kind == "person"
    assert _content(text, result).startswith("تسجيل صادرات")


def test_name_in_commas_after_a_long_title_with_shadda_cue() -> None:
    _, result = _one(
        "حذّر نائب وزير الزراعة والغابات التركي، أبو بكر غيزلي غيدر، الاثنين، من احتمال اندلاع أزمات…",
        "ar",
    )
    (speaker,) = result.chain
    assert result.cue == "حذّر"
    assert speaker.name == "أبو بكر غيزلي غيدر"
    assert speaker.role == "نائب وزير الزراعة والغابات التركي"


# --- Arabic rules -------------------------------------------------------------------------


def test_senior_official_who_asked_not_to_be_named_is_anonymous() -> None:
    text, result = _one("وقال مسؤول حكومي رفيع، طلب عدم الكشف عن هويته، إن المفاوضات متعثرة.", "ar")
    (speaker,) = result.chain
    assert speaker.anonymous
    assert speaker.name == "مسؤول حكومي رفيع"
    assert speaker.descriptors["seniority"] == "رفيع"
    assert speaker.descriptors["institution"] == "حكومي"
    assert _content(text, result) == "المفاوضات متعثرة"


def test_continuation_verb_without_subject_keeps_the_previous_speaker() -> None:
    text, results = _attribute(
        [
            "وقال وزير الخارجية التركي هاكان فيدان إن الحل سياسي.",
            "وأضاف أن الجولة المقبلة ستعقد في أنقرة.",
            "وتابع: “لن نسمح بذلك”.",
        ],
        "ar",
    )
    first, second, third = results
    assert first is not None and second is not None and third is not None
    assert second.chain[-1].entity == first.chain[-1].entity == third.chain[-1].entity
    assert second.cue == "أضاف"
    assert third.quote == "direct"
    assert _content(text, third) == "لن نسمح بذلك"


def test_statement_issued_by_a_ministry_speaks_for_the_ministry() -> None:
    text, result = _one("وارتفعت الصادرات بنسبة 5 بالمئة، بحسب بيان صادر عن وزارة الزراعة.", "ar")
    (speaker,) = result.chain
    assert result.cue == "بحسب"
    assert speaker.kind == "government_body"
    assert speaker.name == "وزارة الزراعة"
    assert speaker.descriptors["document"] == "بيان"
    assert _content(text, result) == "وارتفعت الصادرات بنسبة 5 بالمئة"


def test_according_to_with_glued_lam_at_sentence_start() -> None:
    text, result = _one("وفقاً لوزارة الصحة، ارتفع عدد الإصابات إلى 40.", "ar")
    (speaker,) = result.chain
    assert speaker.name == "وزارة الصحة"
    assert speaker.kind == "government_body"
    assert _content(text, result) == "ارتفع عدد الإصابات إلى 40"


def test_definite_ministry_refers_back_to_the_named_ministry() -> None:
    _, results = _attribute(
        [
            "وقالت وزارة الصحة إن المستشفيات ممتلئة.",
            "ونفت الوزارة أن تكون قد تلقت أي طلب.",
        ],
        "ar",
    )
    first, second = results
    assert first is not None and second is not None
    assert second.chain[0].entity == first.chain[0].entity
    assert second.chain[0].canonical_hint == "وزارة الصحة"


def test_speaking_to_an_agency_makes_the_agency_the_relay() -> None:
    _, result = _one("وقال وزير الخارجية التركي هاكان فيدان لوكالة الأناضول إن الحل سياسي.", "ar")
    outlet, speaker = result.chain
    assert outlet.kind == "news_agency"
    assert outlet.name == "وكالة الأناضول"
    assert speaker.name == "هاكان فيدان"


def test_newspaper_citing_sources_through_naqlan_an() -> None:
    _, result = _one("وذكرت صحيفة حرييت نقلا عن مصادر دبلوماسية أن اللقاء تأجل.", "ar")
    outlet, source = result.chain
    assert outlet.kind == "outlet"
    assert source.anonymous
    assert source.descriptors["institution"] == "دبلوماسية"


def test_army_running_into_a_verbal_noun_is_cut_at_its_head() -> None:
    text, result = _one("وأكد الجيش التركي مقتل جنديين.", "ar")
    (speaker,) = result.chain
    assert (speaker.name, speaker.kind) == ("الجيش التركي", "military")
    assert _content(text, result) == "مقتل جنديين"


def test_distinct_anonymous_descriptions_are_distinct_entities_and_never_named_people() -> None:
    _, results = _attribute(
        [
            "وقال بيسكوف إن الموقف واضح.",
            "وقالت مصادر أمنية إن الهجوم نفذ بطائرة مسيرة.",
            "وقال مسؤول حكومي رفيع إن الوفد سيغادر.",
            "وقالت مصادر أمنية إن التحقيق مستمر.",
        ],
        "ar",
    )
    named, security, official, security_again = (result.chain[-1] for result in results if result)
    assert len({named.entity, security.entity, official.entity}) == 3
    assert security_again.entity == security.entity
    assert not named.anonymous and security.anonymous and official.anonymous


def test_ordinary_verbs_are_narration_not_cues() -> None:
    _, results = _attribute(
        [
            "وغادر وفد روسي العاصمة التركية أنقرة.",
            "وتزامن الهجوم مع مباحثات منعقدة في أنقرة.",
            "ويذكر أن الاجتماع فشل.",
        ],
        "ar",
    )
    assert results == [None, None, None]


def test_cue_forms_with_prefixes_plural_and_without_shadda() -> None:
    for sentence, cue in [
        ("فقالت الوزارة إن الطريق مغلق.", "قالت"),
        ("وأكدوا أن الحدود مغلقة.", "أكدوا"),
        ("وصرح المتحدث باسم الخارجية بأن السفارة ستغلق.", "صرح"),
    ]:
        _, results = _attribute(["قال الوزير إن الوضع هادئ.", sentence], "ar")
        result = results[1]
        assert result is not None, sentence
        assert result.cue == cue


def test_continuation_after_narration_still_finds_the_last_speaker_for_adding_verbs() -> None:
    _, results = _attribute(
        ["قال الوزير إن الوضع هادئ.", "وغادر الوفد أنقرة.", "وأضاف أن الحدود مفتوحة."], "ar"
    )
    first, narration, added = results
    assert narration is None
    assert first is not None and added is not None
    assert added.chain[-1].entity == first.chain[-1].entity


def test_offsets_point_into_text_with_diacritics() -> None:
    sentence = "وقالَ المتحدثُ الرسميُّ إنَّ الاجتماعَ أُجِّلَ."
    text, result = _one(sentence, "ar")
    assert _content(text, result) == "الاجتماعَ أُجِّلَ"
    assert result.cue == "قالَ"


# --- English ------------------------------------------------------------------------------


def test_title_before_a_name_splits_role_and_name() -> None:
    text, result = _one("Foreign Minister Jane Doe said the talks would resume.", "en")
    (speaker,) = result.chain
    assert (speaker.name, speaker.role, speaker.kind) == ("Jane Doe", "Foreign Minister", "person")
    assert _content(text, result) == "the talks would resume"


def test_quote_before_the_speaker_is_direct() -> None:
    text, result = _one("“We will not back down,” Smith said.", "en")
    (speaker,) = result.chain
    assert speaker.name == "Smith"
    assert result.quote == "direct"
    assert _content(text, result) == "We will not back down"


def test_inverted_said_after_a_quote() -> None:
    text, result = _one("“It is over,” said the minister.", "en")
    (speaker,) = result.chain
    assert speaker.name == "the minister"
    assert speaker.kind == "person"
    assert result.quote == "direct"
    assert _content(text, result) == "It is over"


def test_he_added_continues_the_previous_speaker() -> None:
    _, results = _attribute(
        [
            "Kremlin spokesman Dmitry Peskov told reporters the presidents had no plans to meet.",
            "He added that a summit could still happen.",
            "Peskov denied that any decision had been taken.",
        ],
        "en",
    )
    told, added, denied = results
    assert told is not None and added is not None and denied is not None
    assert told.chain == (told.chain[-1],), "reporters are an audience, not a relay"
    assert told.chain[-1].role == "Kremlin spokesman"
    assert added.chain[-1].entity == told.chain[-1].entity == denied.chain[-1].entity
    assert denied.cue == "denied"
    assert denied.chain[-1].canonical_hint == "Dmitry Peskov"


def test_told_reporters_content_skips_the_audience() -> None:
    text, result = _one("The minister told reporters on Tuesday that the border was open.", "en")
    assert _content(text, result) == "the border was open"


def test_according_to_an_agency_which_cited_diplomats_is_a_chain() -> None:
    text, result = _one(
        "The talks collapsed, according to Reuters, which cited two diplomats.", "en"
    )
    agency, diplomats = result.chain
    assert (agency.name, agency.kind) == ("Reuters", "news_agency")
    assert diplomats.anonymous
    assert diplomats.descriptors["count"] == "two"
    assert _content(text, result) == "The talks collapsed"


def test_reported_citing_sources_is_a_chain() -> None:
    _, result = _one("Reuters reported, citing two sources, that the deal had collapsed.", "en")
    agency, sources = result.chain
    assert agency.kind == "news_agency"
    assert sources.anonymous


def test_telling_a_newspaper_makes_the_newspaper_the_relay() -> None:
    _, result = _one("Jane Doe told the Daily Courier that she would not resign.", "en")
    outlet, speaker = result.chain
    assert (outlet.name, outlet.kind) == ("Daily Courier", "outlet")
    assert speaker.name == "Jane Doe"


def test_speaking_on_condition_of_anonymity_marks_an_anonymous_senior_official() -> None:
    text, result = _one(
        "A senior official, speaking on condition of anonymity, said the deal was close.", "en"
    )
    (speaker,) = result.chain
    assert speaker.anonymous
    assert speaker.descriptors["seniority"] == "senior"
    assert _content(text, result) == "the deal was close"


def test_who_asked_not_to_be_named_marks_anonymity() -> None:
    _, result = _one("Officials, who asked not to be named, said the summit was off.", "en")
    assert result.chain[0].anonymous


def test_critics_and_experts_are_anonymous() -> None:
    for sentence in (
        "Critics say the plan is unaffordable.",
        "Experts warned that prices could rise.",
    ):
        _, result = _one(sentence, "en")
        assert result.chain[0].anonymous, sentence


def test_ministry_statement_refers_back_to_the_named_ministry() -> None:
    _, results = _attribute(
        [
            "The Defence Ministry said on Tuesday that troops had withdrawn.",
            "The ministry said in a statement that no civilians were hurt.",
        ],
        "en",
    )
    first, second = results
    assert first is not None and second is not None
    assert second.chain[0].kind == "government_body"
    assert second.chain[0].entity == first.chain[0].entity
    assert second.chain[0].descriptors["document"] == "statement"


def test_data_from_the_statistics_office_speaks_for_the_office() -> None:
    _, result = _one(
        "Data from the statistics office showed that inflation rose to 5 percent.", "en"
    )
    (speaker,) = result.chain
    assert speaker.kind == "government_body"
    assert speaker.descriptors["document"] == "Data"


def test_the_army_is_military() -> None:
    _, result = _one("The army said it had repelled an attack.", "en")
    assert result.chain[0].kind == "military"


def test_denial_keeps_its_cue_and_content() -> None:
    text, result = _one("Smith denied that the company had broken the law.", "en")
    assert result.cue == "denied"
    assert _content(text, result) == "the company had broken the law"


def test_english_narration_is_unattributed() -> None:
    _, results = _attribute(["The river flooded the town on Monday.", "Prices rose again."], "en")
    assert results == [None, None]


def test_pronoun_with_no_earlier_speaker_is_unattributed() -> None:
    _, results = _attribute(["He added that the border would stay open."], "en")
    assert results == [None]
