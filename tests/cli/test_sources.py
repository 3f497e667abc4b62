"""Who said it, end to end: seed chains, cross-script registry links, merges and track records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


def _import(url: str, *paths: Path) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("--db", url, "import", "article", *map(str, paths), "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    return payload if isinstance(payload, list) else [payload]


def _body_claims(article: dict) -> list[dict]:  # type: ignore[type-arg]
    return [claim for claim in article["claims"] if claim["kind"] == "sentence"]


@pytest.fixture
def seed(sqlite_url: str, seed_path: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    return sqlite_url, _import(sqlite_url, seed_path)[0]


def test_seed_claims_one_to_three_are_dmitry_peskov(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    first, second, third = _body_claims(article)[:3]
    chains = [claim["attribution"]["chain"] for claim in (first, second, third)]
    assert all(len(chain) == 1 for chain in chains)
    assert len({chain[0]["source_id"] for chain in chains}) == 1
    assert chains[0][0]["name"] == "دميتري بيسكوف"
    assert chains[0][0]["role"] == "المتحدث باسم الرئاسة الروسية"
    assert chains[1][0]["name"] == "المتحدث الروسي"
    assert chains[2][0]["name"] == "بيسكوف"
    assert [claim["attribution"]["quote"] for claim in (first, second, third)] == [
        "indirect",
        "direct",
        "mixed",
    ]
    assert first["attribution"]["cue"] == "أعلن"
    source = json.loads(
        run_cli("--db", url, "sources", "show", str(chains[0][0]["source_id"]), "--json").stdout
    )
    assert source["kind"] == "person"
    assert source["name"] == "دميتري بيسكوف"
    assert source["role"] == "المتحدث باسم الرئاسة الروسية"
    assert "المتحدث الروسي" not in source["aliases"], "a role is not a name"


def test_seed_claim_five_is_reuters_relaying_an_anonymous_turkish_diplomat(
    seed: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    _, article = seed
    claim = _body_claims(article)[4]
    chain = claim["attribution"]["chain"]
    assert [link["kind"] for link in chain] == ["news_agency", "anonymous"]
    assert "رويترز" in chain[0]["name"]
    assert chain[1]["anonymous"] is True
    assert chain[1]["name"] == "مصدر دبلوماسي تركي"
    assert chain[1]["descriptors"]["country"] == "Turkey"
    assert claim["attribution"]["quote"] == "direct"


def test_seed_narration_claims_are_unattributed(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    _, article = seed
    claims = _body_claims(article)
    assert [claims[index]["attribution"] for index in (3, 5, 6)] == [None, None, None]


def test_quoted_content_span_indexes_the_body(seed: tuple[str, dict], sqlite_url: str) -> None:  # type: ignore[type-arg]
    _, article = seed
    claim = _body_claims(article)[2]
    attribution = claim["attribution"]
    inner = claim["text"][
        attribution["content_start"] - claim["start"] : attribution["content_end"] - claim["start"]
    ]
    assert "لم يتخذا مثل هذا القرار بعد" in inner


def test_seed_teasers_name_the_turkish_defence_ministry_and_omer_bolat(
    seed: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    _, article = seed
    related = article["article"]["related"]
    ministry = related[0]["attribution"]["chain"][0]
    assert (ministry["name"], ministry["kind"]) == ("وزارة الدفاع التركية", "government_body")
    bolat = related[1]["attribution"]["chain"][0]
    assert (bolat["name"], bolat["kind"], bolat["role"]) == (
        "عمر بولاط",
        "person",
        "وزير التجارة التركي",
    )


def test_english_peskov_links_to_the_arabic_registry_source(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    arabic_id = _body_claims(article)[0]["attribution"]["chain"][0]["source_id"]
    (english,) = _import(url, ARTICLES / "en_kremlin_wire.txt")
    first = _body_claims(english)[0]["attribution"]
    assert first["cue"] == "told"
    assert first["chain"][0]["name"] == "Dmitry Peskov"
    assert first["chain"][0]["source_id"] == arabic_id
    page = json.loads(run_cli("--db", url, "sources", "show", str(arabic_id), "--json").stdout)
    assert "Dmitry Peskov" in page["aliases"]
    assert page["track_record"]["as_origin"] == 6


def test_english_chains_cues_and_coreference(sqlite_url: str) -> None:
    (article,) = _import(sqlite_url, ARTICLES / "en_kremlin_wire.txt")
    claims = {claim["text"][:20]: claim["attribution"] for claim in _body_claims(article)}
    quote = claims['"If the presidents s']
    assert quote["quote"] == "direct"
    added = claims["He added that no dec"]
    assert added["chain"][0]["source_id"] == quote["chain"][0]["source_id"]
    wire = claims["According to Reuters"]
    assert [link["kind"] for link in wire["chain"]] == ["news_agency", "anonymous"]
    official = claims["A senior official, sp"[:20]]
    assert official["chain"][0]["anonymous"] is True
    statement = claims["The defence ministry"]
    denial = claims["The ministry denied "]
    assert statement["chain"][0]["kind"] == "government_body"
    assert denial["cue"] == "denied"
    assert denial["chain"][0]["source_id"] == statement["chain"][0]["source_id"]


def test_peskova_is_not_merged_silently_but_suggested(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    peskov = _body_claims(article)[0]["attribution"]["chain"][0]["source_id"]
    (other,) = _import(url, ARTICLES / "en_peskova.txt")
    peskova = _body_claims(other)[0]["attribution"]["chain"][0]
    assert peskova["source_id"] != peskov
    suggestions = json.loads(run_cli("--db", url, "sources", "suggestions", "--json").stdout)
    assert [(item["source_id"], item["candidate_id"]) for item in suggestions] == [
        (peskova["source_id"], peskov)
    ]
    rejected = run_cli(
        "--db", url, "sources", "suggestions", "--reject", str(suggestions[0]["id"]), "--json"
    )
    assert json.loads(rejected.stdout)["state"] == "rejected"
    assert json.loads(run_cli("--db", url, "sources", "suggestions", "--json").stdout) == []


def test_anonymous_sources_are_never_merged_across_articles(sqlite_url: str) -> None:
    first, second = _import(
        sqlite_url, ARTICLES / "en_kremlin_wire.txt", ARTICLES / "en_peskova.txt"
    )
    ids = {
        link["source_id"]
        for article in (first, second)
        for claim in _body_claims(article)
        if claim["attribution"]
        for link in claim["attribution"]["chain"]
        if link["name"] == "A senior official"
    }
    assert len(ids) == 2


def test_merge_moves_attributions_and_undo_puts_them_back(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    (other,) = _import(url, ARTICLES / "en_peskova.txt")
    peskov = _body_claims(article)[0]["attribution"]["chain"][0]["source_id"]
    peskova = _body_claims(other)[0]["attribution"]["chain"][0]["source_id"]
    merged = json.loads(
        run_cli(
            "--db", url, "sources", "merge", str(peskova), "--into", str(peskov), "--json"
        ).stdout
    )
    assert merged["moved_links"] == 1
    page = json.loads(run_cli("--db", url, "sources", "show", str(peskov), "--json").stdout)
    assert page["claims"] == 4
    assert "Yelizaveta Peskova" in page["aliases"]
    listed = json.loads(run_cli("--db", url, "sources", "list", "--json").stdout)
    assert peskova not in [row["id"] for row in listed]
    undone = run_cli("--db", url, "sources", "merge", "--undo", str(merged["id"]), "--json")
    assert undone.exit_code == 0, undone.stderr
    page = json.loads(run_cli("--db", url, "sources", "show", str(peskov), "--json").stdout)
    assert page["claims"] == 3
    assert (
        json.loads(run_cli("--db", url, "sources", "show", str(peskova), "--json").stdout)["claims"]
        == 1
    )
    again = run_cli("--db", url, "sources", "merge", "--undo", str(merged["id"]))
    assert again.exit_code == 1 and "already undone" in again.stderr


def test_aliases_and_edits_with_a_wikidata_link(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    peskov = _body_claims(article)[0]["attribution"]["chain"][0]["source_id"]
    aliases = json.loads(
        run_cli("--db", url, "sources", "alias", str(peskov), "Песков", "--json").stdout
    )["aliases"]
    assert "Песков" in aliases
    edited = run_cli(
        "--db",
        url,
        "sources",
        "edit",
        str(peskov),
        "--affiliation",
        "الكرملين",
        "--wikidata",
        "Q2344",
        "--json",
    )
    assert edited.exit_code == 0, edited.stderr
    summary = json.loads(edited.stdout)
    assert summary["same_as"] == ["https://www.wikidata.org/wiki/Q2344"]
    assert summary["affiliation"] == "الكرملين"
    bad = run_cli("--db", url, "sources", "edit", str(peskov), "--wikidata", "not-an-id")
    assert bad.exit_code == 1
    search = json.loads(
        run_cli("--db", url, "sources", "list", "--search", "Песков", "--json").stdout
    )
    assert [row["id"] for row in search] == [peskov]


def test_an_anonymous_source_cannot_be_merged_into_a_person(seed: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seed
    chain = _body_claims(article)[4]["attribution"]["chain"]
    peskov = _body_claims(article)[0]["attribution"]["chain"][0]["source_id"]
    result = run_cli(
        "--db", url, "sources", "merge", str(chain[1]["source_id"]), "--into", str(peskov)
    )
    assert result.exit_code == 1
    assert "anonymous" in result.stderr
