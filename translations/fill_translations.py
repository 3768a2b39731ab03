#!/usr/bin/env python3
"""Writes the German and Arabic translations into translations/craftchat_{de,ar}.ts.

Run after lupdate (translations/update.sh does both). Every source string must have an
entry below; the script fails on a missing one, so the .ts files stay complete."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# source -> (German, Arabic). Plural entries: (German [one, other], Arabic [zero, one, two, few, many, other]).
T = {
    # Demo content (screenshot mode)
    "Mia Hoffmann": ("Mia Hoffmann", "ميا هوفمان"),
    "Carl Becker": ("Carl Becker", "كارل بيكر"),
    "Sofia Marino": ("Sofia Marino", "صوفيا مارينو"),
    "Jonas Weber": ("Jonas Weber", "يوناس فيبر"),
    "Lea Schmidt": ("Lea Schmidt", "ليا شميت"),
    "Tom Richter": ("Tom Richter", "توم ريشتر"),
    "Anna Keller": ("Anna Keller", "آنا كيلر"),
    "Kitchen wiring": ("Küchenelektrik", "تمديدات المطبخ الكهربائية"),
    "Great, see you Thursday at 9!": ("Super, bis Donnerstag um 9!", "رائع، نراك يوم الخميس الساعة 9!"),
    "Bathroom tiles": ("Badfliesen", "بلاط الحمّام"),
    "I can bring samples of the grey tiles.": ("Ich kann Muster der grauen Fliesen mitbringen.", "يمكنني إحضار عينات من البلاط الرمادي."),
    "Roof repair": ("Dachreparatur", "إصلاح السطح"),
    "The quote is attached.": ("Das Angebot ist im Anhang.", "عرض السعر مرفق."),
    "Garden fence": ("Gartenzaun", "سياج الحديقة"),
    "Thanks for the quick help!": ("Danke für die schnelle Hilfe!", "شكرًا على المساعدة السريعة!"),
    "Garage lights": ("Garagenbeleuchtung", "إضاءة المرآب"),
    "Could you also check the fuse box?": ("Könnten Sie auch den Sicherungskasten prüfen?", "هل يمكنك أيضًا فحص علبة المصاهر؟"),
    "Office sockets": ("Büro-Steckdosen", "مقابس المكتب"),
    "Invoice received, thank you.": ("Rechnung erhalten, danke.", "وصلت الفاتورة، شكرًا لك."),
    "Hello Carl, the kitchen needs four new sockets and a line for the oven.":
        ("Hallo Carl, die Küche braucht vier neue Steckdosen und eine Leitung für den Herd.",
         "مرحبًا كارل، يحتاج المطبخ إلى أربعة مقابس جديدة وخط للفرن."),
    "Hello Mia! That is no problem. Could you send me a photo of the wall?":
        ("Hallo Mia! Das ist kein Problem. Können Sie mir ein Foto der Wand schicken?",
         "مرحبًا ميا! لا مشكلة في ذلك. هل يمكنك إرسال صورة للجدار؟"),
    "Thanks. I can do it on Thursday morning, it takes about four hours.":
        ("Danke. Ich kann es am Donnerstagvormittag machen, es dauert etwa vier Stunden.",
         "شكرًا. يمكنني القيام بذلك صباح الخميس، ويستغرق نحو أربع ساعات."),
    "The material costs around 180 €.": ("Das Material kostet etwa 180 €.", "تكلفة المواد نحو 180 يورو."),
    "Should I clear the cupboards before?": ("Soll ich die Schränke vorher ausräumen?", "هل أفرغ الخزائن قبل ذلك؟"),
    # Relative times
    "%n min": (["%n Min.", "%n Min."], ["%n دقيقة", "دقيقة واحدة", "دقيقتان", "%n دقائق", "%n دقيقة", "%n دقيقة"]),
    "now": ("jetzt", "الآن"),
    "Today": ("Heute", "اليوم"),
    "Yesterday": ("Gestern", "أمس"),
    # Host and session
    "The server is not running.": ("Der Server läuft nicht.", "الخادم لا يعمل."),
    "The server sent an unexpected answer.": ("Der Server hat eine unerwartete Antwort gesendet.", "أرسل الخادم ردًا غير متوقع."),
    "Cannot reach the server (%1).": ("Der Server ist nicht erreichbar (%1).", "تعذّر الوصول إلى الخادم (%1)."),
    "The server answered with status %1.": ("Der Server antwortete mit Status %1.", "ردّ الخادم بالحالة %1."),
    "The server could not start: %1": ("Der Server konnte nicht starten: %1", "تعذّر تشغيل الخادم: %1"),
    "Your session has expired. Please sign in again.": ("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.", "انتهت صلاحية جلستك. يرجى تسجيل الدخول مرة أخرى."),
    "The server did not accept your session. Please sign in again.": ("Der Server hat Ihre Sitzung nicht akzeptiert. Bitte melden Sie sich erneut an.", "لم يقبل الخادم جلستك. يرجى تسجيل الدخول مرة أخرى."),
    "Hosting: %1": ("Server läuft: %1", "الاستضافة: %1"),
    "The photo is larger than 5 MB.": ("Das Foto ist größer als 5 MB.", "حجم الصورة أكبر من 5 ميغابايت."),
    "Cannot read %1.": ("%1 kann nicht gelesen werden.", "تعذّرت قراءة %1."),
    "Cannot keep a copy of %1 for sending.": ("Von %1 kann keine Kopie zum Senden angelegt werden.", "تعذّر حفظ نسخة من %1 لإرسالها."),
    "The photo to send can no longer be read.": ("Das zu sendende Foto kann nicht mehr gelesen werden.", "لم تعد قراءة الصورة المراد إرسالها ممكنة."),
    "The server refused the photo.": ("Der Server hat das Foto abgelehnt.", "رفض الخادم الصورة."),
    "Photo": ("Foto", "صورة"),
    "New chat": ("Neuer Chat", "محادثة جديدة"),
    "Someone started a chat with you.": ("Jemand hat einen Chat mit Ihnen begonnen.", "بدأ شخص ما محادثة معك."),
    "%1 started a chat with you.": ("%1 hat einen Chat mit Ihnen begonnen.", "بدأ %1 محادثة معك."),
    "Someone": ("Jemand", "شخص ما"),
    "%1 is typing…": ("%1 schreibt…", "%1 يكتب…"),
    "Craftsman": ("Handwerker", "حِرفي"),
    "Client": ("Kunde", "عميل"),
    "Administrator": ("Administrator", "مدير النظام"),
    "typing…": ("schreibt…", "يكتب…"),
    "No messages yet": ("Noch keine Nachrichten", "لا توجد رسائل بعد"),
    "You: %1": ("Sie: %1", "أنت: %1"),
    "%n unread": (["%n ungelesen", "%n ungelesen"], ["لا رسائل غير مقروءة", "رسالة واحدة غير مقروءة", "رسالتان غير مقروءتين", "%n رسائل غير مقروءة", "%n رسالة غير مقروءة", "%n رسالة غير مقروءة"]),
    "Search chats (Ctrl+K)": ("Chats durchsuchen (Strg+K)", "البحث في المحادثات (Ctrl+K)"),
    "Search chats": ("Chats durchsuchen", "البحث في المحادثات"),
    "Chats": ("Chats", "المحادثات"),
    "Start a chat with a craftsman (Ctrl+N)": ("Einen Chat mit einem Handwerker beginnen (Strg+N)", "بدء محادثة مع حِرفي (Ctrl+N)"),
    "No chats yet.": ("Noch keine Chats.", "لا توجد محادثات بعد."),
    "You are sending too fast. Try again in a minute.": ("Sie senden zu schnell. Versuchen Sie es in einer Minute erneut.", "أنت ترسل بسرعة كبيرة. حاول مرة أخرى بعد دقيقة."),
    "You cannot write in this chat.": ("Sie können in diesem Chat nicht schreiben.", "لا يمكنك الكتابة في هذه المحادثة."),
    "The message was refused.": ("Die Nachricht wurde abgelehnt.", "رُفضت الرسالة."),
    "The server could not store the message.": ("Der Server konnte die Nachricht nicht speichern.", "تعذّر على الخادم حفظ الرسالة."),
    "Sending failed.": ("Senden fehlgeschlagen.", "فشل الإرسال."),
    "Attach a photo (Ctrl+Shift+A)": ("Foto anhängen (Strg+Umschalt+A)", "إرفاق صورة (Ctrl+Shift+A)"),
    "Attach a photo": ("Foto anhängen", "إرفاق صورة"),
    "Ctrl+Shift+A": ("Ctrl+Shift+A", "Ctrl+Shift+A"),
    "Send (Enter)": ("Senden (Eingabetaste)", "إرسال (Enter)"),
    "Send": ("Senden", "إرسال"),
    "Characters left": ("Verbleibende Zeichen", "الأحرف المتبقية"),
    "%1 / %2": ("%1 / %2", "%1 / %2"),
    "Write a message…": ("Nachricht schreiben…", "اكتب رسالة…"),
    "Message": ("Nachricht", "الرسالة"),
    "Connected": ("Verbunden", "متصل"),
    "Connecting…": ("Verbinde…", "جارٍ الاتصال…"),
    "Reconnecting in %n s": (["Neuer Versuch in %n s", "Neuer Versuch in %n s"], ["إعادة الاتصال الآن", "إعادة الاتصال خلال ثانية", "إعادة الاتصال خلال ثانيتين", "إعادة الاتصال خلال %n ثوانٍ", "إعادة الاتصال خلال %n ثانية", "إعادة الاتصال خلال %n ثانية"]),
    "Reconnecting…": ("Verbindung wird wiederhergestellt…", "جارٍ إعادة الاتصال…"),
    "Offline": ("Offline", "غير متصل"),
    "Connection: %1": ("Verbindung: %1", "الاتصال: %1"),
    "Chat partner": ("Chatpartner", "الطرف الآخر"),
    "Typing indicator": ("Tippanzeige", "مؤشر الكتابة"),
    "Send a photo": ("Foto senden", "إرسال صورة"),
    "Images (*.png *.jpg *.jpeg *.webp)": ("Bilder (*.png *.jpg *.jpeg *.webp)", "الصور (*.png *.jpg *.jpeg *.webp)"),
    "Messages": ("Nachrichten", "الرسائل"),
    "New messages ↓": ("Neue Nachrichten ↓", "رسائل جديدة ↓"),
    "Jump to new messages": ("Zu neuen Nachrichten springen", "الانتقال إلى الرسائل الجديدة"),
    "Stop server": ("Server stoppen", "إيقاف الخادم"),
    # Backups of the hosted server
    "Back up now…": ("Jetzt sichern…", "نسخ احتياطي الآن…"),
    "Restore…": ("Wiederherstellen…", "استعادة…"),
    "Backup": ("Sicherung", "النسخ الاحتياطي"),
    "Restore": ("Wiederherstellen", "الاستعادة"),
    "The backup failed: %1": ("Die Sicherung ist fehlgeschlagen: %1", "فشل النسخ الاحتياطي: %1"),
    "No backup yet. Back up now to a USB disk or another computer.":
        ("Noch keine Sicherung. Sichern Sie jetzt auf einen USB-Datenträger oder einen anderen Computer.",
         "لا توجد نسخة احتياطية بعد. انسخ الآن إلى قرص USB أو حاسوب آخر."),
    "%n day(s) ago": (["vor %n Tag", "vor %n Tagen"], ["اليوم", "منذ يوم واحد", "منذ يومين", "منذ %n أيام", "منذ %n يومًا", "منذ %n يوم"]),
    "%n hour(s) ago": (["vor %n Stunde", "vor %n Stunden"], ["الآن", "منذ ساعة واحدة", "منذ ساعتين", "منذ %n ساعات", "منذ %n ساعة", "منذ %n ساعة"]),
    "less than an hour ago": ("vor weniger als einer Stunde", "منذ أقل من ساعة"),
    "Warning: the last backup is old (%1, %2). Back up now.":
        ("Achtung: Die letzte Sicherung ist alt (%1, %2). Sichern Sie jetzt.",
         "تنبيه: آخر نسخة احتياطية قديمة (%1، %2). انسخ الآن."),
    "Last backup: %1 (%2).": ("Letzte Sicherung: %1 (%2).", "آخر نسخة احتياطية: %1 (%2)."),
    "A backup is being written…": ("Eine Sicherung wird geschrieben…", "تتم كتابة نسخة احتياطية…"),
    "The last attempt failed: %1": ("Der letzte Versuch ist fehlgeschlagen: %1", "فشلت المحاولة الأخيرة: %1"),
    "Daily backups go to %1.": ("Tägliche Sicherungen gehen nach %1.", "تُحفظ النسخ اليومية في %1."),
    "Stop the server to restore a backup.": ("Stoppen Sie den Server, um eine Sicherung wiederherzustellen.",
                                             "أوقف الخادم لاستعادة نسخة احتياطية."),
    "Folder for backups": ("Ordner für Sicherungen", "مجلد النسخ الاحتياطية"),
    "Restore a backup": ("Sicherung wiederherstellen", "استعادة نسخة احتياطية"),
    "CraftChat backups (craftchat-backup-*.tar)": ("CraftChat-Sicherungen (craftchat-backup-*.tar)",
                                                   "نسخ CraftChat الاحتياطية (craftchat-backup-*.tar)"),
    "Replace the server's data with the backup %1?\n\nEverything written since that backup is no longer shown. The current data folder is kept next to it under a new name.":
        ("Die Daten des Servers durch die Sicherung %1 ersetzen?\n\nAlles, was seit dieser Sicherung geschrieben wurde, "
         "wird nicht mehr angezeigt. Der bisherige Datenordner bleibt unter neuem Namen daneben erhalten.",
         "هل تريد استبدال بيانات الخادم بالنسخة الاحتياطية %1؟\n\nلن يظهر كل ما كُتب بعد هذه النسخة. "
         "يُحتفظ بمجلد البيانات الحالي بجانبه باسم جديد."),
    "Restoring and verifying the backup…": ("Sicherung wird geprüft und wiederhergestellt…", "جارٍ التحقق من النسخة الاحتياطية واستعادتها…"),
    "Stop the server before restoring a backup.": ("Stoppen Sie den Server, bevor Sie eine Sicherung wiederherstellen.",
                                                   "أوقف الخادم قبل استعادة نسخة احتياطية."),
    "Cannot move the data folder %1 aside.": ("Der Datenordner %1 kann nicht beiseitegelegt werden.",
                                              "تعذّر نقل مجلد البيانات %1 جانبًا."),
    "Restored the backup of %1: %2 messages, %3 files. The previous data is kept in %4.":
        ("Sicherung vom %1 wiederhergestellt: %2 Nachrichten, %3 Dateien. Die bisherigen Daten liegen in %4.",
         "تمت استعادة نسخة %1: %2 رسالة، %3 ملفات. البيانات السابقة محفوظة في %4."),
    "The backup was not restored: %1": ("Die Sicherung wurde nicht wiederhergestellt: %1", "لم تتم استعادة النسخة الاحتياطية: %1"),
    "Start server": ("Server starten", "تشغيل الخادم"),
    "Hosted server": ("Eigener Server", "الخادم المستضاف"),
    "This build of CraftChat cannot host a server.": ("Diese Version von CraftChat kann keinen Server bereitstellen.", "لا يمكن لهذا الإصدار من CraftChat استضافة خادم."),
    "The server is stopped. Data folder: %1": ("Der Server ist gestoppt. Datenordner: %1", "الخادم متوقف. مجلد البيانات: %1"),
    "The server is running. Data folder: %1": ("Der Server läuft. Datenordner: %1", "الخادم يعمل. مجلد البيانات: %1"),
    "(no network connection)": ("(keine Netzwerkverbindung)", "(لا يوجد اتصال بالشبكة)"),
    "Other computers connect to: %1": ("Andere Computer verbinden sich mit: %1", "تتصل الأجهزة الأخرى بالعنوان: %1"),
    "Loading photo…": ("Foto wird geladen…", "جارٍ تحميل الصورة…"),
    "Signed in as %1": ("Angemeldet als %1", "تم تسجيل الدخول باسم %1"),
    "Select a chat, or start a new one with Ctrl+N.": ("Wählen Sie einen Chat oder beginnen Sie mit Strg+N einen neuen.", "اختر محادثة، أو ابدأ محادثة جديدة بالضغط على Ctrl+N."),
    "Select a chat to start messaging.": ("Wählen Sie einen Chat, um zu schreiben.", "اختر محادثة لبدء المراسلة."),
    "&Chat": ("&Chat", "ال&محادثة"),
    "&New chat…": ("&Neuer Chat…", "محادثة &جديدة…"),
    "&Find chat": ("Chat &suchen", "&بحث عن محادثة"),
    "Ctrl+K": ("Ctrl+K", "Ctrl+K"),
    "&Write message": ("Nachricht &schreiben", "&كتابة رسالة"),
    "Ctrl+L": ("Ctrl+L", "Ctrl+L"),
    "Go to chat &list": ("Zur Chat&liste", "الانتقال إلى &قائمة المحادثات"),
    "Ctrl+1": ("Ctrl+1", "Ctrl+1"),
    "&Close chat": ("Chat s&chließen", "إ&غلاق المحادثة"),
    "Ctrl+W": ("Ctrl+W", "Ctrl+W"),
    "&Quit": ("&Beenden", "&خروج"),
    "&Account": ("&Konto", "ال&حساب"),
    "Server &monitor": ("Server&monitor", "&مراقبة الخادم"),
    "Ctrl+Shift+M": ("Ctrl+Shift+M", "Ctrl+Shift+M"),
    "&Hosted server…": ("&Eigener Server…", "ال&خادم المستضاف…"),
    "Ctrl+Shift+H": ("Ctrl+Shift+H", "Ctrl+Shift+H"),
    "&Settings…": ("&Einstellungen…", "الإ&عدادات…"),
    "Ctrl+,": ("Ctrl+,", "Ctrl+,"),
    "Sign &out": ("&Abmelden", "تسجيل ال&خروج"),
    "Show CraftChat": ("CraftChat anzeigen", "إظهار CraftChat"),
    "CraftChat (%1)": ("CraftChat (%1)", "CraftChat (%1)"),
    "CraftChat": ("CraftChat", "CraftChat"),
    "Not sent. Click to retry": ("Nicht gesendet. Zum Wiederholen klicken", "لم تُرسل. انقر لإعادة المحاولة"),
    "Search craftsmen by name": ("Handwerker nach Namen suchen", "ابحث عن حِرفي بالاسم"),
    "Search craftsmen": ("Handwerker suchen", "البحث عن حِرفيين"),
    "Craftsmen": ("Handwerker", "الحِرفيون"),
    "e.g. Kitchen tiles (optional)": ("z. B. Küchenfliesen (optional)", "مثال: بلاط المطبخ (اختياري)"),
    "Job title": ("Auftragstitel", "عنوان العمل"),
    "Hello! … (optional)": ("Hallo! … (optional)", "مرحبًا! … (اختياري)"),
    "First message": ("Erste Nachricht", "الرسالة الأولى"),
    "Start chat": ("Chat beginnen", "بدء المحادثة"),
    "&Craftsman": ("&Handwerker", "ال&حِرفي"),
    "&Job title": ("&Auftragstitel", "&عنوان العمل"),
    "First &message": ("Erste &Nachricht", "ال&رسالة الأولى"),
    "CraftChat: %n unread": (["CraftChat: %n ungelesen", "CraftChat: %n ungelesen"], ["CraftChat: لا رسائل غير مقروءة", "CraftChat: رسالة واحدة غير مقروءة", "CraftChat: رسالتان غير مقروءتين", "CraftChat: %n رسائل غير مقروءة", "CraftChat: %n رسالة غير مقروءة", "CraftChat: %n رسالة غير مقروءة"]),
    "Server monitor": ("Servermonitor", "مراقبة الخادم"),
    "Rooms and sockets": ("Räume und Sockets", "الغرف والمقابس"),
    "Summary": ("Zusammenfassung", "الملخص"),
    "Cannot read the server's state: %1": ("Der Serverstatus kann nicht gelesen werden: %1", "تعذّرت قراءة حالة الخادم: %1"),
    "%1 connections, %2 rooms (updated %3)": ("%1 Verbindungen, %2 Räume (aktualisiert %3)", "%1 اتصالات، %2 غرف (آخر تحديث %3)"),
    "Mute desktop notifications": ("Desktop-Benachrichtigungen stummschalten", "كتم إشعارات سطح المكتب"),
    "Settings": ("Einstellungen", "الإعدادات"),
    "System language": ("Systemsprache", "لغة النظام"),
    "Language": ("Sprache", "اللغة"),
    "Follow the system": ("Wie das System", "حسب النظام"),
    "Light": ("Hell", "فاتح"),
    "Dark": ("Dunkel", "داكن"),
    "Theme": ("Design", "المظهر"),
    "A new language applies the next time CraftChat starts.": ("Eine neue Sprache gilt ab dem nächsten Start von CraftChat.", "تُطبّق اللغة الجديدة عند تشغيل CraftChat في المرة القادمة."),
    "&Language": ("&Sprache", "ال&لغة"),
    "&Theme": ("&Design", "ال&مظهر"),
    "Room": ("Raum", "الغرفة"),
    "Sockets": ("Sockets", "المقابس"),
    "Users": ("Benutzer", "المستخدمون"),
    "Welcome to CraftChat": ("Willkommen bei CraftChat", "مرحبًا بك في CraftChat"),
    "Connect to a server": ("Mit einem Server verbinden", "الاتصال بخادم"),
    "Server address, e.g. http://192.168.1.20:3001": ("Serveradresse, z. B. http://192.168.1.20:3001", "عنوان الخادم، مثل http://192.168.1.20:3001"),
    "Server address": ("Serveradresse", "عنوان الخادم"),
    "&Address": ("&Adresse", "ال&عنوان"),
    "Connect": ("Verbinden", "اتصال"),
    "or": ("oder", "أو"),
    "Host a server on this computer": ("Server auf diesem Computer bereitstellen", "استضافة خادم على هذا الحاسوب"),
    "Runs the chat server inside this app. Other computers on your network connect to the address shown after it starts.":
        ("Startet den Chatserver in dieser App. Andere Computer in Ihrem Netzwerk verbinden sich mit der Adresse, die nach dem Start angezeigt wird.",
         "يشغّل خادم المحادثة داخل هذا التطبيق. تتصل الحواسيب الأخرى في شبكتك بالعنوان الذي يظهر بعد التشغيل."),
    "Change server": ("Server wechseln", "تغيير الخادم"),
    "Sign in": ("Anmelden", "تسجيل الدخول"),
    "Create account": ("Konto erstellen", "إنشاء حساب"),
    "Email": ("E-Mail", "البريد الإلكتروني"),
    "Password": ("Passwort", "كلمة المرور"),
    "&Email": ("&E-Mail", "ال&بريد الإلكتروني"),
    "&Password": ("&Passwort", "&كلمة المرور"),
    "Full name": ("Vollständiger Name", "الاسم الكامل"),
    "At least %n characters": (["Mindestens %n Zeichen", "Mindestens %n Zeichen"], ["%n حرف على الأقل", "حرف واحد على الأقل", "حرفان على الأقل", "%n أحرف على الأقل", "%n حرفًا على الأقل", "%n حرف على الأقل"]),
    "I need work done (client)": ("Ich suche Handwerker (Kunde)", "أحتاج إلى إنجاز عمل (عميل)"),
    "I offer work (craftsman)": ("Ich biete Arbeit an (Handwerker)", "أقدّم خدماتي (حِرفي)"),
    "&Full name": ("&Vollständiger Name", "الاسم ال&كامل"),
    "E&mail": ("E-&Mail", "البريد الإل&كتروني"),
    "Pass&word": ("Pass&wort", "كلمة ال&مرور"),
    "Role": ("Rolle", "الدور"),
    "Server: %1": ("Server: %1", "الخادم: %1"),
    "Enter an address like http://192.168.1.20:3001.": ("Geben Sie eine Adresse wie http://192.168.1.20:3001 ein.", "أدخل عنوانًا مثل http://192.168.1.20:3001."),
    "%1 does not look like a CraftChat server.": ("%1 scheint kein CraftChat-Server zu sein.", "لا يبدو أن %1 خادم CraftChat."),
    "Starting the server…": ("Server wird gestartet…", "جارٍ تشغيل الخادم…"),
    "Create the admin account": ("Administratorkonto erstellen", "إنشاء حساب المدير"),
    "This computer is hosting the server. Other computers connect to:": ("Dieser Computer stellt den Server bereit. Andere Computer verbinden sich mit:", "هذا الحاسوب يستضيف الخادم. تتصل الحواسيب الأخرى بالعنوان:"),
    "Enter a valid email address.": ("Geben Sie eine gültige E-Mail-Adresse ein.", "أدخل بريدًا إلكترونيًا صالحًا."),
    "Enter your password.": ("Geben Sie Ihr Passwort ein.", "أدخل كلمة المرور."),
    "Wrong email or password.": ("E-Mail oder Passwort ist falsch.", "البريد الإلكتروني أو كلمة المرور غير صحيحة."),
    "Enter your full name.": ("Geben Sie Ihren vollständigen Namen ein.", "أدخل اسمك الكامل."),
    "Use at least %n characters.": (["Verwenden Sie mindestens %n Zeichen.", "Verwenden Sie mindestens %n Zeichen."], ["استخدم %n حرف على الأقل.", "استخدم حرفًا واحدًا على الأقل.", "استخدم حرفين على الأقل.", "استخدم %n أحرف على الأقل.", "استخدم %n حرفًا على الأقل.", "استخدم %n حرف على الأقل."]),
    "An account with this email already exists.": ("Ein Konto mit dieser E-Mail-Adresse existiert bereits.", "يوجد حساب بهذا البريد الإلكتروني بالفعل."),
    # Issue 12: what the app shows
    "%1 cannot be read.": ("%1 kann nicht gelesen werden.", "لا يمكن قراءة %1."),
    "%1 is too large to send.": ("%1 ist zu groß zum Senden.", "%1 أكبر من أن يُرسل."),
    "%1 is not a photo. CraftChat sends photos (JPEG, PNG, WebP).": ("%1 ist kein Foto. CraftChat sendet Fotos (JPEG, PNG, WebP).", "%1 ليس صورة. يرسل CraftChat الصور (JPEG وPNG وWebP)."),
    "The file is not a photo CraftChat can read.": ("Die Datei ist kein Foto, das CraftChat lesen kann.", "الملف ليس صورة يستطيع CraftChat قراءتها."),
    "The photo is too large to send, even scaled down.": ("Das Foto ist auch verkleinert zu groß zum Senden.", "الصورة كبيرة جدًا حتى بعد تصغيرها."),
    "Server administrator": ("Server-Administrator", "مدير الخادم"),
    "Cannot write %1": ("%1 kann nicht geschrieben werden", "تعذّرت كتابة %1"),
    "Sign out": ("Abmelden", "تسجيل الخروج"),
    "Messages not sent yet: %n. If you sign out now, they are deleted from this computer.": (["Noch nicht gesendete Nachrichten: %n. Wenn Sie sich jetzt abmelden, werden sie von diesem Computer gelöscht.", "Noch nicht gesendete Nachrichten: %n. Wenn Sie sich jetzt abmelden, werden sie von diesem Computer gelöscht."], ["رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب."] * 6),
    "Sign out and delete them": ("Abmelden und löschen", "تسجيل الخروج وحذفها"),
    "The app could not sign in as the server's administrator: %1": ("Die App konnte sich nicht als Administrator des Servers anmelden: %1", "تعذّر على التطبيق تسجيل الدخول كمدير للخادم: %1"),
    "No chat matches “%1”. The search looks at names and job titles.": ("Kein Chat passt zu „%1“. Die Suche berücksichtigt Namen und Auftragstitel.", "لا توجد محادثة تطابق «%1». يبحث البحث في الأسماء وعناوين الأعمال."),
    "The server refused the photo: %1": ("Der Server hat das Foto abgelehnt: %1", "رفض الخادم الصورة: %1"),
    "Photos (*.png *.jpg *.jpeg *.webp)": ("Fotos (*.png *.jpg *.jpeg *.webp)", "الصور (*.png *.jpg *.jpeg *.webp)"),
    "All files (*)": ("Alle Dateien (*)", "كل الملفات (*)"),
    "&Retry sending": ("&Erneut senden", "إعادة الإرسال"),
    "&Delete": ("&Löschen", "حذف"),
    "You are offline. Messages you write are sent when the connection is back.": ("Sie sind offline. Was Sie schreiben, wird gesendet, sobald die Verbindung wieder steht.", "أنت غير متصل. تُرسل الرسائل التي تكتبها عند عودة الاتصال."),
    "Next attempt in %n s.": (["Nächster Versuch in %n s.", "Nächster Versuch in %n s."], ["المحاولة التالية الآن.", "المحاولة التالية خلال ثانية.", "المحاولة التالية خلال ثانيتين.", "المحاولة التالية خلال %n ثوانٍ.", "المحاولة التالية خلال %n ثانية.", "المحاولة التالية خلال %n ثانية."]),
    "Retry now": ("Jetzt versuchen", "أعد المحاولة الآن"),
    "%n new ↓": (["%n neu ↓", "%n neu ↓"], ["%n جديدة ↓"] * 6),
    "Jump to the newest messages (%n unread)": (["Zu den neuesten Nachrichten (%n ungelesen)", "Zu den neuesten Nachrichten (%n ungelesen)"], ["الانتقال إلى أحدث الرسائل (%n غير مقروءة)"] * 6),
    "Not sent": ("Nicht gesendet", "لم تُرسل"),
    "The server did not take the message.": ("Der Server hat die Nachricht nicht angenommen.", "لم يقبل الخادم الرسالة."),
    "Click to retry or delete it.": ("Klicken, um es erneut zu versuchen oder zu löschen.", "انقر لإعادة المحاولة أو للحذف."),
    "Click to delete it.": ("Klicken, um sie zu löschen.", "انقر للحذف."),
    "Photo unavailable": ("Foto nicht verfügbar", "الصورة غير متاحة"),
    "sending": ("wird gesendet", "قيد الإرسال"),
    "not sent: %1": ("nicht gesendet: %1", "لم تُرسل: %1"),
    "Close": ("Schließen", "إغلاق"),
    "Unknown user": ("Unbekannter Benutzer", "مستخدم غير معروف"),
    "%1 (all their connections)": ("%1 (alle Verbindungen)", "%1 (كل اتصالاته)"),
    "Chat (nobody online)": ("Chat (niemand online)", "محادثة (لا أحد متصل)"),
    "Chat: %1": ("Chat: %1", "محادثة: %1"),
    "Connection %1": ("Verbindung %1", "الاتصال %1"),
    "Load image from %1": ("Bild von %1 laden", "تحميل الصورة من %1"),
    "Your session has ended. Please sign in again.": ("Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.", "انتهت جلستك. يرجى تسجيل الدخول مرة أخرى."),

}


def arabic_mnemonic(text: str) -> str:
    """An '&' inside an Arabic word splits its joined letters when underlined: mark the
    first letter instead (most labels start with the non-joining alef of "al-")."""
    if "&" not in text:
        return text
    return "&" + text.replace("&", "", 1)


def fill(path: Path, column: int) -> int:
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        if source not in T:
            missing.append(source)
            continue
        value = T[source][column]
        if column == 1 and isinstance(value, str):
            value = arabic_mnemonic(value)
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value]
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value if isinstance(value, str) else value[-1]
    if missing:
        for m in missing:
            print(f"{path.name}: no translation for {m!r}", file=sys.stderr)
        return 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return 0


here = Path(__file__).resolve().parent
rc = fill(here / "craftchat_de.ts", 0) | fill(here / "craftchat_ar.ts", 1)
sys.exit(rc)
