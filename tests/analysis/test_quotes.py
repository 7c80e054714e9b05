"""Quote extraction: mark styles, kinds, speakers, aliases, gold-set floor, sample corpus, robustness."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.quotes import extract_quotes_from_text, merge_speakers, quotes_frame, speaker_table
from analysis.quotes.marks import find_quoted_spans
from bench.eval_quotes import predict, score
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "quotes_gold.jsonl"


def _kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in extract_quotes_from_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every mark style
        ('وقال الوزير سامي الحمدي: "سنواصل العمل".', ("direct", "سنواصل العمل", "سامي الحمدي")),
        ("وقال الوزير سامي الحمدي: «سنواصل العمل».", ("direct", "سنواصل العمل", "سامي الحمدي")),
        ("وقال الوزير سامي الحمدي: “سنواصل العمل”.", ("direct", "سنواصل العمل", "سامي الحمدي")),
        ("وقال الوزير سامي الحمدي: ”سنواصل العمل”.", ("direct", "سنواصل العمل", "سامي الحمدي")),
        ("وقال الوزير سامي الحمدي: 'سنواصل العمل'.", ("direct", "سنواصل العمل", "سامي الحمدي")),
        # female speaker, role kept apart from the name
        ("وقالت وزيرة الصحة نجلاء القاسمي: «الوضع تحت السيطرة».", ("direct", "الوضع تحت السيطرة", "نجلاء القاسمي")),
        # quote then verb
        ('"لم يكن الفوز سهلا أمام منافس منظم"، قال قائد الفريق أيمن الجلاصي.', ("direct", "لم يكن الفوز سهلا أمام منافس منظم", "أيمن الجلاصي")),
        # direct after إن
        ('وقال وزير الخارجية محمد ولد السالك إن "الاتفاق خطوة أولى".', ("direct", "الاتفاق خطوة أولى", "محمد ولد السالك")),
        # terms are not speech
        ('ودعا المشاركون إلى مواجهة تنظيم "داعش" في الساحل.', ("term", "داعش", None)),
        ('وكان برنامج "سينما سينما" قد خصص حلقة للمخرجة.', ("term", "سينما سينما", None)),
        ('وأكد الوالي أن الثلوج شملت مناطق على غرار "تالة" و"العيون".', ("term", "تالة", None)),
        ('وأضاف المصدر أن الموقوف يدعى "الطاهر الورغي".', ("term", "الطاهر الورغي", None)),
        # after a noun and its adjective a long span is speech, not the noun's name
        (
            'وقال الوزير خلال حديثه مع عدد من أساتذة المدرسة الاعدادية "لو كنت أستاذا بهذه المدرسة لرفضت التدريس".',
            ("direct", "لو كنت أستاذا بهذه المدرسة لرفضت التدريس", "الوزير"),
        ),
        # the quote ends its clause though the sentence goes on: «"…" لكن …», «"…"، في إشارة إلى …»
        (
            'وقال رئيس اللجنة توماس باخ إن الاتحاد مطالب بالإصلاح. وتابع "لدى الاتحاد مهلة حتى ديسمبر المقبل لتقديم تقرير" لكن باخ اعترف بأن الاتحاد اتخذ إجراءات.',
            ("direct", "لدى الاتحاد مهلة حتى ديسمبر المقبل لتقديم تقرير", "توماس باخ"),
        ),
        (
            'وقال الوزير أمام الأساتذة "لو كنت أستاذا هنا لرفضت التدريس"، في إشارة إلى تقصير النقابة.',
            ("direct", "لو كنت أستاذا هنا لرفضت التدريس", "الوزير"),
        ),
        (
            'وقال الوالي أمام الأهالي "سنفتح الطريق غدا بعد انتهاء أشغال الصيانة"، وذلك إثر اجتماع اللجنة الجهوية.',
            ("direct", "سنفتح الطريق غدا بعد انتهاء أشغال الصيانة", "الوالي"),
        ),
        # a named place, centre, game or charge inside reported speech is named, not quoted speech
        ('وأكد المدير أن الوزارة قررت إعادة فتح مركز "الأمل" بزغوان.', ("term", "الأمل", None)),
        ('وأوضح المحامي أن المتهم أحيل بتهمة "الانضمام إلى تنظيم إرهابي".', ("term", "الانضمام إلى تنظيم إرهابي", None)),
        ('وقال الوزير في ندوة حول "إصلاح المنظومة التربوية" إن الحوار متواصل.', ("term", "إصلاح المنظومة التربوية", None)),
        # indirect speech
        ("وأكد رئيس الهيئة منصف الورتاني أن الاقتراع جرى في ظروف عادية.", ("indirect", "الاقتراع جرى في ظروف عادية", "منصف الورتاني")),
        ("وبحسب مصدر دبلوماسي، فإن القمة المقبلة ستعقد في نواكشوط.", ("indirect", "القمة المقبلة ستعقد في نواكشوط", "مصدر دبلوماسي")),
        # unbalanced: runs to the end of the paragraph
        ('وقال النقابي لسعد اليعقوبي: "الكرة الآن في ملعب الحكومة.\nفي المقابل، صمتت الوزارة.', ("direct", "الكرة الآن في ملعب الحكومة", "لسعد اليعقوبي")),
    ],
)
def test_kinds_and_speakers(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in _kinds(text)


def test_partial_quotes_belong_to_the_clause_speaker() -> None:
    text = 'وأعلن الرئيس الجزائري عبد الحميد زروقي عن اتفاق وصفه بـ"التاريخي"، مؤكدا أن بلاده ستعزز تعاونها في "كل الميادين".'
    found = _kinds(text)
    assert ("partial", "التاريخي", "عبد الحميد زروقي") in found
    assert ("partial", "كل الميادين", "عبد الحميد زروقي") in found


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # implicit subject carried by gender: وأضافت → the woman, not the man who spoke last
        (
            "قالت الوزيرة ليلى بن عمار إن المخزون كاف. وقال الخبير منير الطرابلسي إن الوضع صعب.\nوأضافت: «لن نقطع الماء».",
            "لن نقطع الماء",
            "ليلى بن عمار",
        ),
        ("قال المدرب سامي الحاج إن الفريق متعب.\nوتابع: «الجمهور كان رائعا».", "الجمهور كان رائعا", "سامي الحاج"),
        # surname alias merges with the full name
        ("قال الرئيس فلاديمير بوتين إن الحوار ممكن.\nوأضاف بوتين: «لن نتراجع».", "لن نتراجع", "فلاديمير بوتين"),
        # subject before the verb
        ("أما رئيس النادي، منذر الكراي، فقد أكد أن المدرب باق.", "المدرب باق", "منذر الكراي"),
    ],
)
def test_speaker_resolution(text: str, quote: str, speaker: str) -> None:
    by_text = {q.text: q for q in extract_quotes_from_text(text)}
    assert by_text[quote].speaker == speaker


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a participle cue ends the reported clause even without a comma, and opens its own
        (
            "أكدت رئيسة الجمعية سلوى الزغلامي أن الموسم كان ناجحا مؤكدة أن الدورة المقبلة ستكون أوسع.",
            [("indirect", "الموسم كان ناجحا", "سلوى الزغلامي"), ("indirect", "الدورة المقبلة ستكون أوسع", "سلوى الزغلامي")],
            [],
        ),
        # «وأن» under the same verb starts a second clause; «على حد قوله» closes one
        (
            "وقال المدير الجهوي كمال العياري إن الطريق أغلقت وأن على السكان تجنب المنطقة على حد قوله.",
            [("indirect", "الطريق أغلقت", "كمال العياري"), ("indirect", "على السكان تجنب المنطقة", "كمال العياري")],
            [],
        ),
        # a trailing source without a comma at the start of a paragraph
        (
            "تم حجز كمية من السلع المهربة بمعتمدية الرديف حسب بلاغ لوزارة الداخلية.",
            [("indirect", "تم حجز كمية من السلع المهربة بمعتمدية الرديف", "وزارة الداخلية")],
            [],
        ),
        # «بحسب X، فقد …» like «فإن»
        (
            'وبحسب موقع "الشروق"، فقد تقرر تأجيل المباراة إلى الأسبوع القادم.',
            [("indirect", "تقرر تأجيل المباراة إلى الأسبوع القادم", "الشروق"), ("term", "الشروق", None)],
            [],
        ),
        # a quoted outlet between the cue and its clause is a term, not a partial quote
        (
            'وأضاف في تصريح لمراسل الجوهرة "اف ام" اليوم الخميس أن العمل متواصل.',
            [("term", "اف ام", None)],
            [("partial", "اف ام")],
        ),
        # «بين» is a preposition unless a clause follows it
        ('سرقت أقراص موزعة بين "دواء أ" و"دواء ب" من الصيدلية.', [("term", "دواء أ", None)], [("partial", "دواء أ")]),
        # a subject between «ولكن» and the verb
        (
            "ولم ترد تقارير عن ضحايا ولكن إدارة الحماية المدنية قالت إن الحريق تحت السيطرة.",
            [("indirect", "الحريق تحت السيطرة", "إدارة الحماية المدنية")],
            [],
        ),
        # «يعد» in news is «is considered», no cue: the partial is the clause speaker's
        (
            'وأكدت النائبة أن القرار يعد مواصلة "للتصفية التي تجري في الحزب".',
            [("partial", "للتصفية التي تجري في الحزب", "النائبة")],
            [],
        ),
        # inside a paragraph, a whole sentence with a comma before its source; what only shows or requires
        # something is no source
        (
            "عقد المجلس جلسة عادية. وطالب المحامون القاضي بعدم ترؤس الجلسة، حسب ما أكده أحد المحامين.",
            [("indirect", "وطالب المحامون القاضي بعدم ترؤس الجلسة", "أحد المحامين")],
            [],
        ),
        (
            "اندلع حريق كبير قرب الطريق. وازدحمت الشوارع القريبة بالسيارات حسبما أظهرت خرائط التكدس المروري.",
            [],
            [("indirect", "وازدحمت الشوارع القريبة بالسيارات")],
        ),
        # «خاصة وأنه» does not open a second clause; «في تعليقه على …» after the clause is the reporter's framing
        (
            "وقال الوزير إن الحكومة ستفي بوعودها، خاصة وأنه تم رصد الاعتمادات.",
            [("indirect", "الحكومة ستفي بوعودها، خاصة وأنه تم رصد الاعتمادات", "الوزير")],
            [("indirect", "تم رصد الاعتمادات")],
        ),
        (
            "وأوضح المدير أنه تم الإعلان عن الإجراء منذ ديسمبر في تعليقه على شكاوى المواطنين.",
            [("indirect", "تم الإعلان عن الإجراء منذ ديسمبر", "المدير")],
            [],
        ),
        # verb + speaker + circumstantials + a quote ending the sentence, without a colon: direct, not partial
        (
            'وقال الوزير سمير الطيب لوكالة تونس افريقيا للأنباء "لن نتراجع عن هذا القرار مهما كانت الضغوط التي نتعرض لها اليوم".',
            [("direct", "لن نتراجع عن هذا القرار مهما كانت الضغوط التي نتعرض لها اليوم", "سمير الطيب")],
            [],
        ),
        (
            'وأكدت الوزيرة أن الموسم ناجح. وتابعت "سنواصل العمل مع كل الأطراف دون استثناء".',
            [("direct", "سنواصل العمل مع كل الأطراف دون استثناء", "الوزيرة")],
            [],
        ),
        # … but not when a preposition or a ب-object governs the quote
        (
            'وشدد الوزير في تصريح إذاعي على "ضرورة فتح تحقيق جدي في الموضوع في أقرب الآجال".',
            [("partial", "ضرورة فتح تحقيق جدي في الموضوع في أقرب الآجال", "الوزير")],
            [],
        ),
        # «، فيما/إذ + cue + أن» opens a new attribution; a long quoted name right before its أن is the subject
        (
            "ولفت المتحف أن الرياضات البحرية تزيد الهجمات، فيما أشارت «الإدارة الوطنية للمحيطات والغلاف الجوي» أن أسماك القرش تقترب.",
            [
                ("indirect", "الرياضات البحرية تزيد الهجمات", "المتحف"),
                ("indirect", "أسماك القرش تقترب", "الإدارة الوطنية للمحيطات والغلاف الجوي"),
                ("term", "الإدارة الوطنية للمحيطات والغلاف الجوي", None),
            ],
            [],
        ),
        # a trailing source after «على ما اعتبره "…"» or «بعد أن»: neither is its own speech cue
        (
            'أقدم أحد المعتصمين على إضرام النار في جسده احتجاجا على ما اعتبره "مماطلة" السلط الجهوية، وفق ما أكده مراسل الجوهرة.',
            [("indirect", 'أقدم أحد المعتصمين على إضرام النار في جسده احتجاجا على ما اعتبره "مماطلة" السلط الجهوية', "مراسل الجوهرة")],
            [],
        ),
        (
            "أصدر قاضي التحقيق بطاقتي إيداع في حق المتهمين بعد أن تم سماعهما، وفق ما أفاد به الناطق الرسمي سفيان السليتي.",
            [("indirect", "أصدر قاضي التحقيق بطاقتي إيداع في حق المتهمين بعد أن تم سماعهما", "سفيان السليتي")],
            [],
        ),
        # «و أن» written apart starts a second clause, «علما و أن» does not; «فيما + cue» without a comma ends one
        (
            "وقال الأب إن الخلاف نشب بين تلميذ آخر والمعتدي و أن ابنه تدخل لفض الخلاف.",
            [("indirect", "الخلاف نشب بين تلميذ آخر والمعتدي", "الأب"), ("indirect", "ابنه تدخل لفض الخلاف", "الأب")],
            [],
        ),
        (
            "وأعلنت الشرطة أنه تم الوصول إلى والديها، علما و أن الدلائل تثبت تورطهما.",
            [("indirect", "تم الوصول إلى والديها، علما و أن الدلائل تثبت تورطهما", "الشرطة")],
            [],
        ),
        (
            "وقال الرئيس إن الجميع رضي بمنهجية التوافق فيما اعتبر الوزير أن الميزانية ضعيفة.",
            [("indirect", "الجميع رضي بمنهجية التوافق", "الرئيس"), ("indirect", "الميزانية ضعيفة", "الوزير")],
            [],
        ),
        # a plural verb carries its subject: the phrase after it is the object, never the speaker
        (
            'وتجمع المحتجون أمام الولاية. ووصفوا الوضع بـ"المزري جدا والخطير على كل المستويات".',
            [("partial", "المزري جدا والخطير على كل المستويات", None)],
            [],
        ),
        # the dots of a quoted acronym neither end the cue's window nor the quoted name
        (
            'وقالت الممرضة لقناة "آي.بي.سي" الأميركية، الجمعة، أن المرأة كانت في صدمة.',
            [("indirect", "المرأة كانت في صدمة", "الممرضة"), ("term", "آي.بي.سي", None)],
            [],
        ),
        # «وفقا لـ» with the ل on the source's first word; data («معطيات») speak for whoever issued them
        ("وفقا لصحيفة الشروق، فإن الحكومة ستستقيل.", [("indirect", "الحكومة ستستقيل", "صحيفة الشروق")], []),
        ("وفقا لوزير الداخلية لطفي براهم، فإن الوضع مستقر.", [("indirect", "الوضع مستقر", "لطفي براهم")], []),
        (
            "ووفقا لمعطيات الإدارة العامة للحماية المدنية، فإن الحادث خطير.",
            [("indirect", "الحادث خطير", "الإدارة العامة للحماية المدنية")],
            [],
        ),
        # «في تعقيب …» is where the statement was made, not where its speaker belongs
        (
            'واعتبرت المنظمة في تعقيب نشرته مؤخرا على موقعها الرسمي ان "القرار خطير ويهدد حرية الصحافة في البلاد".',
            [("direct", "القرار خطير ويهدد حرية الصحافة في البلاد", "المنظمة")],
            [],
        ),
        # «قوله»: the relayed speaker, not the relaying agency
        (
            'ونقلت الوكالة عن وزير المالية نزار يعيش قوله إن "العجز سيتراجع".',
            [("direct", "العجز سيتراجع", "نزار يعيش")],
            [],
        ),
    ],
)
def test_clauses_sources_and_terms(text: str, expected: list[tuple[str, str, str | None]], absent: list[tuple[str, str]]) -> None:
    found = _kinds(text)
    for item in expected:
        assert item in found, found
    for kind, quote in absent:
        assert all((k, q) != (kind, quote) for k, q, _ in found), found


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # «المحطة» refers back to the station named in brackets
        (
            "وأظهرت صور بثتها محطة (دبليو.إن.تي) المحلية دخانا كثيفا. وذكرت المحطة أن الحريق اندلع ليلا.",
            "الحريق اندلع ليلا",
            "دبليو.إن.تي",
        ),
        # an anaphoric description refers back to the person named before
        (
            "كشف المستشار لدى رئيس الحكومة رضا الشابي أن البنك سيخوصص. وأكد المسؤول الحكومي أن القرار نهائي.",
            "القرار نهائي",
            "رضا الشابي",
        ),
        # «وأضاف رئيس الحكومة» continues a named speaker who had no role
        (
            "قال يوسف الحمامي إن الجيش يقوم بدوره.\nوأضاف رئيس الحكومة أن الاستراتيجية جاهزة.",
            "الاستراتيجية جاهزة",
            "يوسف الحمامي",
        ),
        # a quoted name as the speaker phrase
        ('اعتبرت "هيومن رايتس ووتش" إن الحظر سيكون انتكاسة.', "الحظر سيكون انتكاسة", "هيومن رايتس ووتش"),
        # a statement noun with a genitive speaks for it
        ("وبحسب شهادة المواطنة، فإن التلاميذ وصلوا متأخرين.", "التلاميذ وصلوا متأخرين", "المواطنة"),
        # a known surname followed by the verb's object: the object is not part of the name
        (
            "قال النقابي سامي الطاهري إن المنشور مرفوض. ووصف الطاهري منح حق الاقتطاع بأنه سطو على الحقوق.",
            "سطو على الحقوق",
            "سامي الطاهري",
        ),
        # a two-word mention completes to the fuller name given earlier
        (
            "قال مدير المهرجان كمال بن عمر الدريدي إن الدورة نجحت. وتوقع كمال بن عمر أن تنفد التذاكر قريبا.",
            "تنفد التذاكر قريبا",
            "كمال بن عمر الدريدي",
        ),
        # the addressee is not part of the speaker
        (
            "تمكن الحرس من إنقاذ ثلاثة أشخاص، وفق ما ذكره الناطق باسم الحرس محمد الصغير لمراسلة الجوهرة.",
            "تمكن الحرس من إنقاذ ثلاثة أشخاص",
            "محمد الصغير",
        ),
        # a given name and an everyday word ending the phrase: the word is the surname
        (
            "قال رئيس الهيئة الوطنية للرقابة، شوقي الطبيب إن الملفات أحيلت على القضاء.",
            "الملفات أحيلت على القضاء",
            "شوقي الطبيب",
        ),
        # a role-only speaker first, the same role (other filler words) with the name later
        (
            "أكد المتحدث الرسمي باسم وزارة الخارجية المصرية أن السفير استدعي.\n"
            "وأضاف المتحدث باسم الخارجية المصرية المستشار أحمد أبو زيد أنه أبلغ بالقرار.",
            "السفير استدعي",
            "أحمد أبو زيد",
        ),
        # a shorter form of a named speaker's role refers back to him
        (
            "أكد نقيب الفنانين الموسيقيين، مقداد السهيلي أن التمثال عالق.\nوقال نقيب الموسيقيين إن الوضع فضيحة.",
            "الوضع فضيحة",
            "مقداد السهيلي",
        ),
        # a verbal noun after the speaker opens the verb's object
        (
            "قال وزير التجارة زياد العذاري إن الأسعار مستقرة. كما أكد والي الجهة سامي الغابي إرسال تعزيزات "
            "إلى المنطقة.\nوأوضح أن السبب خلاف قديم.",
            "السبب خلاف قديم",
            "سامي الغابي",
        ),
        # a participle's subject is its sentence's subject, even after a verb that is no speech cue; a woman's
        # title further from the name than a man's does not make him a woman
        (
            "ستكون ماي أول زعيمة أجنبية تزور الرئيس الأمريكي دونالد ترامب. وقال المتحدث باسم البيت الأبيض "
            "شون سبايسر إن اللقاء الجمعة. وكان ترامب أثنى على خروج بريطانيا، معتبرا أن الخروج أمر عظيم.",
            "الخروج أمر عظيم",
            "دونالد ترامب",
        ),
        # a bare plural noun is the speaker, not «ب» + a verbal noun
        ("وقال باحثون إن الحفريات قديمة جدا.", "الحفريات قديمة جدا", "باحثون"),
        # an organisation that spoke without a quote («أدانت …»), its object cut off, is what «وقالت» continues
        (
            "أدانت منظمة الشفافية الدولية التهديدات الموجهة ضد شركائها في تونس.\n"
            "وقالت في بيان أصدرته إن التهديد يأتي بعد تسريب خطة.",
            "التهديد يأتي بعد تسريب خطة",
            "منظمة الشفافية الدولية",
        ),
        # a surname alone, with the article the full name does not write
        (
            "كشف الطبيب البيطري منجي كدوسي عن مشروع لتطوير القطيع. وأكد الكدوسي أن السلالة مهددة.",
            "السلالة مهددة",
            "منجي كدوسي",
        ),
        # where an unnamed group or body belongs is part of it; the statement's setting is not
        ("وقالت مصادر مقربة من التحقيق إن المشتبه به دخل فرنسا.", "المشتبه به دخل فرنسا", "مصادر مقربة من التحقيق"),
        ("وقالت النيابة العامة في بروكسل إن الشقة استؤجرت.", "الشقة استؤجرت", "النيابة العامة في بروكسل"),
        ("وقالت الشرطة في بيان إن التحقيق متواصل.", "التحقيق متواصل", "الشرطة"),
        ("وشدد المزوغي على أن الوزارة لن تتسامح.", "الوزارة لن تتسامح", "المزوغي"),
        # between a given name and a title, an everyday word is the surname
        ("وقالت علياء عودة مديرة مؤسسة أبعاد إن القرار خطوة كبيرة.", "القرار خطوة كبيرة", "علياء عودة"),
        # «علي» after «بن» is a name, not «على»; a five-word name with particles is kept whole
        (
            "حسبما أكده الناطق باسم الخارجية الجزائرية عبد العزيز بن علي شريف.\n"
            "وأوضح السيد بن علي شريف أن الاجتماع كان مثمرا.",
            "الاجتماع كان مثمرا",
            "عبد العزيز بن علي شريف",
        ),
        # the title of a named person, given in apposition, refers back to him
        (
            "أكد أيمن بن عائشة، وهو سائق حافلة بشركة النقل، أن الفرامل تعطلت. وأضاف سائق الحافلة أن الركاب أصيبوا بالهلع.",
            "الركاب أصيبوا بالهلع",
            "أيمن بن عائشة",
        ),
        # a quoted name right after a title
        (
            "اعتقلت الشرطة المتهم \"رافيندر كومار\" يوم الخميس. وقال المتهم إنه فقد السيطرة على نفسه.",
            "فقد السيطرة على نفسه",
            "رافيندر كومار",
        ),
        # «محاميه»: the text's lawyer
        (
            "ونشر المحامي سمير ديلو تدوينة على صفحته.\nتوفي المدون في المستشفى، كما أعلن محاميه.",
            "توفي المدون في المستشفى",
            "سمير ديلو",
        ),
        # a trailing source with long complements, or going on with a participle, still sources the clause
        (
            "خسرت تونس قرابة 3 نقاط من نسق النمو بعد الثورة، حسب ما أكده خبراء اقتصاديون في الجلسة الأولى لمنتدى "
            "الجمعية التونسية للاقتصاديين الذي ينتظم يومي 27 و28 ماي بالحمامات.",
            "خسرت تونس قرابة 3 نقاط من نسق النمو بعد الثورة",
            "خبراء اقتصاديون",
        ),
        (
            "ستكون ماي أول زعيمة تزور ترامب، وفق ما أعلن عنه البيت الأبيض مضيفا أن الجمعة موعد اللقاء.",
            "ستكون ماي أول زعيمة تزور ترامب",
            "البيت الأبيض",
        ),
        (
            "ستكون ماي أول زعيمة تزور ترامب، وفق ما أعلن عنه البيت الأبيض مشيرا إلى أن الجمعة موعد اللقاء.",
            "ستكون ماي أول زعيمة تزور ترامب",
            "البيت الأبيض",
        ),
        # the addressee and its name before the source; «لـ"…"» inside a title
        (
            "يأتي هذا التحرك في ظل تعنت المستثمر، بحسب ما أكده للجوهرة أف أم، الكاتب العام للنقابة الأساسية "
            'لـ"ستيب" رضا ساسي.',
            "يأتي هذا التحرك في ظل تعنت المستثمر",
            "رضا ساسي",
        ),
        # a number inside an institution's name, and «من …» before the name in a title
        (
            'ومن جانبه صرح مدير المعهد الثانوي 2 المعفى من مهامه جمال الهرهوري أن "الإعفاء جاء نتيجة مكاتيب".',
            "الإعفاء جاء نتيجة مكاتيب",
            "جمال الهرهوري",
        ),
        # plural sources are groups, not names: «إعلام» is the genitive of «وسائل», not an object
        ("قالت وسائل إعلام محلية إن شخصا قتل في الحادث.", "شخصا قتل في الحادث", "وسائل إعلام محلية"),
        # a trailing source names the correspondent (without «بالجهة», «here»: see tests/gold/README.md)
        (
            'تم إطلاق سراح المنسق، وفق ما أكده مراسل "الجوهرة أف أم" بالجهة.',
            "تم إطلاق سراح المنسق",
            "مراسل الجوهرة أف أم",
        ),
        ('وبحسب مراسلنا في سيدي بوزيد، فقد توفيت التلميذة.', "توفيت التلميذة", "مراسلنا في سيدي بوزيد"),
        # a rank before a surname: the surname, completed from the text
        (
            "أفاد الناطق باسم وزارة الدفاع الوطني بلحسن الوسلاتي أن العملية متواصلة.\n"
            "وأضاف العقيد الوسلاتي أنه تم حجز سلاح وذخيرة.",
            "تم حجز سلاح وذخيرة",
            "بلحسن الوسلاتي",
        ),
        # «النجم السويدي» refers back to the player named before
        (
            "تعرض زلاتان إبراهيموفيتش، يوم الخميس، إلى إصابة خطيرة. وقال النجم السويدي إنه هو من يقرر مصيره.",
            "هو من يقرر مصيره",
            "زلاتان إبراهيموفيتش",
        ),
        # a letter, text or clarification speaks for whoever issued it
        ("وجاء في توضيح المحامي سمير ديلو أنه سيتم إطلاق سراح الموقوفين.", "سيتم إطلاق سراح الموقوفين", "سمير ديلو"),
        ("وورد في خطاب الفيفا أن المقترحات رفضت.", "المقترحات رفضت", "الفيفا"),
        # after a complete name, «noun + definite noun» is the object; «تنقل» (a present-tense «نقل») inside it
        # names nobody; «وفق بالطيب» names the minister
        (
            "أكد وزير الفلاحة سمير بالطيب سعي الوزارة لحل إشكال تنقل النساء العاملات في الوسط الفلاحي، مشيرا إلى أن "
            "اتصالات جارية مع الجمعيات.\nوسيتم الانطلاق ببرنامج نموذجي لتنقل المرأة الفلاحة، وفق بالطيب.",
            "اتصالات جارية مع الجمعيات",
            "سمير بالطيب",
        ),
        (
            "أكد وزير الفلاحة سمير بالطيب سعي الوزارة لحل إشكال تنقل النساء العاملات في الوسط الفلاحي، مشيرا إلى أن "
            "اتصالات جارية مع الجمعيات.\nوسيتم الانطلاق ببرنامج نموذجي لتنقل المرأة الفلاحة، وفق بالطيب.",
            "وسيتم الانطلاق ببرنامج نموذجي لتنقل المرأة الفلاحة",
            "سمير بالطيب",
        ),
        # kinship titles before quoted names; «لـ"…"» after a person is whom he spoke to
        (
            'وقالت الأم "اليزابيث هاندي" ووالد الطفلة "بلال ووك" إن الحكم ظالم. وصرح والد الطفلة لـ"أتلانتا جورنال" '
            "إن الاسم نبيل.",
            "الاسم نبيل",
            "بلال ووك",
        ),
        # «صادر عن X نشرته وكالة …»: the relative clause is not the issuer's name; a long fronted subject
        # («وكان محامي … في منظمة التحرير X أعلن») beats the latest speaker
        ("وقال بيان صادر عن الرئاسة نشرته وكالة الأنباء الرسمية، إن الحكم جائر.", "الحكم جائر", "الرئاسة"),
        (
            "وقال البيان إن القرار جائر. وكان محامي هيئة شؤون الأسرى والمحررين في منظمة التحرير الفلسطينية "
            "طارق برغوث أعلن في وقت سابق اليوم أن المحكمة عقدت جلسة.",
            "المحكمة عقدت جلسة",
            "طارق برغوث",
        ),
        # an everyday word of the news after a name is the verb's object; a month name after a given name is not
        ('ووصف النائب منجي الرحوي المبادرة التشريعية بأنها "ليست بريئة سياسيا".', "ليست بريئة سياسيا", "منجي الرحوي"),
        ("وقالت رئيسة الحكومة البريطانية تيريزا ماي إن المحادثات مثمرة.", "المحادثات مثمرة", "تيريزا ماي"),
        # «نفس البلاغ» is the statement named before; an organisation word opens a complement; a quoted name
        # after «تنظيم» is the organisation
        (
            "قالت الخطوط التونسية في بلاغ إن التخفيضات تشمل كل الرحلات.\nوستبدأ فترة البيع يوم 17 مارس، وفق نفس البلاغ.",
            "وستبدأ فترة البيع يوم 17 مارس",
            "الخطوط التونسية",
        ),
        ("أكد مصدر من وزارة السياحة للجوهرة أن الزيارة مرتقبة.", "الزيارة مرتقبة", "مصدر من وزارة السياحة"),
        # a title word between a given name and a surname is part of the name; its last two words name him again
        (
            "اكد رئيس الجمهورية الباجي قائد السبسي أنه سيشارك في القمة. وقال الوزير إن الوفد جاهز. وأوضح قائد السبسي أن حضوره ضروري.",
            "حضوره ضروري",
            "الباجي قائد السبسي",
        ),
        ("وقالت المديرة العامة هالة شيخ روحه إن الإنتاج سيستأنف.", "الإنتاج سيستأنف", "هالة شيخ روحه"),
        # who was spoken to («لأعضاء مجلس الشيوخ», «للصحفيين») is not part of the speaker
        ("وقال مسؤولو السي آي ايه لأعضاء مجلس الشيوخ إن روسيا تدخلت.", "روسيا تدخلت", "مسؤولو السي آي ايه"),
        # the construct form of a plural («مسؤولو المخابرات», «منتقدو الدستور») is a group, not a name
        ("وقال مسؤولو المخابرات إن روسيا تدخلت.", "روسيا تدخلت", "مسؤولو المخابرات"),
        ("وقال منتقدو الدستور إن النص مليء بالألغام.", "النص مليء بالألغام", "منتقدو الدستور"),
        # an adjective after a document noun is no genitive issuer: the study itself is the source
        ("كشفت دراسة بريطانية حديثة أن النوم مفيد.", "النوم مفيد", "دراسة بريطانية حديثة"),
        # a correspondent's «here» is not part of the canonical speaker (one speaker across articles); a place is
        ('وأفاد مراسل "الجوهرة أف أم" بالجهة أن الحريق كبير.', "الحريق كبير", "مراسل الجوهرة أف أم"),
        ("وأفادت مراسلة الجوهرة أف أم في الجهة أن الحريق كبير.", "الحريق كبير", "مراسلة الجوهرة أف أم"),
        ("وأفاد مراسل الجوهرة أف ام في سيدي بوزيد أن الحريق كبير.", "الحريق كبير", "مراسل الجوهرة أف ام في سيدي بوزيد"),
        # «وفقا للمصدر ذاته»: the source named before
        ("وقال مصدر أمني إن الموقوفين ثلاثة. وقد اعترف الموقوفون بالتهم، وفقا للمصدر ذاته.", "وقد اعترف الموقوفون بالتهم", "مصدر أمني"),
        # «المجلة» refers back to the magazine named before
        ('وذكرت مجلة "شبيغل" أن التحقيق بدأ. وقال الوزير إن الأمر خطير. وأضافت المجلة أن المتهم موقوف.', "المتهم موقوف", "شبيغل"),
        # a verb agrees with a subject after it: a feminine phrase after «دعا» is its object, after «دعت» its subject
        (
            'وقال زهير المغزاوي إن الانتخابات مهمة. ودعا الهيئة العليا المستقلة للانتخابات إلى "الانتباه لمثل هذه المؤشرات".',
            "الانتباه لمثل هذه المؤشرات",
            "زهير المغزاوي",
        ),
        (
            'وقال زهير المغزاوي إن الانتخابات مهمة. ودعت الهيئة العليا المستقلة للانتخابات إلى "الانتباه لمثل هذه المؤشرات".',
            "الانتباه لمثل هذه المؤشرات",
            "الهيئة العليا المستقلة للانتخابات",
        ),
        # «المسار» is «حزب المسار الديمقراطي الاجتماعي» for short: one speaker, named in full
        (
            "ودعا حزب المسار الديمقراطي الاجتماعي إلى الانسحاب من التحالف. وقال الوزير إن التحالف مفيد. واعتبر المسار أن الحكومة أخطأت.",
            "الحكومة أخطأت",
            "حزب المسار الديمقراطي الاجتماعي",
        ),
        # the name before «الذي»: the cue inside the relative clause, or after a short one and a comma
        ("وقال الوزير إن القانون مهم. وصوت النائب عن كتلة آفاق تونس، رياض جعيدان، الذي أكد أنه صوت ضد القانون.", "صوت ضد القانون", "رياض جعيدان"),
        ("وانتشرت الصورة. إلا أن لوريمان الذي التقط الصورة، قال إن المرأة كانت في صدمة.", "المرأة كانت في صدمة", "لوريمان"),
        (
            "وقال المتحدث إن الوضع هادئ. على حد تعبير وزير الداخلية توماس دي ميزيير، الذي كان قد أكد في وقت سابق أنه لا خطر.",
            "لا خطر",
            "توماس دي ميزيير",
        ),
        # no subject inside the quote before «، وأضاف» (its «كان» opens none); a quoted name before كان still is one
        (
            'وأكد المدير النوري بركوس أن "المحجوز كان مخزنا بمستودع بالمطوية"، واضاف ان "الأبحاث متواصلة".',
            "الأبحاث متواصلة",
            "النوري بركوس",
        ),
        (
            'وكان رئيس المجلس الاتحادي السويسري، "جوهان شنايدر أمان"، أكد في ندوة صحفية استعداد بلاده للتعاون، مبرزا أن بلاده ستضاعف الجهود.',
            "بلاده ستضاعف الجهود",
            "جوهان شنايدر أمان",
        ),
        ('كما أعلن تنظيم "داعش" الإرهابي أن العامري أحد عناصره.', "العامري أحد عناصره", "داعش"),
        # «ومقره …» describes the speaker: not part of its name
        (
            "قال المركز الأوروبي لمراقبة المخدرات ومقره لشبونة إن الوفيات زادت.",
            "الوفيات زادت",
            "المركز الأوروبي لمراقبة المخدرات",
        ),
        # an institution named by a definite phrase stays whole
        (
            "وصلت الوزيرة إلى واشنطن، وفق ما أعلن عنه البيت الأبيض مضيفا أن اللقاء سيكون الجمعة.",
            "اللقاء سيكون الجمعة",
            "البيت الأبيض",
        ),
        # an indefinite title governs a verbal noun («رئيس اتحاد»): the phrase goes on to the name
        (
            "تعاني المؤسسات صعوبات مالية، وفق ما ذكره رئيس غرفة النسيج ونائب رئيس اتحاد الصناعة والتجارة بالقصرين كمال نصري.",
            "تعاني المؤسسات صعوبات مالية",
            "كمال نصري",
        ),
        # كان with its predicate, a comma, then a new verb: no subject there, the last speaker goes on
        (
            "وأكد الوزير أن الملف مغلق. ومناصرة القضية كان دوما في صميم اهتمام الدبلوماسية طيلة عقود، وكشف أن الاتصالات توقفت.",
            "الاتصالات توقفت",
            "الوزير",
        ),
        # «إدانتها» is a verbal noun (the verb is written «أدانتها»): no speaker opens inside the quoted fragment
        ('أعربت تونس عن "إدانتها الشديدة للهجوم"، معتبرة أن "الهجوم استفزاز صارخ".', "الهجوم استفزاز صارخ", "تونس"),
        # الذي with a cue carrying an object pronoun: الذي is the object, the subject is the sentence's
        (
            'دعا السياسي محمود البارودي بتغيير نظام الحكم في تونس الذي وصفه بالنظام "الهجين"، مقرا بأن الدستور تم في إطار صفقة.',
            "الدستور تم في إطار صفقة",
            "محمود البارودي",
        ),
        # a participle right after the verb describes its implicit subject: «وتابعت مفسرة»
        (
            "وأكدت المديرة سلمى العيادي أن الأسعار مستقرة. وتابعت مفسرة ان الاستثناء يشمل الحرفاء المنزليين.",
            "الاستثناء يشمل الحرفاء المنزليين",
            "سلمى العيادي",
        ),
        # التي does not agree with a masculine verb: not the verb's subject
        (
            'كما انتقد محسن مرزوق حركة نداء تونس. وقال إن الحزب يعاني. ثم وجه انتقادات لاذعة لحركة نداء تونس، التي قال "إنها خرجت عن مسارها".',
            "إنها خرجت عن مسارها",
            "محسن مرزوق",
        ),
        # «فسرها» (explained it) describes; it introduces no speaker for the «وأضاف» that follows
        (
            "وقال الكاتب علي الهادي إن الترجمة صعبة. وفسرها المترجم بمراعاة بعض المعايير. وأضاف أن القصائد تحولت.",
            "القصائد تحولت",
            "علي الهادي",
        ),
        # «المحكمة» refers back to the fuller definite name before it
        (
            'وكانت المحكمة العليا السعودية قد دعت إلى تحري رؤية الهلال، وطالبت المحكمة "من يراه إبلاغ أقرب محكمة".',
            "من يراه إبلاغ أقرب محكمة",
            "المحكمة العليا السعودية",
        ),
        # a fuller role first, its shorter form later with the name: one person
        (
            'وقال الأمين العام للأمم المتحدة، في بيان، "أشعر بحزن عميق". وأبرز الأمين العام، أنطونيو غوتيريس، أن "الخبيرين فقدا حياتهما".',
            "أشعر بحزن عميق",
            "أنطونيو غوتيريس",
        ),
        # a verb inside the reported clause («النقابة طالبت …») is not the subject of the participle after it
        (
            "وقال الكاتب العام مراد بن صالح إن النقابة ترفض الاعتداء. و أضاف أن النقابة طالبت النيابة العمومية بالمنستير"
            " بفتح تحقيق في الغرض، معتبرا أنّ المؤشرات الأولية تشير إلى وجود فساد.",
            "المؤشرات الأولية تشير إلى وجود فساد",
            "مراد بن صالح",
        ),
        # a name before a title, then its surname alone though it reads as «to the minister»
        (
            "أكد هاشمي لوزير مدير معهد باستور أن المعهد قرر رفع قضية. وقال لوزير إن تجربة هذا الدواء لا تتم إلا على مصابين.",
            "تجربة هذا الدواء لا تتم إلا على مصابين",
            "هاشمي لوزير",
        ),
        # roles in apposition, one after another, then the name
        (
            "وقال قائد القوات المركزية للقوات البحرية الأمريكية، قائد الأسطول الأمريكي الخامس في البحرين، نائب الأميرال"
            ' كيفن دونيكان، في بيان، "إن المناورات ستبدأ غدا".',
            "إن المناورات ستبدأ غدا",
            "كيفن دونيكان",
        ),
        # a plural participle («مؤكدين») reports for the phrase before the clause's plural verb
        (
            "ورغم الرواج الذي لاقاه المقطع إلا أن رواد مواقع التواصل الاجتماعي شككوا في صدق الرجل مؤكدين أنه نشال محترف.",
            "نشال محترف",
            "رواد مواقع التواصل الاجتماعي",
        ),
        # the object of «وصف» after the subject is not part of it
        ('ووصفت وزارة العدل الحكم بأنه "معيب من ناحية الحجة".', "معيب من ناحية الحجة", "وزارة العدل"),
        ('ووصفت الرئاسة الفلسطينية حكم محكمة إسرائيلية بأنه "جائر وظالم".', "جائر وظالم", "الرئاسة الفلسطينية"),
        # an institution's short form after its full name, and a statement «صادر عن» it, are the institution
        (
            "أدانت الرئاسة الفلسطينية حكم محكمة إسرائيلية اليوم بسجن طفل فلسطيني.\nوقال بيان صادر عن الرئاسة"
            " نشرته وكالة الأنباء الرسمية، إن الحكم مخالف لكل المواثيق.",
            "الحكم مخالف لكل المواثيق",
            "الرئاسة الفلسطينية",
        ),
        # «في بيان، نقلته وكالة …» says who passed the statement on, not who made it
        (
            "وأوضح البنك العالمي في بيان، نقلته وكالة الأناضول اليوم الثلاثاء، أن أفريقيا لا تزال صاحبة أعلى معدلات الوفاة.",
            "أفريقيا لا تزال صاحبة أعلى معدلات الوفاة",
            "البنك العالمي",
        ),
        # a complement says who unnamed speakers are: «على الدراسة» (not a statement's setting), a university's
        # foreign name, a country's name
        ("وأكد الباحثون القائمون على الدراسة أن المكسرات مفيدة.", "المكسرات مفيدة", "الباحثون القائمون على الدراسة"),
        ("وقالت الدول الممضية على البيان إن القائمة مرتبطة بقطر.", "القائمة مرتبطة بقطر", "الدول الممضية على البيان"),
        ("وقال علماء من جامعة مانشستر البريطانية إن الأقراص خطيرة.", "الأقراص خطيرة", "علماء من جامعة مانشستر البريطانية"),
        ("وقال الجيش في بيان إن الوضع هادئ.", "الوضع هادئ", "الجيش"),
        ("وذكرت وسائل الإعلام الرسمية في كوريا الشمالية أن مواطنا اعتقل.", "مواطنا اعتقل", "وسائل الإعلام الرسمية في كوريا الشمالية"),
        # «مع» links a title to its portfolio too: the name comes after
        (
            "أكد وزير العلاقة مع الهيئات الدستورية والمجتمع المدني وحقوق الإنسان مهدي بن غربية أن مشروع القانون جاهز.",
            "مشروع القانون جاهز",
            "مهدي بن غربية",
        ),
        # a fronted subject with «آنذاك» and a name in apposition before the verb
        (
            'قال الوزير إن الوضع صعب. وكان مستشار رئيس الجمهورية آنذاك، خميس الجهيناوي صرح بأن "انضمام تونس إلى التحالف لا يعني شيئا".',
            "انضمام تونس إلى التحالف لا يعني شيئا",
            "خميس الجهيناوي",
        ),
        # «رئاسة الحكومة» is an institution, not a name followed by a role
        ("أكدت رئاسة الحكومة في بيان لها أنها تتابع التحقيقات.", "تتابع التحقيقات", "رئاسة الحكومة"),
    ],
)
def test_speaker_antecedents(text: str, quote: str, speaker: str) -> None:
    by_text = {q.text: q for q in extract_quotes_from_text(text)}
    assert by_text[quote].speaker == speaker


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a ب-object ends the speaker phrase («بتغيير»), a role's ب-complement does not («المكلف بإنتاج»)
        ('دعا السياسي محمود البارودي بتغيير نظام الحكم الذي وصفه بالنظام "الهجين".', "السياسي محمود البارودي"),
        (
            "قال المكلف بإنتاج اللحوم الحمراء في وزارة الفلاحة هيكل حشلوف إن هناك 3 نقاط بيع.",
            "المكلف بإنتاج اللحوم الحمراء في وزارة الفلاحة هيكل حشلوف",
        ),
    ],
)
def test_speaker_mention_ends_before_the_object(text: str, mention: str) -> None:
    assert [q.speaker_mention for q in extract_quotes_from_text(text)] == [mention]


def test_without_the_ner_model_the_word_lists_still_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor asks the NER tagger about unknown names; without the model it keeps to its word lists."""
    import analysis.entities as entities

    def missing(text: str, *, backend: str = "shipped") -> dict:
        raise entities.EntityModelMissingError("no model in this test")

    monkeypatch.setattr(entities, "tag_sentences", missing)
    text = "وقال وزير الخارجية سامي الحمدي: «سنواصل العمل». وأضاف أن الحوار مستمر."
    assert _kinds(text) == [("direct", "سنواصل العمل", "سامي الحمدي"), ("indirect", "الحوار مستمر", "سامي الحمدي")]


