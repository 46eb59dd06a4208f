"""English and Arabic versions of the demo pages, made with wagtail-localize as an editor would.

Each translated page gets a ``TranslationSource`` and an enabled ``Translation`` record, and
every text segment of the German page a manual ``StringTranslation``, so editors see the
translation in wagtail-localize's editor and can sync it when the German page changes.
Slugs stay German, so `/ar/aktuelles/` mirrors `/aktuelles/`.
"""

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, validate_translation_links

__all__ = ["DEMO_LANGUAGES", "TEXTS", "translate_page"]

#: Languages the demo pages are translated into, in the order of the columns of ``TEXTS``.
DEMO_LANGUAGES = ("en", "ar")

_KAARST_ADDRESS = (
    "Integrationsmanagement Albert-Einstein-Forum Kaarst<br/>Am Schulzentrum 16<br/>41564 Kaarst"
)
_KL_ADDRESS = (
    "Projektbüro Integration und Interkulturelle Angelegenheiten<br/>Rathaus<br/>"
    "Willy-Brandt-Platz 1<br/>67657 Kaiserslautern"
)
_KAARST_ADDRESS_AR = (
    "إدارة الاندماج – منتدى ألبرت أينشتاين كارست<br/>Am Schulzentrum 16<br/>41564 Kaarst"
)
_KL_ADDRESS_EN = (
    "Project Office for Integration and Intercultural Affairs<br/>Town Hall<br/>"
    "Willy-Brandt-Platz 1<br/>67657 Kaiserslautern"
)
_KL_ADDRESS_AR = (
    "مكتب مشروع الاندماج والشؤون بين الثقافات<br/>مبنى البلدية (Rathaus)<br/>"
    "Willy-Brandt-Platz 1<br/>67657 Kaiserslautern"
)

