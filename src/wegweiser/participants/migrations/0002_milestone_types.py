"""The built-in pathway milestone types (data, not code: networks add their own)."""

from django.db import migrations

MILESTONE_TYPES = [
    # key, order, is_exit, English, German
    ("arrival", 10, False, "Arrived in Germany", "Ankunft in Deutschland"),
    ("counselling_started", 20, False, "Counselling started", "Beratung begonnen"),
    ("language_course_started", 30, False, "Language course started", "Sprachkurs begonnen"),
    ("b1_reached", 40, False, "German B1 reached", "Deutsch B1 erreicht"),
    ("recognition_applied", 50, False, "Recognition applied for", "Anerkennung beantragt"),
    ("recognition_decided", 60, False, "Recognition decided", "Anerkennung entschieden"),
    ("internship_or_eq_started", 70, False, "Internship or EQ started", "Praktikum oder EQ begonnen"),
    ("apprenticeship_started", 80, False, "Apprenticeship started", "Ausbildung begonnen"),
    ("job_started", 90, False, "Job started", "Arbeitsaufnahme"),
    ("employed_after_6_months", 100, False, "Still employed after 6 months", "Nach 6 Monaten weiter beschäftigt"),
    ("left_programme", 110, True, "Left the programme", "Programm verlassen"),
]

OTHER_LANGUAGES = {
    "arrival": ("الوصول إلى ألمانيا", "ورود به آلمان", "Прибуття до Німеччини"),
    "counselling_started": ("بدء الاستشارة", "شروع مشاوره", "Початок консультування"),
    "language_course_started": ("بدء دورة اللغة", "شروع دوره زبان", "Початок мовного курсу"),
    "b1_reached": ("الوصول إلى مستوى B1 في الألمانية", "رسیدن به سطح B1 آلمانی", "Досягнуто рівня B1 з німецької"),
    "recognition_applied": ("تقديم طلب الاعتراف بالشهادة", "درخواست ارزشیابی مدرک", "Подано заяву на визнання"),
    "recognition_decided": ("صدور قرار الاعتراف بالشهادة", "تصمیم درباره ارزشیابی مدرک", "Ухвалено рішення щодо визнання"),
    "internship_or_eq_started": ("بدء التدريب العملي أو EQ", "شروع کارآموزی یا EQ", "Розпочато практику або EQ"),
    "apprenticeship_started": ("بدء التدريب المهني", "شروع آموزش حرفه‌ای", "Розпочато професійне навчання"),
    "job_started": ("بدء العمل", "شروع به کار", "Початок роботи"),
    "employed_after_6_months": ("لا يزال يعمل بعد 6 أشهر", "همچنان شاغل پس از ۶ ماه", "Працює й через 6 місяців"),
    "left_programme": ("مغادرة البرنامج", "خروج از برنامه", "Вихід із програми"),
}


def load(apps, schema_editor):
    MilestoneType = apps.get_model("participants", "MilestoneType")
    for key, order, is_exit, en, de in MILESTONE_TYPES:
        ar, fa, uk = OTHER_LANGUAGES[key]
        labels = {"en": en, "de": de, "ar": ar, "fa": fa, "uk": uk}
        MilestoneType.objects.get_or_create(
            key=key, defaults={"order": order, "is_exit": is_exit, "labels": labels}
        )


def unload(apps, schema_editor):
    apps.get_model("participants", "MilestoneType").objects.filter(network__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