def test_shared_ner_tags_give_the_same_quotes() -> None:
    """A pipeline passes the tags it computed for entities; the quotes are the same as when the extractor tags."""
    from analysis.entities import tag_sentences

    text = "أكدت رئيسة المنظمة التونسية لمناهضة التعذيب راضية النصراوي أن السجين توفي.\nوأضافت النصراوي أن العائلة تقدمت بشكوى."
    assert extract_quotes_from_text(text) == extract_quotes_from_text(text, ner_tags=tag_sentences(text))


def test_a_tagged_name_after_a_preposition_is_no_person() -> None:
    """The tagger reads «بن قردان» (a town) as a person; «ببن» is «in Ben», so the institution stays whole."""
    text = 'وكان الاتحاد المحلي للشغل ببن قردان اصدر بيانا بالمناسبة دعا فيه الحكومة الى "تنفيذ الوعود التنموية".'
    tags = ["O"] * 19
    tags[5:7] = ["B-PERS", "I-PERS"]  # «ببن قردان»
    assert [q.speaker for q in extract_quotes_from_text(text, ner_tags={0: tags})] == ["الاتحاد المحلي للشغل ببن قردان"]


def test_record_fields_and_offsets() -> None:
    text = "من جهته، قال وزير الخارجية سامي الحمدي: «سنواصل العمل».\nوأضاف أن الحوار مستمر."
    quotes = extract_quotes_from_text(text, article_id="a1")
    direct = next(q for q in quotes if q.kind == "direct")
    assert direct.article == "a1"
    assert text[direct.start : direct.end] == direct.text
    assert text[direct.speaker_start : direct.speaker_end] == direct.speaker_mention == "وزير الخارجية سامي الحمدي"
    assert (direct.role, direct.cue, direct.paragraph) == ("وزير الخارجية", "قال", 0)
    assert direct.rule
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert (indirect.speaker, indirect.speaker_mention, indirect.paragraph) == ("سامي الحمدي", None, 1)