#: German text of a segment → (English, Arabic). Addresses keep the German street and town
#: names, because letters and visitors need them as written.
TEXTS = {
    # --- home pages
    "Albert-Einstein-Forum Kaarst": ("Albert Einstein Forum Kaarst", "منتدى ألبرت أينشتاين كارست"),
    "Das Integrationsmanagement am Albert-Einstein-Forum soll dazu beitragen, dass der beliebte "
    "und bekannte Veranstaltungsort in der Kaarster Innenstadt zu einem "
    "generationsübergreifenden, interkulturellen und überreligiösen Quartiersstützpunkt "
    "qualifiziert wird.": (
        "The integration management at the Albert Einstein Forum turns the well-known venue in "
        "Kaarst's town centre into a neighbourhood base for all generations, cultures and faiths.",
        "تعمل إدارة الاندماج في منتدى ألبرت أينشتاين على تحويل هذا المكان المعروف والمحبوب في وسط "
        "مدينة كارست إلى مركز للحي يجمع الأجيال والثقافات والأديان.",
    ),
    "Sie sind gerne dazu eingeladen, sich hieran zu beteiligen!": (
        "You are warmly invited to take part!",
        "ندعوكم بكل سرور إلى المشاركة!",
    ),
    "Angebote": ("Offers", "العروض"),
    "Beratung, Sprachcafé, Treffpunkte und mehr.": (
        "Counselling, language café, meeting places and more.",
        "استشارات ومقهى اللغة وأماكن لقاء والمزيد.",
    ),
    "Veranstaltungen": ("Events", "الفعاليات"),
    "Termine zum Vormerken.": ("Dates for your diary.", "مواعيد للتذكير."),
    "Mitmachen": ("Get involved", "شارك معنا"),
    "Engagieren Sie sich in der Nachbarschaft.": (
        "Get involved in your neighbourhood.",
        "شارك في العمل من أجل الحي.",
    ),
    "Projektbüro Integration Kaiserslautern": (
        "Integration Project Office Kaiserslautern",
        "مكتب مشروع الاندماج كايزرسلاوترن",
    ),
    "Kaum ein Phänomen hat in den letzten Jahren die politischen Diskussionen, die Medien und "
    "institutionellen Ebenen so nachhaltig bestimmt wie die Themen „Zuwanderung“ und "
    "„Integration“. Das Projektbüro gestaltet die kommunale Schlüsselaufgabe Integration "
    "zusammen mit den anderen Akteuren.": (
        "Few topics have shaped political debate, the media and institutions in recent years as "
        "lastingly as “immigration” and “integration”. The project office shapes integration, a "
        "key task of the city, together with all partners.",
        "قلّما أثّرت قضية في السنوات الأخيرة على النقاش السياسي ووسائل الإعلام والمؤسسات بقدر ما "
        "أثّرت قضيتا «الهجرة» و«الاندماج». يعمل مكتب المشروع مع جميع الشركاء على تشكيل الاندماج "
        "بوصفه مهمة أساسية للمدينة.",
    ),
    # --- legal pages
    "Impressum": ("Legal notice", "بيانات الناشر"),
    "Angaben gemäß § 5 DDG": (
        "Information according to section 5 DDG (German Digital Services Act)",
        "بيانات وفقًا للمادة 5 من قانون الخدمات الرقمية الألماني (DDG)",
    ),
    _KAARST_ADDRESS: (
        "Integration Management Albert Einstein Forum Kaarst<br/>Am Schulzentrum 16<br/>"
        "41564 Kaarst",
        _KAARST_ADDRESS_AR,
    ),
    _KL_ADDRESS: (_KL_ADDRESS_EN, _KL_ADDRESS_AR),
    "Telefon: 0178 9423032<br/>E-Mail: integration@kaarst.example.org": (
        "Phone: 0178 9423032<br/>Email: integration@kaarst.example.org",
        "الهاتف: 0178 9423032<br/>البريد الإلكتروني: integration@kaarst.example.org",
    ),
    "Telefon: 0631 365-0000<br/>E-Mail: integration@kaiserslautern.example.org": (
        "Phone: 0631 365-0000<br/>Email: integration@kaiserslautern.example.org",
        "الهاتف: 0631 365-0000<br/>البريد الإلكتروني: integration@kaiserslautern.example.org",
    ),
    "Verantwortlich für den Inhalt: die Projektleitung.": (
        "Responsible for the content: the project management.",
        "المسؤول عن المحتوى: إدارة المشروع.",
    ),
    "Datenschutzerklärung": ("Privacy policy", "سياسة الخصوصية"),
    "Verantwortliche Stelle": ("Controller", "الجهة المسؤولة"),
    "Integrationsmanagement Albert-Einstein-Forum Kaarst<br/>" + _KAARST_ADDRESS: (
        "Integration Management Albert Einstein Forum Kaarst<br/>Am Schulzentrum 16<br/>"
        "41564 Kaarst",
        _KAARST_ADDRESS_AR,
    ),
    "Projektbüro Integration und Interkulturelle Angelegenheiten Kaiserslautern<br/>"
    + _KL_ADDRESS: (_KL_ADDRESS_EN, _KL_ADDRESS_AR),
    "Kontaktformular": ("Contact form", "نموذج التواصل"),
    "Wenn Sie uns über das Kontaktformular schreiben, speichern wir Ihre Angaben, um Ihre "
    "Anfrage zu bearbeiten (Art. 6 Abs. 1 lit. a DSGVO). IP-Adressen speichern wir dabei "
    "nicht. Sie können Ihre Einwilligung jederzeit widerrufen.": (
        "When you write to us through the contact form, we store your details to deal with your "
        "request (Art. 6(1)(a) GDPR). We do not store IP addresses. You can withdraw your consent "
        "at any time.",
        "عندما تراسلنا عبر نموذج التواصل نحفظ بياناتك لمعالجة طلبك (المادة 6 الفقرة 1 البند أ من "
        "اللائحة العامة لحماية البيانات). لا نحفظ عناوين IP. يمكنك سحب موافقتك في أي وقت.",
    ),
    "Ihre Rechte": ("Your rights", "حقوقك"),
    "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der "
    "Verarbeitung sowie auf Beschwerde bei einer Aufsichtsbehörde.": (
        "You have the right of access, rectification, erasure and restriction of processing, and "
        "the right to lodge a complaint with a supervisory authority.",
        "يحق لك الاطلاع على بياناتك وتصحيحها وحذفها وتقييد معالجتها، كما يحق لك تقديم شكوى إلى "
        "جهة رقابية.",
    ),
    "Erklärung zur Barrierefreiheit": ("Accessibility statement", "بيان إمكانية الوصول"),
    "Integrationsmanagement Albert-Einstein-Forum Kaarst ist bemüht, diese Website im Einklang "
    "mit den Vorschriften zur barrierefreien Informationstechnik zugänglich zu machen. Diese "
    "Erklärung gilt für alle Seiten dieser Website.": (
        "Integrationsmanagement Albert-Einstein-Forum Kaarst strives to make this website "
        "accessible in line with the rules on accessible information technology. This statement "
        "applies to every page of this website.",
        "تسعى إدارة الاندماج في منتدى ألبرت أينشتاين كارست إلى جعل هذا الموقع سهل الوصول وفقًا "
        "لأحكام تقنية المعلومات الخالية من العوائق. ينطبق هذا البيان على جميع صفحات هذا الموقع.",
    ),
    "Projektbüro Integration und Interkulturelle Angelegenheiten Kaiserslautern ist bemüht, "
    "diese Website im Einklang mit den Vorschriften zur barrierefreien Informationstechnik "
    "zugänglich zu machen. Diese Erklärung gilt für alle Seiten dieser Website.": (
        "The Project Office for Integration and Intercultural Affairs Kaiserslautern strives to "
        "make this website accessible in line with the rules on accessible information "
        "technology. This statement applies to every page of this website.",
        "يسعى مكتب مشروع الاندماج والشؤون بين الثقافات في كايزرسلاوترن إلى جعل هذا الموقع سهل "
        "الوصول وفقًا لأحكام تقنية المعلومات الخالية من العوائق. ينطبق هذا البيان على جميع صفحات "
        "هذا الموقع.",
    ),
    # --- about pages
    "Über das Integrationsmanagement": (
        "About the integration management",
        "عن إدارة الاندماج",
    ),
    "Das Integrationsmanagement am Albert-Einstein-Forum soll dazu beitragen, dass der beliebte "
    "und bekannte Veranstaltungsort in der Kaarster Innenstadt zu einem "
    "generationsübergreifenden, interkulturellen und überreligiösen Quartiersstützpunkt "
    "qualifiziert wird. Der Aufbau eines Integrationsmanagements folgt dem im Integrierten "
    "Entwicklungs- und Handlungskonzept (IEHK) für die Kaarster Innenstadt erhobenen Bedarf nach "
    "einem mehrgenerativ ausgerichteten, zentralen Treffpunkt.": (
        "The integration management at the Albert Einstein Forum helps to turn the popular, "
        "well-known venue in Kaarst's town centre into a neighbourhood base for all generations, "
        "cultures and faiths. It answers the need for a central meeting point for all ages that "
        "the Integrated Development and Action Plan (IEHK) for Kaarst's town centre identified.",
        "تسهم إدارة الاندماج في منتدى ألبرت أينشتاين في تحويل هذا المكان المحبوب والمعروف في وسط "
        "مدينة كارست إلى مركز للحي يجمع الأجيال والثقافات والأديان. وهي تلبي الحاجة إلى نقطة لقاء "
        "مركزية لجميع الأعمار، التي حددها مفهوم التطوير والعمل المتكامل (IEHK) لوسط مدينة كارست.",
    ),
    "In Zusammenarbeit mit der Stadt Kaarst und Einrichtungen sowie Bewohner/innen der Kaarster "
    "Innenstadt wird ab dem Sommer 2020 der Treff und entsprechende Angebote aufgebaut.": (
        "From summer 2020 the meeting point and its offers are being built up together with the "
        "town of Kaarst, local institutions and the residents of the town centre.",
        "منذ صيف 2020 يجري إنشاء نقطة اللقاء وعروضها بالتعاون مع مدينة كارست والمؤسسات المحلية "
        "وسكان وسط المدينة.",
    ),
    "Aufgabe": ("Our task", "مهمتنا"),
    "Aufbau einer sozial-kulturellen Infrastruktur und einer nachbarschaftlichen Alltagskultur": (
        "building a social and cultural infrastructure and an everyday culture of good "
        "neighbourliness",
        "بناء بنية تحتية اجتماعية وثقافية وثقافة جوار يومية",
    ),
    "Sicherstellung und Organisation einer professionellen Begleitung, die eine soziale "
    "Entwicklung im Stadtteil aufbaut und unterstützt": (
        "organising professional support that builds up and sustains social development in the "
        "district",
        "ضمان وتنظيم مرافقة مهنية تبني التنمية الاجتماعية في الحي وتدعمها",
    ),
    "Organisation und Einrichtung der zentralen Anlaufstelle vor Ort": (
        "setting up and running the central local contact point",
        "تنظيم وإنشاء نقطة الاتصال المركزية في الموقع",
    ),
    "fachliche Hilfe für Bürgerinnen und Bürger im Engagement für ihren Stadtteil": (
        "expert help for residents who get involved in their district",
        "مساعدة متخصصة للمواطنات والمواطنين الملتزمين بخدمة حيّهم",
    ),
    "Beratung und Unterstützung der Bewohnerschaft in der Selbstorganisation": (
        "advice and support for residents who organise themselves",
        "تقديم المشورة والدعم للسكان في التنظيم الذاتي",
    ),
    "Kooperation mit dem Citymanager und anderen Stellen und Ämtern": (
        "cooperation with the town centre manager and other offices and authorities",
        "التعاون مع مدير وسط المدينة والجهات والدوائر الأخرى",
    ),
    "Aufbau von lokalen Vernetzungsstrukturen und Entwicklung stadtteilbezogener "
    "Kommunikationsstrukturen": (
        "building local networks and developing communication channels for the district",
        "بناء شبكات محلية وتطوير قنوات تواصل خاصة بالحي",
    ),
    "Zielgruppe": ("Who it is for", "الفئة المستهدفة"),
    "Das Angebot richtet sich explizit an alle Bewohner/innen der Kaarster Innenstadt und "
    "weitere Menschen und Einrichtungen, die an einer Etablierung einer Nachbarschaftskultur in "
    "der Kaarster Innenstadt interessiert sind.": (
        "The offer is explicitly meant for all residents of Kaarst's town centre and for everyone "
        "and every institution interested in building a neighbourhood culture there.",
        "يتوجه العرض صراحةً إلى جميع سكان وسط مدينة كارست وإلى كل الأشخاص والمؤسسات المهتمين "
        "بترسيخ ثقافة الجوار فيه.",
    ),
    "Farbfläche in der Farbe des Projekts kaarst": (
        "Coloured area in the colour of the Kaarst project",
        "مساحة ملونة بلون مشروع كارست",
    ),
    "Farbfläche in der Farbe des Projekts kaiserslautern": (
        "Coloured area in the colour of the Kaiserslautern project",
        "مساحة ملونة بلون مشروع كايزرسلاوترن",
    ),
    "Ansprechpersonen": ("Contact persons", "جهات الاتصال"),
    "Zum Herunterladen": ("Downloads", "للتنزيل"),
    "Kontakt aufnehmen": ("Get in touch", "تواصل معنا"),
    "Über das Projektbüro": ("About the project office", "عن مكتب المشروع"),
    "Kaum ein Phänomen hat in den letzten Jahren die politischen Diskussionen, die Medien und "
    "institutionellen Ebenen bis heute so nachhaltig bestimmt und soziale Fragestellungen "
    "aufgeworfen wie das Thema „Zuwanderung“ und „Integration“.": (
        "Few topics have shaped political debate, the media and institutions in recent years as "
        "lastingly, or raised as many social questions, as “immigration” and “integration”.",
        "قلّما أثّرت قضية في السنوات الأخيرة على النقاش السياسي ووسائل الإعلام والمؤسسات، وأثارت "
        "أسئلة اجتماعية، بقدر ما فعلت قضيتا «الهجرة» و«الاندماج».",
    ),
    "Dies erfordert entsprechende Reaktionen, eine nachhaltige Orientierung und Bereitstellung "
    "von Ressourcen. In seiner Laufzeit soll das Projektbüro Antworten auf diese "
    "Herausforderungen finden und mit konkreten Schritten die kommunale Schlüsselaufgabe "
    "Integration zusammen mit den anderen Akteuren gestalten helfen. Die Leitung des "
    "Projektbüros hat Alexander Pongrácz.": (
        "This calls for fitting responses, a lasting direction and resources. During its term "
        "the project office is to find answers to these challenges and, with concrete steps, "
        "help shape integration, a key task of the city, together with all partners. The "
        "project office is headed by Alexander Pongrácz.",
        "يتطلب ذلك استجابات مناسبة وتوجهًا مستدامًا وتوفير الموارد. خلال مدة عمله يسعى مكتب "
        "المشروع إلى إيجاد إجابات لهذه التحديات والمساعدة بخطوات ملموسة في تشكيل الاندماج "
        "بوصفه مهمة أساسية للمدينة بالتعاون مع الجهات الأخرى. يرأس مكتب المشروع "
        "ألكسندر بونغراتس.",
    ),
    "Integrationsmonitoring": ("Integration monitoring", "رصد الاندماج"),
    "Frau Disch baut für die Stadt Kaiserslautern ein Integrationsmonitoring auf. Aus einer "
    "großen Menge an Daten müssen die erkannt, bezogen und aufbereitet werden, welche für den "
    "Prozess der Integration in unserer Stadt von Bedeutung sind. Durch Indikatoren gestützt, "
    "sollen belastbare Aussagen und Prognosen hinsichtlich der Entwicklung und Bedarfe in der "
    "Integrationsarbeit abgeleitet werden können.": (
        "Ms Disch is setting up integration monitoring for the city of Kaiserslautern. From a "
        "large amount of data, those that matter for integration in our city have to be "
        "identified, obtained and prepared. Based on indicators, they are to allow sound "
        "statements and forecasts about developments and needs in integration work.",
        "تعمل السيدة ديش على إنشاء نظام لرصد الاندماج لمدينة كايزرسلاوترن. ومن كمّ كبير من "
        "البيانات يجب تحديد البيانات المهمة لعملية الاندماج في مدينتنا والحصول عليها وإعدادها. "
        "وبالاستناد إلى مؤشرات، يُراد استخلاص تقديرات وتوقعات موثوقة حول تطور العمل في مجال "
        "الاندماج واحتياجاته.",
    ),
    "Ehrenamtskoordination": ("Volunteer coordination", "تنسيق العمل التطوعي"),
    "Das Engagement vieler Menschen als Ehrenamtliche ist nicht nur im Bereich der "
    "Flüchtlingsunterstützung ein unbezahlbares, wertvolles Gut. Mit der koordinierenden "
    "Unterstützung ist Frau Duran betraut. Das Qualifizieren von Ehrenamtlichen ist dabei "
    "ebenso wichtig wie die Förderung ehrenamtlicher Aktivitäten.": (
        "The commitment of many volunteers is invaluable, and not only in supporting refugees. "
        "Ms Duran coordinates this support. Training volunteers matters as much as promoting "
        "voluntary activities.",
        "إن التزام كثير من الناس بالعمل التطوعي كنز ثمين لا يقدَّر بثمن، وليس فقط في مجال دعم "
        "اللاجئين. وتتولى السيدة دوران تنسيق هذا الدعم. ويُعدّ تأهيل المتطوعين بالأهمية نفسها "
        "التي يحظى بها تشجيع الأنشطة التطوعية.",
    ),
    "Öffentlichkeitsarbeit": ("Public relations", "العلاقات العامة"),
    "In der Öffentlichkeitsarbeit geht es in erster Linie um den sinnvollen Einsatz der sozialen "
    "Medien. Die Internetseite, die Facebook-Seite und zukünftig eine App sollen "
    "zielgruppengerecht informieren und Kommunikation ermöglichen.": (
        "Public relations is above all about using social media well. The website, the Facebook "
        "page and, in future, an app are to inform each audience in a suitable way and make "
        "conversation possible.",
        "تتمحور العلاقات العامة قبل كل شيء حول الاستخدام الهادف لوسائل التواصل الاجتماعي. "
        "فالموقع الإلكتروني وصفحة فيسبوك، وتطبيق في المستقبل، تهدف إلى إعلام كل فئة بما يناسبها "
        "وإتاحة التواصل.",
    ),
    # --- news
    "Aktuelles": ("News", "الأخبار"),
    "Neuigkeiten aus dem Projekt.": ("News from the project.", "أخبار المشروع."),
    "Informationen zu den Auftaktveranstaltungen": (
        "Information on the kickoff events",
        "معلومات عن الفعاليات الافتتاحية",
    ),
    "Alle Informationen zu den Auftaktveranstaltungen folgen in Kürze an dieser Stelle.": (
        "All information on the kickoff events will follow here shortly.",
        "ستُنشر هنا قريبًا جميع المعلومات عن الفعاليات الافتتاحية.",
    ),
    "Das Projektbüro auf Facebook": (
        "The project office on Facebook",
        "مكتب المشروع على فيسبوك",
    ),
    "Neuigkeiten aus dem Projektbüro gibt es jetzt auch auf unserer Facebook-Seite.": (
        "News from the project office is now also on our Facebook page.",
        "أصبحت أخبار مكتب المشروع متاحة الآن أيضًا على صفحتنا في فيسبوك.",
    ),
    # --- events
    "Termine zum Vormerken – auch als Kalender zum Abonnieren.": (
        "Dates for your diary – also as a calendar to subscribe to.",
        "مواعيد للتذكير – ويمكن الاشتراك فيها كتقويم أيضًا.",
    ),
    "Interkulturelles Sommerfest": ("Intercultural summer festival", "مهرجان الصيف بين الثقافات"),
    "Interkulturelles Sommerfest – alle sind herzlich eingeladen.": (
        "Intercultural summer festival – everyone is warmly invited.",
        "مهرجان الصيف بين الثقافات – الجميع مدعوون بكل ترحاب.",
    ),
    "Interkulturelles Sommerfest: Wir freuen uns auf Ihren Besuch.": (
        "Intercultural summer festival: we look forward to seeing you.",
        "مهرجان الصيف بين الثقافات: يسعدنا حضوركم.",
    ),
    "Albert-Einstein-Forum, Vorplatz": (
        "Albert Einstein Forum, forecourt",
        "منتدى ألبرت أينشتاين، الساحة الأمامية",
    ),
    "kostenlos": ("free of charge", "مجانًا"),
    "Integrationsmanagement Albert-Einstein-Forum Kaarst": (
        "Integration Management Albert Einstein Forum Kaarst",
        "إدارة الاندماج – منتدى ألبرت أينشتاين كارست",
    ),
    "Vorstellung des Integrationsberichts": (
        "Presentation of the integration report",
        "عرض تقرير الاندماج",
    ),
    "Vorstellung des Integrationsberichts – alle sind herzlich eingeladen.": (
        "Presentation of the integration report – everyone is warmly invited.",
        "عرض تقرير الاندماج – الجميع مدعوون بكل ترحاب.",
    ),
    "Vorstellung des Integrationsberichts: Wir freuen uns auf Ihren Besuch.": (
        "Presentation of the integration report: we look forward to seeing you.",
        "عرض تقرير الاندماج: يسعدنا حضوركم.",
    ),
    "Rathaus, Großer Ratssaal": (
        "Town Hall, Great Council Chamber",
        "مبنى البلدية، قاعة المجلس الكبرى",
    ),
    "Anmeldung erbeten": ("Please register", "يُرجى التسجيل"),
    "Projektbüro Integration und Interkulturelle Angelegenheiten Kaiserslautern": (
        "Project Office for Integration and Intercultural Affairs Kaiserslautern",
        "مكتب مشروع الاندماج والشؤون بين الثقافات كايزرسلاوترن",
    ),
    # --- offers
    "Beratung, Sprachkurse, Treffpunkte und Angebote für Kinder.": (
        "Counselling, language courses, meeting places and activities for children.",
        "استشارات ودورات لغة وأماكن لقاء وأنشطة للأطفال.",
    ),
    "Offene Sprechstunde": ("Open consultation hours", "ساعات استشارة مفتوحة"),
    "Fragen zum Stadtteil, zu Angeboten und zum Engagement – ohne Anmeldung.": (
        "Questions about the district, our offers and getting involved – no appointment needed.",
        "أسئلة حول الحي والعروض والمشاركة التطوعية – دون تسجيل مسبق.",
    ),
    "Sprachcafé": ("Language café", "مقهى اللغة"),
    "Deutsch sprechen üben bei Kaffee und Tee.": (
        "Practise speaking German over coffee and tea.",
        "تدرّب على التحدث بالألمانية مع القهوة والشاي.",
    ),
    "Beratung für Ehrenamtliche": ("Advice for volunteers", "استشارات للمتطوعين"),
    "Wo kann ich mich engagieren? Persönliche Beratung im Projektbüro.": (
        "Where can I get involved? Personal advice at the project office.",
        "أين يمكنني التطوع؟ استشارة شخصية في مكتب المشروع.",
    ),
    "Projektbüro Integration und Interkulturelle Angelegenheiten": (
        "Project Office for Integration and Intercultural Affairs",
        "مكتب مشروع الاندماج والشؤون بين الثقافات",
    ),
    "Interkultureller Frauentreff": ("Intercultural women's meeting", "لقاء النساء بين الثقافات"),
    "Begegnung, Austausch und gemeinsame Ausflüge.": (
        "Meeting, sharing and trips together.",
        "لقاء وتبادل ورحلات مشتركة.",
    ),
    # --- team, contact, partner map, survey
    "Team": ("Team", "فريق العمل"),
    "Wir sind für Sie da.": ("We are here for you.", "نحن هنا من أجلكم."),
    "Kontakt": ("Contact", "التواصل"),
    "Neue Nachricht über das Kontaktformular": (
        "New message through the contact form",
        "رسالة جديدة عبر نموذج التواصل",
    ),
    "Möchten Sie sich ehrenamtlich engagieren oder etwas spenden? Dann schreiben Sie uns über "
    "dieses Formular, eine Mail oder rufen Sie uns an.": (
        "Would you like to volunteer or donate something? Then write to us through this form or "
        "by email, or give us a call.",
        "هل ترغب في التطوع أو التبرع بشيء؟ راسلنا عبر هذا النموذج أو بالبريد الإلكتروني، أو اتصل "
        "بنا هاتفيًا.",
    ),
    "Vielen Dank für Ihre Nachricht! Wir melden uns bald bei Ihnen.": (
        "Thank you for your message! We will get back to you soon.",
        "شكرًا جزيلًا على رسالتك! سنتواصل معك قريبًا.",
    ),
    # the contact form's fields (choices one per line, as wagtail-localize shows them)
    "Name": ("Name", "الاسم"),
    "E-Mail": ("Email", "البريد الإلكتروني"),
    "Telefon": ("Phone", "الهاتف"),
    "Anliegen": ("Your request", "موضوع الرسالة"),
    "Ehrenamtlich engagieren<br/>Spenden<br/>Frage<br/>Barrierefreiheit<br/>Sonstiges": (
        "Volunteering<br/>Donating<br/>Question<br/>Accessibility<br/>Other",
        "التطوع<br/>التبرع<br/>سؤال<br/>إمكانية الوصول<br/>أمر آخر",
    ),
    "Nachricht": ("Message", "الرسالة"),
    "Partnerkarte": ("Partner map", "خريطة الشركاء"),
    "Diese Organisationen arbeiten mit uns im Netzwerk zusammen und haben zugestimmt, hier zu "
    "erscheinen. Die Karte zeigt, wer mit wem kooperiert; die Tabelle darunter enthält dieselben "
    "Angaben.": (
        "These organisations work with us in the network and have agreed to appear here. The map "
        "shows who cooperates with whom; the table below holds the same information.",
        "تعمل هذه المنظمات معنا في الشبكة ووافقت على الظهور هنا. تبيّن الخريطة من يتعاون مع من، "
        "ويحتوي الجدول أدناه على المعلومات نفسها.",
    ),
    "Beteiligung": ("Have your say", "المشاركة"),
}


