"""A deterministic generator of realistic Arabic and English news articles for benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass

AR_SPEAKERS = [
    ("المتحدث باسم الرئاسة الروسية", "دميتري بيسكوف"),
    ("وزير الخارجية التركي", "هاكان فيدان"),
    ("وزير التجارة التركي", "عمر بولاط"),
    ("رئيس الوزراء العراقي", "محمد شياع السوداني"),
    ("المتحدثة باسم وزارة الخارجية الأمريكية", "تامي بروس"),
]
AR_BODIES = ["وزارة الدفاع التركية", "وزارة الزراعة", "هيئة الإحصاء", "الجيش السوري", "وزارة الصحة"]
AR_AGENCIES = ["رويترز", "فرانس برس", "الأناضول", "تاس", "أسوشيتد برس"]
AR_PLACES = ["إدلب", "أنقرة", "موسكو", "بغداد", "دمشق", "حلب", "إسطنبول"]
AR_TEMPLATES = [
    "أعلن {role}، {name}، أن {count} جنديا قتلوا في {place} خلال أسبوع واحد.",
    "وقال {role} للصحفيين: “إذا رأى الرؤساء ضرورة لذلك فسيعقد اللقاء في {place}”.",
    "ونقلت وكالة “{agency}” عن مصدر دبلوماسي، بأن “الوفد غادر {place} دون اتفاق”.",
    "وأكدت {body} أن الصادرات بلغت {amount} مليار دولار في آخر {months} شهرا، وهو رقم قياسي.",
    "وبحسب بيان صادر عن {body}، ارتفع معدل النمو بنسبة {percent} بالمئة على أساس سنوي.",
    "ويبدو أن لقاء الاثنين في {place} لم يحرز أي تقدم بشأن التطورات الميدانية.",
    "وغادر وفد رسمي اليوم الثلاثاء العاصمة {place}، بعد مباحثات حثيثة بشأن التطورات الأخيرة.",
    "وحذّر {role}، {name}، من أن خمسة جنود أصيبوا في هجوم قرب {place}.",
]
EN_SPEAKERS = [
    ("Kremlin spokesman", "Dmitry Peskov"),
    ("Foreign Minister", "Jane Doe"),
    ("Trade Minister", "Omer Bolat"),
    ("the council's chair", "Ruth Osei"),
    ("Health Secretary", "Mark Evans"),
]
EN_BODIES = ["the defence ministry", "the statistics office", "the health ministry", "the army"]
EN_AGENCIES = ["Reuters", "AFP", "the Associated Press", "Anadolu"]
EN_PLACES = ["Idlib", "Ankara", "Moscow", "Baghdad", "London", "Brussels"]
EN_TEMPLATES = [
    "{role} {name} said on Tuesday that {count} soldiers were killed in {place} within a week.",
    "“We cannot wait for the next flood,” {name} told reporters in {place}.",
    "According to {agency}, which cited two diplomats, the delegation left {place} without a deal.",
    "Exports reached ${amount} billion in the last {months} months, a record, {body} said.",
    "Data from {body} showed growth of {percent} percent year on year.",
    "A senior official, speaking on condition of anonymity, said talks in {place} had stalled.",
    "The delegation left {place} on Tuesday after intense talks on the latest developments.",
    "Dr. {name} denied that the U.S. model had failed, adding that it took 10 years to build.",
]


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    """One generated article as a page capture: site line, headline, body, provenance."""

    language: str
    text: str


def _fill(template: str, rng: random.Random, language: str) -> str:
    speakers = AR_SPEAKERS if language == "ar" else EN_SPEAKERS
    role, name = rng.choice(speakers)
    return template.format(
        role=role,
        name=name,
        body=rng.choice(AR_BODIES if language == "ar" else EN_BODIES),
        agency=rng.choice(AR_AGENCIES if language == "ar" else EN_AGENCIES),
        place=rng.choice(AR_PLACES if language == "ar" else EN_PLACES),
        count=rng.randint(2, 60),
        amount=f"{rng.uniform(1, 300):.1f}",
        months=rng.choice([6, 12, 18]),
        percent=f"{rng.uniform(0.5, 9):.1f}",
    )


def generate_articles(count: int, *, seed: int = 7, paragraphs: int = 8) -> list[GeneratedArticle]:
    """`count` articles, alternating Arabic and English, the same for the same seed."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        language = "ar" if number % 2 == 0 else "en"
        templates = AR_TEMPLATES if language == "ar" else EN_TEMPLATES
        site = "تركيا الان" if language == "ar" else "The Harbour Courier"
        title = _fill(rng.choice(templates), rng, language).rstrip(".")
        body = [
            " ".join(_fill(rng.choice(templates), rng, language) for _ in range(rng.randint(1, 3)))
            for _ in range(paragraphs)
        ]
        provenance = "المصدر: تركيا الان + وكالات" if language == "ar" else "Source: Reuters"
        text = "\n\n".join([site, title, *body, provenance, f"#{number}"])
        articles.append(GeneratedArticle(language=language, text=text))
    return articles


def news_text(size_bytes: int, *, seed: int = 11, language: str = "ar") -> str:
    """About `size_bytes` of UTF-8 news paragraphs in one language."""
    rng = random.Random(seed)
    templates = AR_TEMPLATES if language == "ar" else EN_TEMPLATES
    paragraphs: list[str] = []
    size = 0
    while size < size_bytes:
        paragraph = " ".join(_fill(rng.choice(templates), rng, language) for _ in range(3))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)