def test_marks_multi_paragraph_and_nested() -> None:
    text = "قال: «الفقرة الأولى.\n«الفقرة الثانية».\nثم قال: «قالوا لنا \"ارحلوا\" فرفضنا»."
    spans = [(text[s.start : s.end], s.depth) for s in find_quoted_spans(text)]
    assert ("الفقرة الأولى.\n«الفقرة الثانية", 0) in spans
    assert ("ارحلوا", 1) in spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stray closing mark is dropped instead of shifting every later pair
        ('للمصانع وللبنوك".وصرح أن "مشاكل القطاع كبيرة" وفق تعبيره.', ["مشاكل القطاع كبيرة"]),
        # a quote never closed ends before the next reporting sentence that opens a quote of its own
        (
            'وأكد في البيان أن "الاحتجاج حق أساسي. وأشار إلى أنه "يتعين على السلطات أن تبعث برسالة". وكان',
            ["الاحتجاج حق أساسي", "يتعين على السلطات أن تبعث برسالة"],
        ),
        # an opening mark inside a quote of several words nests; after one or two words it is a closing mark
        # typed after a space
        ('وقال "نعلن اليوم وبكل فخر عن "خطة وطنية" للإنقاذ" ثم غادر.', ['نعلن اليوم وبكل فخر عن "خطة وطنية" للإنقاذ', "خطة وطنية"]),
        ('تنظيف "السقيفة الكحلة "بالمهدية وإن آثار "السقيفة" واضحة.', ["السقيفة الكحلة", "السقيفة"]),
    ],
)
def test_straight_marks_pair_by_their_flanks(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == expected


def test_a_coordinated_clause_inside_a_direct_quote_is_not_reported_speech() -> None:
    """«إنه "حتى وإن لم يقبل …"»: the «وإن» inside the marks opens no indirect quote of its own."""
    text = 'وقال رئيس الكتلة إنه "حتى وإن لم يقبل مكتب البرلمان الطعن، فإن الكتلة ستقدم عريضة أخرى".'
    found = _kinds(text)
    assert ("direct", "حتى وإن لم يقبل مكتب البرلمان الطعن، فإن الكتلة ستقدم عريضة أخرى", "رئيس الكتلة") in found
    assert [kind for kind, _, _ in found] == ["direct"], found


def test_a_role_word_that_is_also_a_preposition_after_a_name() -> None:
    """«أمام» (before) normalises like «إمام» (imam), a role: after a name it must neither crash nor become a role."""
    found = _kinds("وتحدث سامي الحمدي أمام النواب في الجلسة العامة. وأضاف أن الميزانية جاهزة.")
    assert found == [("indirect", "الميزانية جاهزة", "سامي الحمدي")]


@pytest.mark.parametrize("text", ['"', "«", "»»««", 'قال: "', "”“”", "'''", "قال:\n\n«\n»", "", "   \n"])
def test_degenerate_marks_never_crash(text: str) -> None:
    for q in extract_quotes_from_text(text):
        assert text[q.start : q.end] == q.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["قال", "الوزير", "سامي", "الحمدي", ":", "«", "»", '"', "“", "”", "'", "إن", "أن", "،", ".", "\n", "وأضافت", "بحسب", "تنظيم"]), max_size=40))
