"""Labels of the built-in milestone types in Tigrinya, Pashto, Turkish and Russian.

Participants read their path in the portal; labels a network has already set stay as they are."""

from django.db import migrations

LABELS = {
    # key: (Tigrinya, Pashto, Turkish, Russian)
    "arrival": ("ናብ ጀርመን ምምጻእ", "آلمان ته رارسېدل", "Almanya'ya varış", "Прибытие в Германию"),
    "counselling_started": (
        "ምኽሪ ተጀሚሩ",
        "مشوره پیل شوه",
        "Danışmanlık başladı",
        "Консультирование начато",
    ),
    "language_course_started": (
        "ትምህርቲ ቋንቋ ተጀሚሩ",
        "د ژبې کورس پیل شو",
        "Dil kursu başladı",
        "Языковой курс начат",
    ),
    "b1_reached": (
        "ደረጃ B1 ጀርመንኛ ተበጺሑ",
        "د الماني ژبې B1 کچه ترلاسه شوه",
        "Almancada B1 seviyesine ulaşıldı",
        "Достигнут уровень B1 по немецкому",
    ),
    "recognition_applied": (
        "ንምፍላጥ ሕቶ ቀሪቡ",
        "د پېژندنې غوښتنه وسپارل شوه",
        "Denklik başvurusu yapıldı",
        "Подано заявление о признании",
    ),
    "recognition_decided": (
        "ብዛዕባ ምፍላጥ ተወሲኑ",
        "د پېژندنې پرېکړه وشوه",
        "Denklik kararı verildi",
        "Принято решение о признании",
    ),
    "internship_or_eq_started": (
        "ልምምድ ወይ EQ ተጀሚሩ",
        "کارآموزي یا EQ پیل شو",
        "Staj veya EQ başladı",
        "Начата практика или EQ",
    ),
    "apprenticeship_started": (
        "ሞያዊ ስልጠና ተጀሚሩ",
        "مسلکي زده کړه پیل شوه",
        "Mesleki eğitim başladı",
        "Начато профессиональное обучение",
    ),
    "job_started": ("ስራ ተጀሚሩ", "کار پیل شو", "İşe başlandı", "Начало работы"),
    "employed_after_6_months": (
        "ድሕሪ 6 ኣዋርሕ ኣብ ስራሕ ይርከብ",
        "له ۶ میاشتو وروسته لا هم په کار بوخت",
        "6 ay sonra hâlâ çalışıyor",
        "Работает и через 6 месяцев",
    ),
    "left_programme": (
        "ካብ መደብ ወጺኡ",
        "پروګرام یې پرېښود",
        "Programdan ayrıldı",
        "Покинул(а) программу",
    ),
}
LANGUAGES = ("ti", "ps", "tr", "ru")


def load(apps, schema_editor):
    MilestoneType = apps.get_model("participants", "MilestoneType")
    for milestone_type in MilestoneType.objects.filter(network__isnull=True, key__in=LABELS):
        labels = dict(milestone_type.labels or {})
        for language, text in zip(LANGUAGES, LABELS[milestone_type.key], strict=True):
            labels.setdefault(language, text)
        milestone_type.labels = labels
        milestone_type.save(update_fields=["labels"])


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_milestone_types")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