def _valid_translation(german, data):
    """What wagtail-localize checks when it saves a translated string (markup and links)."""
    try:
        StringValue.from_translated_html(data)
        validate_translation_links(german, data)
    except ValueError:
        return False
    return True


def translate_page(page, language_code, texts=None):
    """The page's translation into ``language_code``, created once with wagtail-localize.

    Returns ``(translated_page, created)``. An existing translation is left as it is, so a
    second run changes nothing. Every text segment must have its translation in ``texts``
    (German → tuple in the order of :data:`DEMO_LANGUAGES`); slugs are kept.
    """
    texts = TEXTS if texts is None else texts
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    page = page.specific
    column = DEMO_LANGUAGES.index(language_code)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [
        s.string.data for s in segments if s.context.path != "slug" and s.string.data not in texts
    ]
    if missing:
        raise KeyError(f"no {language_code} text for {missing!r} ({page.url_path})")
    done = set(
        StringTranslation.objects.filter(
            locale=locale, translation_of__in=[s.string_id for s in segments]
        ).values_list("translation_of_id", "context_id")
    )
    missing = {}
    for segment in segments:
        if (segment.string_id, segment.context_id) in done:
            continue
        german = segment.string.data
        data = german if segment.context.path == "slug" else texts[german][column]
        missing[segment.string_id, segment.context_id] = StringTranslation(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            has_error=not _valid_translation(german, data),
        )
    # In one query; the check StringTranslation.save() makes is done above.
    StringTranslation.objects.bulk_create(missing.values())
    # Saved as a draft, then published at once (wagtail-localize would publish only when the
    # surrounding transaction commits).
    translated, _created = source.create_or_update_translation(locale, publish=False)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated.specific, True


def translate_below_translated_parent(page, language_codes=None):
    """Translate ``page`` into each language its parent page is already translated into.

    Demo hooks place pages below a site's home page; on a site whose home page has no
    translation into a language (a site set up by hand, a test) that language is left out.
    """
    parent = page.get_parent()
    codes = DEMO_LANGUAGES if language_codes is None else language_codes
    translated = []
    for code in codes:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None and parent.get_translation_or_none(locale) is not None:
            translated.append(translate_page(page, code)[0])
    return translated