def test_offsets_always_point_at_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for q in extract_quotes_from_text(text):
        assert text[q.start : q.end] == q.text
        assert q.kind in {"direct", "partial", "indirect", "term"}
        if q.speaker_mention is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention


def test_gold_set_floor() -> None:
    """Regression floor on the project's gold set (figures in the README; measured 98.5 F1 / 91.2 % speakers)."""
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    report = score(gold, predict(gold))
    assert report["speech"]["f1"] >= 97.0
    assert report["all"]["f1"] >= 98.0
    assert report["term"]["f1"] >= 95.0
    assert report["speech"]["speaker_accuracy"] >= 90.0
    assert report["speech"]["speaker_accuracy_lenient"] >= report["speech"]["speaker_accuracy"]


@pytest.mark.parametrize(
    ("gold", "predicted", "strict", "lenient"),
    [
        ("منصف خماخم", "منصف خماخم", True, True),
        ("منصف خماخم", "خماخم", False, True),
        ('مراسل "الجوهرة أف أم" بالجهة', "مراسل الجوهرة أف أم بالجهة", True, True),
        ("حركة نداء تونس", "حزب حركة نداء تونس", False, True),
        ("الديلي ميل", 'صحيفة "الديلي ميل" البريطانية', False, True),
        ("سفيان السليطي", "صابرين القوبنطيني", False, False),
        ("منصف خماخم", "منصف", False, True),
        ("وزارة الداخلية", "الداخلية التونسية", False, False),
        ("راضية النصراوي", None, False, False),
    ],
)
def test_speaker_scoring(gold: str, predicted: str | None, strict: bool, lenient: bool) -> None:
    doc = {"id": "d", "text": "x" * 40, "quotes": [{"kind": "indirect", "start": 0, "end": 30, "speaker": gold, "text": ""}]}
    report = score([doc], {"d": [{"kind": "indirect", "start": 0, "end": 30, "speaker": predicted, "text": ""}]})
    assert report["speech"]["speaker_accuracy"] == (100.0 if strict else 0.0)
    assert report["speech"]["speaker_accuracy_lenient"] == (100.0 if lenient else 0.0)


