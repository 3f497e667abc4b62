"""A deterministic generator of realistic Arabic and English fact-check archives and queries."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EN_SUBJECTS = [
    "A viral video",
    "A photo shared on Facebook",
    "A post on X",
    "A WhatsApp message",
    "The health minister",
    "The mayor of {city}",
    "A senior official",
    "The central bank",
    "The prime minister",
    "Opposition leader {name}",
    "A TikTok clip",
    "The army spokesman",
]
EN_PREDICATES = [
    "shows {count} {things} {verb} in {city}",
    "claims that {count} {things} were {verb} near {city} last week",
    "says the price of {goods} rose {pct} percent in {month}",
    "says {country} banned {goods} imports from {other}",
    "shows a {animal} {verb} on a flooded highway in {city}",
    "claims {name} resigned after {count} days in office",
    "says the new vaccine contains {count} microchips",
    "says {country} will give every citizen {count} dollars a month",
    "shows the {landmark} in {city} collapsing during a storm",
    "claims the election in {country} had {pct} percent turnout",
]
AR_SUBJECTS = [
    "مقطع فيديو متداول",
    "صورة منشورة على فيسبوك",
    "تغريدة على منصة إكس",
    "رسالة عبر واتساب",
    "وزير الصحة",
    "محافظ {city_ar}",
    "مسؤول رفيع",
    "البنك المركزي",
    "رئيس الوزراء",
    "المتحدث باسم الجيش",
    "حساب إخباري",
    "نائب في البرلمان",
]
AR_PREDICATES = [
    "يظهر مقتل {count} {things_ar} في {city_ar}",
    "يزعم أن {count} {things_ar} أصيبوا قرب {city_ar} الأسبوع الماضي",
    "يقول إن سعر {goods_ar} ارتفع بنسبة {pct} بالمئة في {month_ar}",
    "يقول إن {country_ar} حظرت استيراد {goods_ar} من {other_ar}",
    "يظهر {animal_ar} في شارع غمرته المياه في {city_ar}",
    "يزعم أن الحكومة ستمنح كل مواطن {count} دولارا شهريا",
    "يظهر انهيار {landmark_ar} في {city_ar} خلال عاصفة",
    "يزعم أن نسبة المشاركة في انتخابات {country_ar} بلغت {pct} بالمئة",
]
FILL = {
    "city": [
        "Ankara",
        "Cairo",
        "Beirut",
        "Lagos",
        "Lima",
        "Manila",
        "Kyiv",
        "Dhaka",
        "Quito",
        "Oslo",
    ],
    "name": [
        "Maria Lopez",
        "Ahmed Saleh",
        "John Carter",
        "Olga Petrova",
        "Ken Ito",
        "Amina Diallo",
    ],
    "things": ["soldiers", "protesters", "children", "tourists", "workers", "sheep", "migrants"],
    "verb": ["killed", "arrested", "injured", "evacuated", "swimming", "dancing", "running"],
    "goods": ["wheat", "bread", "fuel", "sugar", "rice", "medicine", "cooking gas"],
    "country": ["Turkey", "Egypt", "Brazil", "India", "France", "Kenya", "Peru", "Japan"],
    "other": ["Russia", "Ukraine", "China", "the EU", "the US", "Iran"],
    "month": ["January", "March", "May", "July", "September", "November"],
    "animal": ["shark", "crocodile", "lion", "bear", "whale", "snake"],
    "landmark": ["bridge", "stadium", "tower", "mosque", "cathedral", "dam"],
    "city_ar": ["أنقرة", "القاهرة", "بيروت", "بغداد", "دمشق", "عمان", "الخرطوم", "تونس", "الرباط"],
    "things_ar": ["جنديا", "متظاهرا", "طفلا", "سائحا", "عاملا", "مهاجرا"],
    "goods_ar": ["القمح", "الخبز", "الوقود", "السكر", "الأرز", "الدواء", "غاز الطهي"],
    "country_ar": ["تركيا", "مصر", "البرازيل", "الهند", "فرنسا", "كينيا", "اليابان", "الأردن"],
    "other_ar": ["روسيا", "أوكرانيا", "الصين", "الاتحاد الأوروبي", "الولايات المتحدة", "إيران"],
    "month_ar": ["يناير", "مارس", "مايو", "يوليو", "سبتمبر", "نوفمبر"],
    "animal_ar": ["قرش", "تمساح", "أسد", "دب", "حوت", "ثعبان"],
    "landmark_ar": ["جسر", "ملعب", "برج", "مسجد", "سد", "مبنى البرلمان"],
}
# Real archives are full of specific names and places; syllables make thousands of them, in
# both scripts, so that term frequencies look Zipfian rather than templated.
EN_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ran",
    "tel",
    "vo",
    "zu",
    "bri",
    "den",
    "sha",
    "gor",
    "pel",
    "nu",
    "tra",
    "vik",
    "yan",
    "ost",
    "mer",
    "qua",
    "fen",
    "lis",
    "dro",
    "kem",
    "sor",
]
AR_SYLLABLES = [
    "كا",
    "لو",
    "مي",
    "ران",
    "تل",
    "فو",
    "زو",
    "بري",
    "دن",
    "شا",
    "غور",
    "بل",
    "نو",
    "ترا",
    "فيك",
    "يان",
    "وست",
    "مير",
    "قوا",
    "فن",
    "ليس",
    "درو",
    "كم",
    "سور",
]
RATINGS = ["False", "Misleading", "True", "Mostly false", "زائف", "مضلل", "صحيح"]


@dataclass(frozen=True, slots=True)
class GeneratedQuery:
    """A query paraphrasing one archive item, and the item it should find."""

    query_id: str
    text: str
    relevant_id: str


def _coined(rng: random.Random, syllables: list[str]) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))


def _fill(template: str, rng: random.Random) -> str:
    values = {key: rng.choice(options) for key, options in FILL.items()}
    # Half the time the place or person is one of thousands of specific names, as in real claims.
    if rng.random() < 0.5:
        values["city"] = _coined(rng, EN_SYLLABLES).capitalize()
        values["city_ar"] = _coined(rng, AR_SYLLABLES)
    if rng.random() < 0.5:
        values["name"] = (
            f"{_coined(rng, EN_SYLLABLES).capitalize()} {_coined(rng, EN_SYLLABLES).capitalize()}"
        )
    values["count"] = str(rng.randint(2, 900))
    values["pct"] = f"{rng.randint(1, 99)}"
    return template.format(**values)


def archive_items(size: int, *, seed: int = 5) -> Iterator[dict[str, str]]:
    """`size` fact-check records, about half Arabic, the same for the same seed."""
    rng = random.Random(seed)
    for number in range(size):
        arabic = number % 2 == 1
        subject = rng.choice(AR_SUBJECTS if arabic else EN_SUBJECTS)
        predicate = rng.choice(AR_PREDICATES if arabic else EN_PREDICATES)
        claim = _fill(f"{subject} {predicate}", rng)
        year = rng.randint(2016, 2026)
        yield {
            "id": f"gen-{number}",
            "claim": claim,
            "title": ("هل " if arabic else "Fact check: ") + claim[:60],
            "rating": rng.choice(RATINGS),
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "lang": "ar" if arabic else "en",
            "publisher": "Generated Desk",
        }


def write_archive(path: Path, size: int, *, seed: int = 5) -> None:
    """Write the generated archive as JSONL."""
    with path.open("w", encoding="utf-8") as handle:
        for item in archive_items(size, seed=seed):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def queries_for(path: Path, count: int, *, seed: int = 9) -> list[GeneratedQuery]:
    """Paraphrased queries of `count` random archive items: words dropped, noise added."""
    rng = random.Random(seed)
    lines = path.read_text(encoding="utf-8").splitlines()
    picked = rng.sample(range(len(lines)), min(count, len(lines)))
    noise_en = ["BREAKING:", "Share before they delete it!", "unbelievable", "RT", "wow"]
    noise_ar = ["عاجل:", "انشر قبل الحذف", "شاهد", "خطير"]
    queries = []
    for position, index in enumerate(picked):
        item = json.loads(lines[index])
        words = item["claim"].split()
        kept = [word for word in words if rng.random() > 0.15] or words
        noise = noise_ar if item["lang"] == "ar" else noise_en
        text = f"{rng.choice(noise)} {' '.join(kept)} {rng.choice(noise)}"
        queries.append(GeneratedQuery(f"q{position}", text, item["id"]))
    return queries
