"""Demo knowledge base: twelve articles across kinds and topics, translations in every state,
translators, and the trade vocabulary. All texts are invented for the demo."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from wegweiser.accounts.models import User
from wegweiser.knowledge import services
from wegweiser.knowledge.models import Article, TranslatorProfile
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Organisation, Role

COORDINATOR = "koordination@demo.wegweiser.invalid"
BACKSTUBE_ADMIN = "admin.backstube@demo.wegweiser.invalid"
COUNSELLOR = "beratung@demo.wegweiser.invalid"
STAFF = "team.backstube@demo.wegweiser.invalid"


@dataclass
class DemoArticle:
    key: str
    by: str  # "office" or "backstube"
    kind: str
    visibility: str
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    title: str
    summary: str
    body: str
    status: str = "published"
    # language -> (title, body, state) with state "current", "machine" or "outdated"
    translations: dict[str, tuple[str, str, str]] = field(default_factory=dict)


ARTICLES = [
    DemoArticle(
        "anerkennung",
        "office",
        "guide",
        "public",
        ("recognition",),
        ("counsellors", "participants"),
        "Anerkennung ausländischer Berufsabschlüsse: Schritt für Schritt",
        "Wer einen Beruf im Ausland gelernt hat, kann den Abschluss in Deutschland prüfen lassen.",
        "Das Anerkennungsverfahren vergleicht Ihren ausländischen Abschluss mit einem deutschen "
        "Referenzberuf. Zuständig sind je nach Beruf die Kammern (IHK, HWK) oder "
        "Landesbehörden.\n\n"
        "Für den Antrag brauchen Sie Zeugnisse, Nachweise über Berufserfahrung und Übersetzungen. "
        "Die Beratungsstellen im Netzwerk helfen beim Zusammenstellen der Unterlagen.\n\n"
        "Bei wesentlichen Unterschieden ist eine teilweise Anerkennung möglich. Mit einer "
        "Anpassungsqualifizierung lassen sich fehlende Teile nachholen.",
        translations={
            "de-easy": (
                "Anerkennung einfach erklärt",
                "Sie haben einen Beruf in Ihrem Heimatland gelernt. Das Zeugnis kann in "
                "Deutschland geprüft werden. Das heißt Anerkennung.",
                "current",
            ),
            "ar": (
                "الاعتراف بالشهادات المهنية الأجنبية خطوة بخطوة",
                "يقارن إجراء الاعتراف شهادتك الأجنبية بمهنة مرجعية ألمانية.",
                "current",
            ),
            "fa": (
                "شناسایی مدارک حرفه‌ای خارجی گام به گام",
                "روند شناسایی مدرک خارجی شما را با یک حرفه مرجع آلمانی مقایسه می‌کند.",
                "outdated",
            ),
            "uk": (
                "Визнання іноземних професійних кваліфікацій крок за кроком",
                "Процедура визнання порівнює ваш іноземний диплом з німецькою професією.",
                "machine",
            ),
        },
    ),
    DemoArticle(
        "ausbildung",
        "office",
        "guide",
        "public",
        ("training", "hiring"),
        ("employers",),
        "Ausbildung mit Geflüchteten: Was Betriebe wissen sollten",
        "Von der Bewerbung bis zur Prüfung: Hinweise für Ausbildungsbetriebe.",
        "Viele Geflüchtete beginnen eine Ausbildung im Handwerk oder in der Industrie. Betriebe "
        "sollten früh klären, ob die Ausländerbehörde der Beschäftigung zustimmen muss.\n\n"
        "Ausbildungsbegleitende Hilfen und Berufssprachkurse unterstützen Auszubildende in der "
        "Berufsschule. Die Agentur für Arbeit fördert die Assistierte Ausbildung.\n\n"
        "Eine feste Ansprechperson im Betrieb hilft in den ersten Wochen am meisten.",
        translations={
            "en": (
                "Apprenticeships with refugees: what companies should know",
                "Many refugees start an apprenticeship in crafts or industry.",
                "current",
            ),
            "ar": (
                "التدريب المهني مع اللاجئين: ما يجب أن تعرفه الشركات",
                "يبدأ كثير من اللاجئين تدريبًا مهنيًا في الحرف أو الصناعة.",
                "machine",
            ),
        },
    ),
    DemoArticle(
        "duldung",
        "office",
        "legal_briefing",
        "members",
        ("residence_law", "training"),
        ("employers", "counsellors"),
        "Ausbildungsduldung und Beschäftigungsduldung im Überblick",
        "Welche Voraussetzungen gelten, und was Betriebe melden müssen.",
        "Mit einer Ausbildungsduldung können geduldete Menschen eine qualifizierte Ausbildung "
        "beginnen und abschließen. Die Beschäftigungsduldung setzt unter anderem eine "
        "sozialversicherungspflichtige Beschäftigung und gesicherten Lebensunterhalt voraus.\n\n"
        "Betriebe müssen der Ausländerbehörde einen Abbruch der Ausbildung innerhalb von zwei "
        "Wochen melden. Lassen Sie sich im Einzelfall immer beraten.",
    ),
    DemoArticle(
        "gestattung",
        "office",
        "legal_briefing",
        "members",
        ("residence_law", "hiring"),
        ("counsellors",),
        "Arbeiten mit Aufenthaltsgestattung",
        "Wann die Ausländerbehörde zustimmen muss und wie lange das dauert.",
        "Während des Asylverfahrens ist eine Beschäftigung meist nur mit Erlaubnis der "
        "Ausländerbehörde möglich. Die Behörde beteiligt in vielen Fällen die Bundesagentur für "
        "Arbeit.\n\nPlanen Sie für die Zustimmung einige Wochen ein und reichen Sie eine genaue "
        "Stellenbeschreibung mit Arbeitszeit und Lohn ein.",
    ),
    DemoArticle(
        "pruefer-woerterbuch",
        "office",
        "faq",
        "public",
        ("training", "language"),
        ("participants",),
        "Frag den Prüfer: Darf ich in der Prüfung ein Wörterbuch benutzen?",
        "Ein Prüfer der Handwerkskammer antwortet.",
        "In vielen Abschlussprüfungen ist ein Wörterbuch ohne Erklärungen erlaubt, wenn der "
        "Prüfungsausschuss zustimmt. Fragen Sie früh bei Ihrer Kammer nach einem "
        "Nachteilsausgleich "
        "für Deutsch als Zweitsprache, zum Beispiel mehr Zeit.\n\n"
        "Üben Sie die Fachwörter Ihres Berufs mit den Vokabel-Flyern.",
        translations={
            "ar": (
                "اسأل الممتحن: هل يمكنني استخدام قاموس في الامتحان؟",
                "في كثير من الامتحانات النهائية يُسمح بقاموس بدون شروح.",
                "machine",
            ),
            "de-easy": (
                "Frag den Prüfer: Wörterbuch in der Prüfung",
                "Oft dürfen Sie ein Wörterbuch benutzen. Fragen Sie vorher die Kammer.",
                "current",
            ),
        },
    ),
    DemoArticle(
        "praktikum-backstube",
        "backstube",
        "case_story",
        "public",
        ("hiring", "social_integration"),
        ("employers",),
        "Vom Praktikum zur Festanstellung in der Backstube",
        "Wie ein Praktikum in einer kleinen Bäckerei zu einem festen Arbeitsplatz wurde.",
        "Im Frühjahr begann ein junger Mann aus Eritrea ein vierwöchiges Praktikum in unserer "
        "Backstube. Die frühen Arbeitszeiten waren anfangs schwer, die Kolleginnen halfen mit "
        "Fahrgemeinschaften.\n\nNach einer Einstiegsqualifizierung folgte die Ausbildung zum "
        "Bäcker. Gut funktioniert hat der Vokabel-Flyer an der Wand der Backstube.",
        translations={
            "ti": (
                "ካብ ልምምድ ናብ ቀዋሚ ስራሕ ኣብ ቤት ሕብስቲ",
                "ሓደ መንእሰይ ካብ ኤርትራ ኣብ ቤት ሕብስትና ልምምድ ጀሚሩ።",
                "machine",
            ),
        },
    ),
    DemoArticle(
        "patenschaften",
        "office",
        "concept",
        "members",
        ("social_integration",),
        ("employers", "counsellors"),
        "Patenschaften im Betrieb: ein übertragbares Konzept",
        "Kolleginnen und Kollegen begleiten neue Beschäftigte im ersten Jahr.",
        "Eine Patin oder ein Pate aus dem Team trifft sich in den ersten Wochen wöchentlich mit "
        "der neuen Kollegin oder dem neuen Kollegen. Themen sind Arbeitsabläufe, Sprache und "
        "Fragen des Alltags.\n\nDas Konzept wurde in zwölf Mitgliedsbetrieben erprobt und lässt "
        "sich mit wenig Aufwand übertragen.",
    ),
    DemoArticle(
        "berufssprachkurse",
        "office",
        "guide",
        "public",
        ("language",),
        ("participants",),
        "Deutsch lernen neben der Arbeit: Berufssprachkurse",
        "Berufsbezogene Sprachkurse gibt es auch in Teilzeit und online.",
        "Berufssprachkurse bauen auf dem Integrationskurs auf und führen zu den Niveaus B1 bis C1. "
        "Viele Kurse finden abends oder online statt.\n\nDie Anmeldung läuft über die Agentur "
        "für Arbeit, das Jobcenter oder direkt beim Kursträger.",
        translations={
            "de-easy": (
                "Deutsch lernen bei der Arbeit",
                "Es gibt Deutschkurse für den Beruf. Die Kurse sind auch am Abend.",
                "current",
            ),
            "fa": (
                "یادگیری آلمانی در کنار کار: دوره‌های زبان حرفه‌ای",
                "دوره‌های زبان حرفه‌ای بر پایه دوره ادغام هستند.",
                "current",
            ),
            "ar": (
                "تعلّم الألمانية بجانب العمل: دورات اللغة المهنية",
                "تعتمد دورات اللغة المهنية على دورة الاندماج.",
                "current",
            ),
        },
    ),
    DemoArticle(
        "foerderung",
        "office",
        "guide",
        "public",
        ("funding", "hiring"),
        ("employers",),
        "Förderung bei der Einstellung: Eingliederungszuschuss und Einstiegsqualifizierung",
        "Welche Zuschüsse Betriebe beantragen können.",
        "Der Eingliederungszuschuss gleicht eine anfangs geringere Leistung aus. Die "
        "Einstiegsqualifizierung ist ein bezahltes Langzeitpraktikum von sechs bis zwölf Monaten, "
        "das auf eine Ausbildung vorbereitet.\n\nStellen Sie den Antrag vor Beginn der "
        "Beschäftigung beim Arbeitgeber-Service der Agentur für Arbeit.",
        translations={
            "en": (
                "Funding for hiring: wage subsidies and entry qualification",
                "The integration subsidy compensates for lower performance at the start.",
                "outdated",
            ),
        },
    ),
    DemoArticle(
        "eq-erfahrungen",
        "backstube",
        "case_story",
        "organisation",
        ("training",),
        ("counsellors",),
        "Unsere Erfahrungen mit der Einstiegsqualifizierung",
        "Interne Notizen für das Team der Backstube.",
        "Drei Einstiegsqualifizierungen in zwei Jahren: zwei wurden in eine Ausbildung "
        "übernommen. Wichtig war ein fester Wochenplan mit Berufsschultagen.",
    ),
    DemoArticle(
        "migrationspaket",
        "office",
        "legal_briefing",
        "members",
        ("residence_law",),
        ("counsellors",),
        "Neuerungen durch das Migrationspaket",
        "Was sich für Beratung und Betriebe ändert (Entwurf zur Prüfung).",
        "Die Neuregelungen betreffen unter anderem die Härtefallkommissionen und den Zugang zur "
        "Beschäftigung. Dieser Entwurf wird vor der Veröffentlichung juristisch geprüft.",
        status="review",
    ),
    DemoArticle(
        "pruefer-kenntnispruefung",
        "office",
        "faq",
        "public",
        ("recognition",),
        ("participants",),
        "Frag den Prüfer: Wie läuft eine Kenntnisprüfung ab?",
        "Entwurf.",
        "Die Kenntnisprüfung prüft, ob Ihre Kenntnisse einem deutschen Abschluss gleichwertig "
        "sind. Sie besteht oft aus einem praktischen und einem mündlichen Teil.",
        status="draft",
    ),
]


def _organisation_of(user: User, kind: str) -> Organisation:
    role = Role.objects.select_related("organisation").get(user=user, kind=kind)
    return role.organisation


def load(rng: random.Random) -> None:
    services.vocabulary_import()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    admin = User.objects.filter(email=BACKSTUBE_ADMIN).first()
    if coordinator is None or admin is None:
        return
    office = _organisation_of(coordinator, RoleKind.COORDINATOR)
    backstube = _organisation_of(admin, RoleKind.ORG_ADMIN)
    for email, languages in ((COUNSELLOR, ["ar", "fa", "ti"]), (STAFF, ["uk", "de-easy"])):
        translator = User.objects.filter(email=email).first()
        if (
            translator is not None
            and not TranslatorProfile.objects.filter(user=translator).exists()
        ):
            services.translator_profile_update(actor=translator, languages=languages)
    if Article.objects.filter(organisation__in=[office, backstube]).exists():
        return
    for item in ARTICLES:
        author = coordinator if item.by == "office" else admin
        article = services.article_create(
            actor=author,
            organisation=office if item.by == "office" else backstube,
            kind=item.kind,
            visibility=item.visibility,
            topics=item.topics,
            audiences=item.audiences,
            title=item.title,
            summary=item.summary,
            body=item.body,
        )
        for language, (title, body, state) in item.translations.items():
            services.translation_save(
                actor=None,
                article=article,
                language=language,
                title=title,
                body=body,
                machine=state == "machine",
            )
        if any(state == "outdated" for _t, _b, state in item.translations.values()):
            # The German source changed after these translations were made.
            services.article_update(
                actor=author,
                article=article,
                data={
                    "body": item.body + "\n\nStand: aktualisiert nach Hinweisen aus der Beratung."
                },
            )
            for language, (title, body, state) in item.translations.items():
                if state != "outdated":
                    services.translation_save(
                        actor=None,
                        article=article,
                        language=language,
                        title=title,
                        body=body,
                        machine=state == "machine",
                    )
        if item.status in ("review", "published"):
            article = services.article_submit(actor=author, article=article)
        if item.status == "published":
            services.article_publish(actor=coordinator, article=article)