def test_sample_corpus_quotes(sample_articles) -> None:
    expectations = json.loads((ROOT / "tests" / "fixtures" / "sample_expectations.json").read_text(encoding="utf-8"))
    frame = quotes_frame(sample_articles)
    found = {(r.article, r.text, r.kind): (None if pd.isna(r.speaker) else r.speaker) for r in frame.itertuples()}
    for article_id, expected in expectations.items():
        for q in expected["quotes"]:
            assert found.get((article_id, q["text"], q["kind"]), "missing") == q["speaker"], (article_id, q)


def test_duplicated_body_quotes_counted_once(sample_articles) -> None:
    frame = quotes_frame(a for a in sample_articles if a.id == "01_water_scraped.txt")
    assert frame["text"].is_unique


def test_speaker_table_and_cross_article_merge() -> None:
    from analysis.records import QUOTE_COLUMNS

    rows = [
        {c: None for c in QUOTE_COLUMNS} | {"article": "a", "text": "x", "kind": "direct", "speaker": "فلاديمير بوتين", "role": "الرئيس الروسي"},
        {c: None for c in QUOTE_COLUMNS} | {"article": "b", "text": "y", "kind": "indirect", "speaker": "بوتين"},
        {c: None for c in QUOTE_COLUMNS} | {"article": "b", "text": "z", "kind": "term", "speaker": None},
    ]
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    merged = merge_speakers(frame)
    assert list(frame["speaker"].fillna("")) == ["فلاديمير بوتين", "بوتين", ""]  # input untouched
    table = speaker_table(merged)
    assert table.to_dict("records")[0] | {} == {
        "speaker": "فلاديمير بوتين", "n_quotes": 2, "n_articles": 2, "roles": "الرئيس الروسي", "mentions": "", "kinds": "direct | indirect",
    }


def test_cli_quotes_is_valid_json_with_nulls() -> None:
    import io

    from analysis.cli import main
    from tests.conftest import SAMPLE_DATA

    out, err = io.StringIO(), io.StringIO()
    assert main(["quotes", str(SAMPLE_DATA / "05_batch.csv")], out=out, err=err) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]  # strict JSON: no NaN
    assert {"article", "text", "kind", "speaker", "speaker_mention", "role", "cue", "start", "end", "rule"} <= set(rows[0])
    assert any(r["speaker_mention"] is None for r in rows)
    assert any(r["kind"] == "term" and r["speaker"] is None for r in rows)
