<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>ApiClient</name>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>أرسل الخادم ردًا غير متوقع.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted yet.</source>
        <translation>شهادة %1 غير موثوقة بعد.</translation>
    </message>
    <message>
        <source>%1 presented another certificate than the one trusted before. The connection was refused.</source>
        <translation>قدّم %1 شهادة غير الشهادة الموثوقة سابقًا. رُفض الاتصال.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid: %2</source>
        <translation>شهادة %1 غير صالحة: %2</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Mia Hoffmann</source>
        <translation>ميا هوفمان</translation>
    </message>
    <message>
        <source>Carl Becker</source>
        <translation>كارل بيكر</translation>
    </message>
    <message>
        <source>Sofia Marino</source>
        <translation>صوفيا مارينو</translation>
    </message>
    <message>
        <source>Jonas Weber</source>
        <translation>يوناس فيبر</translation>
    </message>
    <message>
        <source>Lea Schmidt</source>
        <translation>ليا شميت</translation>
    </message>
    <message>
        <source>Tom Richter</source>
        <translation>توم ريشتر</translation>
    </message>
    <message>
        <source>Anna Keller</source>
        <translation>آنا كيلر</translation>
    </message>
    <message>
        <source>Kitchen wiring</source>
        <translation>تمديدات المطبخ الكهربائية</translation>
    </message>
    <message>
        <source>Great, see you Thursday at 9!</source>
        <translation>رائع، نراك يوم الخميس الساعة 9!</translation>
    </message>
    <message>
        <source>Bathroom tiles</source>
        <translation>بلاط الحمّام</translation>
    </message>
    <message>
        <source>I can bring samples of the grey tiles.</source>
        <translation>يمكنني إحضار عينات من البلاط الرمادي.</translation>
    </message>
    <message>
        <source>Roof repair</source>
        <translation>إصلاح السطح</translation>
    </message>
    <message>
        <source>The quote is attached.</source>
        <translation>عرض السعر مرفق.</translation>
    </message>
    <message>
        <source>Garden fence</source>
        <translation>سياج الحديقة</translation>
    </message>
    <message>
        <source>Thanks for the quick help!</source>
        <translation>شكرًا على المساعدة السريعة!</translation>
    </message>
    <message>
        <source>Garage lights</source>
        <translation>إضاءة المرآب</translation>
    </message>
    <message>
        <source>Could you also check the fuse box?</source>
        <translation>هل يمكنك أيضًا فحص علبة المصاهر؟</translation>
    </message>
    <message>
        <source>Office sockets</source>
        <translation>مقابس المكتب</translation>
    </message>
    <message>
        <source>Invoice received, thank you.</source>
        <translation>وصلت الفاتورة، شكرًا لك.</translation>
    </message>
    <message>
        <source>Hello Carl, the kitchen needs four new sockets and a line for the oven.</source>
        <translation>مرحبًا كارل، يحتاج المطبخ إلى أربعة مقابس جديدة وخط للفرن.</translation>
    </message>
    <message>
        <source>Hello Mia! That is no problem. Could you send me a photo of the wall?</source>
        <translation>مرحبًا ميا! لا مشكلة في ذلك. هل يمكنك إرسال صورة للجدار؟</translation>
    </message>
    <message>
        <source>Thanks. I can do it on Thursday morning, it takes about four hours.</source>
        <translation>شكرًا. يمكنني القيام بذلك صباح الخميس، ويستغرق نحو أربع ساعات.</translation>
    </message>
    <message>
        <source>The material costs around 180 €.</source>
        <translation>تكلفة المواد نحو 180 يورو.</translation>
    </message>
    <message>
        <source>Should I clear the cupboards before?</source>
        <translation>هل أفرغ الخزائن قبل ذلك؟</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>عرض سعر</translation>
    </message>
    <message>
        <source>Quote kitchen.pdf</source>
        <translation>عرض سعر المطبخ.pdf</translation>
    </message>
</context>
<context>
    <name>HostCertificate</name>
    <message>
        <source>Cannot create the server's certificate: %1</source>
        <translation>تعذّر إنشاء شهادة الخادم: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>تعذّرت كتابة %1</translation>
    </message>
</context>
<context>
    <name>PhotoUpload</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>لا يمكن قراءة %1.</translation>
    </message>
    <message>
        <source>%1 is too large to send.</source>
        <translation>%1 أكبر من أن يُرسل.</translation>
    </message>
    <message>
        <source>%1 is not a photo. CraftChat sends photos (JPEG, PNG, WebP).</source>
        <translation>%1 ليس صورة. يرسل CraftChat الصور (JPEG وPNG وWebP).</translation>
    </message>
    <message>
        <source>The photo to send can no longer be read.</source>
        <translation>لم تعد قراءة الصورة المراد إرسالها ممكنة.</translation>
    </message>
    <message>
        <source>The file is not a photo CraftChat can read.</source>
        <translation>الملف ليس صورة يستطيع CraftChat قراءتها.</translation>
    </message>
    <message>
        <source>The photo is too large to send, even scaled down.</source>
        <translation>الصورة كبيرة جدًا حتى بعد تصغيرها.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation><numerusform>%n دقيقة</numerusform><numerusform>دقيقة واحدة</numerusform><numerusform>دقيقتان</numerusform><numerusform>%n دقائق</numerusform><numerusform>%n دقيقة</numerusform><numerusform>%n دقيقة</numerusform></translation>
    </message>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>أمس</translation>
    </message>
</context>
<context>
    <name>craftchat::app::EmbeddedServerHost</name>
    <message>
        <source>Server administrator</source>
        <translation>مدير الخادم</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>تعذّرت كتابة %1</translation>
    </message>
    <message>
        <source>Stop the server before restoring a backup.</source>
        <translation>أوقف الخادم قبل استعادة نسخة احتياطية.</translation>
    </message>
    <message>
        <source>Cannot move the data folder %1 aside.</source>
        <translation>تعذّر نقل مجلد البيانات %1 جانبًا.</translation>
    </message>
    <message>
        <source>Restored the backup of %1: %2 messages, %3 files. The previous data is kept in %4.</source>
        <translation>تمت استعادة نسخة %1: %2 رسالة، %3 ملفات. البيانات السابقة محفوظة في %4.</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>لم تتم استعادة النسخة الاحتياطية: %1</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ApiClient</name>
    <message>
        <source>Cannot reach the server (%1).</source>
        <translation>تعذّر الوصول إلى الخادم (%1).</translation>
    </message>
    <message>
        <source>The server answered with status %1.</source>
        <translation>ردّ الخادم بالحالة %1.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::AppController</name>
    <message>
        <source>The server could not start: %1</source>
        <translation>تعذّر تشغيل الخادم: %1</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>انتهت صلاحية جلستك. يرجى تسجيل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The server did not accept your session. Please sign in again.</source>
        <translation>لم يقبل الخادم جلستك. يرجى تسجيل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>Hosting: %1</source>
        <translation>الاستضافة: %1</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message numerus="yes">
        <source>Messages not sent yet: %n. If you sign out now, they are deleted from this computer.</source>
        <translation><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform><numerusform>رسائل لم تُرسل بعد: %n. إذا سجّلت الخروج الآن فستُحذف من هذا الحاسوب.</numerusform></translation>
    </message>
    <message>
        <source>Sign out and delete them</source>
        <translation>تسجيل الخروج وحذفها</translation>
    </message>
    <message>
        <source>The app could not sign in as the server's administrator: %1</source>
        <translation>تعذّر على التطبيق تسجيل الدخول كمدير للخادم: %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>انتهت جلستك. يرجى تسجيل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The invitation could not be read. Copy it again from the host's screen.</source>
        <translation>تعذّرت قراءة الدعوة. انسخها مرة أخرى من شاشة المضيف.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::CertificateChangedWarning</name>
    <message>
        <source>Forget the trusted certificate…</source>
        <translation>نسيان الشهادة الموثوقة…</translation>
    </message>
    <message>
        <source>The server's certificate has changed</source>
        <translation>تغيّرت شهادة الخادم</translation>
    </message>
    <message>
        <source>%1 presented another certificate than the one you trusted before. Someone may be listening in on the connection, so it was refused.</source>
        <translation>قدّم %1 شهادة غير الشهادة التي وثقت بها سابقًا. ربما يتنصّت أحد على الاتصال، لذلك رُفض.</translation>
    </message>
    <message>
        <source>If the host has made a new certificate on purpose (for example after reinstalling CraftChat), ask them to read the new fingerprint to you. Then forget the trusted certificate, connect again and compare.</source>
        <translation>إذا أنشأ المضيف شهادة جديدة عن قصد (مثلًا بعد إعادة تثبيت CraftChat)، فاطلب منه أن يقرأ لك البصمة الجديدة. ثم انسَ الشهادة الموثوقة واتصل مرة أخرى وقارن.</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>الموثوقة سابقًا:</translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation>المقدّمة الآن:</translation>
    </message>
    <message>
        <source>Forget the trusted certificate</source>
        <translation>نسيان الشهادة الموثوقة</translation>
    </message>
    <message>
        <source>Forget the certificate trusted for %1? Do this only when the host has told you that they made a new one. The next connection asks you to compare the new fingerprint.</source>
        <translation>هل تريد نسيان الشهادة الموثوقة لـ %1؟ افعل ذلك فقط إذا أخبرك المضيف بأنه أنشأ شهادة جديدة. سيطلب منك الاتصال التالي مقارنة البصمة الجديدة.</translation>
    </message>
    <message>
        <source>Forget it</source>
        <translation>انسَها</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::CertificateQuestion</name>
    <message>
        <source>Trust this server</source>
        <translation>الوثوق بهذا الخادم</translation>
    </message>
    <message>
        <source>Check the server's certificate</source>
        <translation>تحقّق من شهادة الخادم</translation>
    </message>
    <message>
        <source>This computer does not know the certificate of %1 yet. Compare its fingerprint with the one the host's screen shows (in CraftChat: Hosted server). Trust it only when every group is the same.</source>
        <translation>لا يعرف هذا الحاسوب شهادة %1 بعد. قارن بصمتها بالبصمة المعروضة على شاشة المضيف (في CraftChat: الخادم المستضاف). لا تثق بها إلا إذا تطابقت كل مجموعة.</translation>
    </message>
    <message>
        <source>Once trusted, the app connects to this address without asking, and warns you if it ever presents another certificate.</source>
        <translation>بعد الوثوق بها يتصل التطبيق بهذا العنوان دون سؤال، ويحذّرك إذا قدّم يومًا شهادة أخرى.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatController</name>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>محادثة جديدة</translation>
    </message>
    <message>
        <source>Someone started a chat with you.</source>
        <translation>بدأ شخص ما محادثة معك.</translation>
    </message>
    <message>
        <source>%1 started a chat with you.</source>
        <translation>بدأ %1 محادثة معك.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>شخص ما</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 يكتب…</translation>
    </message>
    <message>
        <source>Cannot keep a copy of %1 for sending.</source>
        <translation>تعذّر حفظ نسخة من %1 لإرسالها.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>لا يمكن قراءة %1.</translation>
    </message>
    <message>
        <source>%1 is %2; the server takes files up to %3.</source>
        <translation>حجم %1 هو %2؛ يقبل الخادم ملفات حتى %3.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>الملف %1 فارغ.</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>ملف: %1</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListDelegate</name>
    <message>
        <source>Craftsman</source>
        <translation>حِرفي</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>عميل</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدير النظام</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>يكتب…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListModel</name>
    <message>
        <source>No messages yet</source>
        <translation>لا توجد رسائل بعد</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>أنت: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation><numerusform>لا رسائل غير مقروءة</numerusform><numerusform>رسالة واحدة غير مقروءة</numerusform><numerusform>رسالتان غير مقروءتين</numerusform><numerusform>%n رسائل غير مقروءة</numerusform><numerusform>%n رسالة غير مقروءة</numerusform><numerusform>%n رسالة غير مقروءة</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListPanel</name>
    <message>
        <source>Chats</source>
        <translation>المحادثات</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>محادثة جديدة</translation>
    </message>
    <message>
        <source>Start a chat with a craftsman (Ctrl+N)</source>
        <translation>بدء محادثة مع حِرفي (Ctrl+N)</translation>
    </message>
    <message>
        <source>No chats yet.</source>
        <translation>لا توجد محادثات بعد.</translation>
    </message>
    <message>
        <source>Search chats and messages (Ctrl+K)</source>
        <translation>ابحث في المحادثات والرسائل (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search chats and messages</source>
        <translation>ابحث في المحادثات والرسائل</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>الرسائل</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>الرسائل التي عُثر عليها</translation>
    </message>
    <message>
        <source>No chat matches “%1”.</source>
        <translation>لا توجد محادثة تطابق «%1».</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>لا توجد رسائل تطابق «%1».</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatSession</name>
    <message>
        <source>You are sending too fast. Try again in a minute.</source>
        <translation>أنت ترسل بسرعة كبيرة. حاول مرة أخرى بعد دقيقة.</translation>
    </message>
    <message>
        <source>You cannot write in this chat.</source>
        <translation>لا يمكنك الكتابة في هذه المحادثة.</translation>
    </message>
    <message>
        <source>The message was refused.</source>
        <translation>رُفضت الرسالة.</translation>
    </message>
    <message>
        <source>The server could not store the message.</source>
        <translation>تعذّر على الخادم حفظ الرسالة.</translation>
    </message>
    <message>
        <source>Sending failed.</source>
        <translation>فشل الإرسال.</translation>
    </message>
    <message>
        <source>The server refused the photo.</source>
        <translation>رفض الخادم الصورة.</translation>
    </message>
    <message>
        <source>The server refused the photo: %1</source>
        <translation>رفض الخادم الصورة: %1</translation>
    </message>
    <message>
        <source>You are offline. Try again when the connection is back.</source>
        <translation>أنت غير متصل. حاول مرة أخرى عند عودة الاتصال.</translation>
    </message>
    <message>
        <source>The server did not answer. Try again.</source>
        <translation>لم يستجب الخادم. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Only the sender can change this message.</source>
        <translation>لا يمكن إلا للمرسل تغيير هذه الرسالة.</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>رفض الخادم التغيير.</translation>
    </message>
    <message>
        <source>%1 is %2; the server takes files up to %3.</source>
        <translation>حجم %1 هو %2؛ يقبل الخادم ملفات حتى %3.</translation>
    </message>
    <message>
        <source>The file to send can no longer be read.</source>
        <translation>لم يعد من الممكن قراءة الملف المراد إرساله.</translation>
    </message>
    <message>
        <source>The server refused the file.</source>
        <translation>رفض الخادم الملف.</translation>
    </message>
    <message>
        <source>The server refused the file: %1</source>
        <translation>رفض الخادم الملف: %1</translation>
    </message>
    <message>
        <source>%1 is larger than this server accepts.</source>
        <translation>حجم %1 أكبر مما يقبله هذا الخادم.</translation>
    </message>
    <message>
        <source>The photo is larger than this server accepts.</source>
        <translation>الصورة أكبر مما يقبله هذا الخادم.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::Composer</name>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>إرسال (Enter)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>Characters left</source>
        <translation>الأحرف المتبقية</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Attach a file (Ctrl+Shift+A)</source>
        <translation>إرفاق ملف (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>إرفاق ملف</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>إلغاء (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>ردّ على %1</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>تعديل الرسالة</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ComposerEdit</name>
    <message>
        <source>Write a message…</source>
        <translation>اكتب رسالة…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation>متصل</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>جارٍ الاتصال…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation><numerusform>إعادة الاتصال الآن</numerusform><numerusform>إعادة الاتصال خلال ثانية</numerusform><numerusform>إعادة الاتصال خلال ثانيتين</numerusform><numerusform>إعادة الاتصال خلال %n ثوانٍ</numerusform><numerusform>إعادة الاتصال خلال %n ثانية</numerusform><numerusform>إعادة الاتصال خلال %n ثانية</numerusform></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>جارٍ إعادة الاتصال…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>الاتصال: %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>مشفّر</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>غير مشفّر</translation>
    </message>
    <message>
        <source>Messages and passwords cross the network unencrypted. Ask the server's host for an https:// address.</source>
        <translation>تعبر الرسائل وكلمات المرور الشبكة دون تشفير. اطلب من مضيف الخادم عنوان https://.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationPane</name>
    <message>
        <source>Chat partner</source>
        <translation>الطرف الآخر</translation>
    </message>
    <message>
        <source>Typing indicator</source>
        <translation>مؤشر الكتابة</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>إعادة الإرسال</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>You are offline. Messages you write are sent when the connection is back.</source>
        <translation>أنت غير متصل. تُرسل الرسائل التي تكتبها عند عودة الاتصال.</translation>
    </message>
    <message numerus="yes">
        <source>Next attempt in %n s.</source>
        <translation><numerusform>المحاولة التالية الآن.</numerusform><numerusform>المحاولة التالية خلال ثانية.</numerusform><numerusform>المحاولة التالية خلال ثانيتين.</numerusform><numerusform>المحاولة التالية خلال %n ثوانٍ.</numerusform><numerusform>المحاولة التالية خلال %n ثانية.</numerusform><numerusform>المحاولة التالية خلال %n ثانية.</numerusform></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>جارٍ الاتصال…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>أعد المحاولة الآن</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>نفسك</translation>
    </message>
    <message>
        <source>That message is no longer in this chat.</source>
        <translation>لم تعد هذه الرسالة موجودة في هذه المحادثة.</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>إرسال ملفات</translation>
    </message>
    <message>
        <source>Photos (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>صور (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.txt *.csv)</source>
        <translation>مستندات (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.txt *.csv)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;ردّ</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>&amp;نسخ النص</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;فتح</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;حفظ باسم…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تعديل</translation>
    </message>
    <message>
        <source>&amp;Delete for everyone…</source>
        <translation>&amp;حذف لدى الجميع…</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>حذف الرسالة</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the chat? This cannot be undone.</source>
        <translation>هل تريد حذف هذه الرسالة لدى جميع من في المحادثة؟ لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>حذف لدى الجميع</translation>
    </message>
    <message>
        <source>No program is set up to open %1.</source>
        <translation>لا يوجد برنامج مُعدّ لفتح %1.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>حفظ باسم</translation>
    </message>
    <message>
        <source>Cannot save the file as %1.</source>
        <translation>تعذّر حفظ الملف باسم %1.</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>حُفظ باسم %1.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation>الرسائل</translation>
    </message>
    <message>
        <source>New messages ↓</source>
        <translation>رسائل جديدة ↓</translation>
    </message>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation><numerusform>%n جديدة ↓</numerusform><numerusform>%n جديدة ↓</numerusform><numerusform>%n جديدة ↓</numerusform><numerusform>%n جديدة ↓</numerusform><numerusform>%n جديدة ↓</numerusform><numerusform>%n جديدة ↓</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Jump to the newest messages (%n unread)</source>
        <translation><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform><numerusform>الانتقال إلى أحدث الرسائل (%n غير مقروءة)</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::FileCache</name>
    <message>
        <source>This file is not on the chat server.</source>
        <translation>هذا الملف ليس على خادم المحادثة.</translation>
    </message>
    <message>
        <source>Cannot write to %1.</source>
        <translation>تعذّرت الكتابة في %1.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>أُلغي التنزيل.</translation>
    </message>
    <message>
        <source>The file is no longer on the server.</source>
        <translation>لم يعد الملف موجودًا على الخادم.</translation>
    </message>
    <message>
        <source>The server sent more than the file's size.</source>
        <translation>أرسل الخادم أكثر من حجم الملف.</translation>
    </message>
    <message>
        <source>The download failed (%1).</source>
        <translation>فشل التنزيل (%1).</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::FindBar</name>
    <message>
        <source>Find in this chat</source>
        <translation>البحث في هذه المحادثة</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>النتيجة الأحدث (Shift+Enter)</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>النتيجة الأحدث</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>النتيجة الأقدم (Enter)</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>النتيجة الأقدم</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>إغلاق البحث</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::HostPanel</name>
    <message>
        <source>Stop server</source>
        <translation>إيقاف الخادم</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>تشغيل الخادم</translation>
    </message>
    <message>
        <source>Hosted server</source>
        <translation>الخادم المستضاف</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>تعذّر تشغيل الخادم: %1</translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation>لا يمكن لهذا الإصدار من CraftChat استضافة خادم.</translation>
    </message>
    <message>
        <source>The server is stopped. Data folder: %1</source>
        <translation>الخادم متوقف. مجلد البيانات: %1</translation>
    </message>
    <message>
        <source>The server is running. Data folder: %1</source>
        <translation>الخادم يعمل. مجلد البيانات: %1</translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation>(لا يوجد اتصال بالشبكة)</translation>
    </message>
    <message>
        <source>Other computers connect to: %1</source>
        <translation>تتصل الأجهزة الأخرى بالعنوان: %1</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>نسخ احتياطي الآن…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>استعادة…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>فشل النسخ الاحتياطي: %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>الاستعادة</translation>
    </message>
    <message>
        <source>No backup yet. Back up now to a USB disk or another computer.</source>
        <translation>لا توجد نسخة احتياطية بعد. انسخ الآن إلى قرص USB أو حاسوب آخر.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation><numerusform>اليوم</numerusform><numerusform>منذ يوم واحد</numerusform><numerusform>منذ يومين</numerusform><numerusform>منذ %n أيام</numerusform><numerusform>منذ %n يومًا</numerusform><numerusform>منذ %n يوم</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation><numerusform>الآن</numerusform><numerusform>منذ ساعة واحدة</numerusform><numerusform>منذ ساعتين</numerusform><numerusform>منذ %n ساعات</numerusform><numerusform>منذ %n ساعة</numerusform><numerusform>منذ %n ساعة</numerusform></translation>
    </message>
    <message>
        <source>less than an hour ago</source>
        <translation>منذ أقل من ساعة</translation>
    </message>
    <message>
        <source>Warning: the last backup is old (%1, %2). Back up now.</source>
        <translation>تنبيه: آخر نسخة احتياطية قديمة (%1، %2). انسخ الآن.</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2).</source>
        <translation>آخر نسخة احتياطية: %1 (%2).</translation>
    </message>
    <message>
        <source>A backup is being written…</source>
        <translation>تتم كتابة نسخة احتياطية…</translation>
    </message>
    <message>
        <source>The last attempt failed: %1</source>
        <translation>فشلت المحاولة الأخيرة: %1</translation>
    </message>
    <message>
        <source>Daily backups go to %1.</source>
        <translation>تُحفظ النسخ اليومية في %1.</translation>
    </message>
    <message>
        <source>Stop the server to restore a backup.</source>
        <translation>أوقف الخادم لاستعادة نسخة احتياطية.</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>مجلد النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <source>CraftChat backups (craftchat-backup-*.tar)</source>
        <translation>نسخ CraftChat الاحتياطية (craftchat-backup-*.tar)</translation>
    </message>
    <message>
        <source>Replace the server's data with the backup %1?

Everything written since that backup is no longer shown. The current data folder is kept next to it under a new name.</source>
        <translation>هل تريد استبدال بيانات الخادم بالنسخة الاحتياطية %1؟

لن يظهر كل ما كُتب بعد هذه النسخة. يُحتفظ بمجلد البيانات الحالي بجانبه باسم جديد.</translation>
    </message>
    <message>
        <source>Restoring and verifying the backup…</source>
        <translation>جارٍ التحقق من النسخة الاحتياطية واستعادتها…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Create invitation</source>
        <translation>إنشاء دعوة</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>بصمة الشهادة</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>الدعوة</translation>
    </message>
    <message>
        <source>Invitation as QR code</source>
        <translation>الدعوة كرمز QR</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>عميل</translation>
    </message>
    <message>
        <source>Craftsman</source>
        <translation>حِرفي</translation>
    </message>
    <message>
        <source>Role of the invited person</source>
        <translation>دور الشخص المدعو</translation>
    </message>
    <message>
        <source>Certificate fingerprint: when someone connects for the first time, their app shows it; they compare it with this one.</source>
        <translation>بصمة الشهادة: عندما يتصل شخص لأول مرة يعرضها تطبيقه، فيقارنها بهذه.</translation>
    </message>
    <message>
        <source>Invitation: send it, or let them photograph the QR code. It carries the address and the fingerprint, so their app trusts this server.</source>
        <translation>الدعوة: أرسلها أو دعهم يصوّرون رمز QR. تحمل العنوان والبصمة، فيثق تطبيقهم بهذا الخادم.</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>نُسخت.</translation>
    </message>
    <message>
        <source>This server is not encrypted.</source>
        <translation>هذا الخادم غير مشفّر.</translation>
    </message>
    <message>
        <source>Registration on this server needs an invitation code. Sign in to create one.</source>
        <translation>يتطلب التسجيل على هذا الخادم رمز دعوة. سجّل الدخول لإنشاء رمز.</translation>
    </message>
    <message>
        <source>Registration on this server needs an invitation code: create one for the person you invite.</source>
        <translation>يتطلب التسجيل على هذا الخادم رمز دعوة: أنشئ رمزًا للشخص الذي تدعوه.</translation>
    </message>
    <message>
        <source>No invitation was created: %1</source>
        <translation>لم تُنشأ أي دعوة: %1</translation>
    </message>
    <message>
        <source>Invitation for a craftsman, valid for 7 days and for one account.</source>
        <translation>دعوة لحِرفي، صالحة 7 أيام ولحساب واحد.</translation>
    </message>
    <message>
        <source>Invitation for a client, valid for 7 days and for one account.</source>
        <translation>دعوة لعميل، صالحة 7 أيام ولحساب واحد.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ImageViewer</name>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>Loading photo…</source>
        <translation>جارٍ تحميل الصورة…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MainWindow</name>
    <message>
        <source>Signed in as %1</source>
        <translation>تم تسجيل الدخول باسم %1</translation>
    </message>
    <message>
        <source>Select a chat, or start a new one with Ctrl+N.</source>
        <translation>اختر محادثة، أو ابدأ محادثة جديدة بالضغط على Ctrl+N.</translation>
    </message>
    <message>
        <source>Select a chat to start messaging.</source>
        <translation>اختر محادثة لبدء المراسلة.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;المحادثة</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>&amp;محادثة جديدة…</translation>
    </message>
    <message>
        <source>&amp;Find chat</source>
        <translation>&amp;بحث عن محادثة</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Write message</source>
        <translation>&amp;كتابة رسالة</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Go to chat &amp;list</source>
        <translation>&amp;الانتقال إلى قائمة المحادثات</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Close chat</source>
        <translation>&amp;إغلاق المحادثة</translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;الحساب</translation>
    </message>
    <message>
        <source>Server &amp;monitor</source>
        <translation>&amp;مراقبة الخادم</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>&amp;Hosted server…</source>
        <translation>&amp;الخادم المستضاف…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;الإعدادات…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;تسجيل الخروج</translation>
    </message>
    <message>
        <source>Show CraftChat</source>
        <translation>إظهار CraftChat</translation>
    </message>
    <message>
        <source>CraftChat (%1)</source>
        <translation>CraftChat (%1)</translation>
    </message>
    <message>
        <source>CraftChat</source>
        <translation>CraftChat</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MessageDelegate</name>
    <message>
        <source>Loading photo…</source>
        <translation>جارٍ تحميل الصورة…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>لم تُرسل</translation>
    </message>
    <message>
        <source>The server did not take the message.</source>
        <translation>لم يقبل الخادم الرسالة.</translation>
    </message>
    <message>
        <source>Click to retry or delete it.</source>
        <translation>انقر لإعادة المحاولة أو للحذف.</translation>
    </message>
    <message>
        <source>Click to delete it.</source>
        <translation>انقر للحذف.</translation>
    </message>
    <message>
        <source>Photo unavailable</source>
        <translation>الصورة غير متاحة</translation>
    </message>
    <message>
        <source>Load image from %1</source>
        <translation>تحميل الصورة من %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>مُعدّلة</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>حُذفت الرسالة</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>رسالة سابقة</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>ردّ</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>ملف %1</translation>
    </message>
    <message>
        <source>%1 % · click to cancel</source>
        <translation>%1 % · انقر للإلغاء</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>لا توجد معاينة</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>جارٍ تحميل المعاينة…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MessageModel</name>
    <message>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>قيد الإرسال</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>لم تُرسل: %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>حُذفت الرسالة</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>ملف: %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>مُعدّلة</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation>محادثة جديدة</translation>
    </message>
    <message>
        <source>Search craftsmen by name</source>
        <translation>ابحث عن حِرفي بالاسم</translation>
    </message>
    <message>
        <source>Search craftsmen</source>
        <translation>البحث عن حِرفيين</translation>
    </message>
    <message>
        <source>Craftsmen</source>
        <translation>الحِرفيون</translation>
    </message>
    <message>
        <source>e.g. Kitchen tiles (optional)</source>
        <translation>مثال: بلاط المطبخ (اختياري)</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>عنوان العمل</translation>
    </message>
    <message>
        <source>Hello! … (optional)</source>
        <translation>مرحبًا! … (اختياري)</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>الرسالة الأولى</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>بدء المحادثة</translation>
    </message>
    <message>
        <source>&amp;Craftsman</source>
        <translation>&amp;الحِرفي</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;عنوان العمل</translation>
    </message>
    <message>
        <source>First &amp;message</source>
        <translation>&amp;الرسالة الأولى</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::NoticeBar</name>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::Notifier</name>
    <message>
        <source>CraftChat</source>
        <translation>CraftChat</translation>
    </message>
    <message numerus="yes">
        <source>CraftChat: %n unread</source>
        <translation><numerusform>CraftChat: لا رسائل غير مقروءة</numerusform><numerusform>CraftChat: رسالة واحدة غير مقروءة</numerusform><numerusform>CraftChat: رسالتان غير مقروءتين</numerusform><numerusform>CraftChat: %n رسائل غير مقروءة</numerusform><numerusform>CraftChat: %n رسالة غير مقروءة</numerusform><numerusform>CraftChat: %n رسالة غير مقروءة</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::RegisterForm</name>
    <message>
        <source>Create account</source>
        <translation>إنشاء حساب</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation><numerusform>%n حرف على الأقل</numerusform><numerusform>حرف واحد على الأقل</numerusform><numerusform>حرفان على الأقل</numerusform><numerusform>%n أحرف على الأقل</numerusform><numerusform>%n حرفًا على الأقل</numerusform><numerusform>%n حرف على الأقل</numerusform></translation>
    </message>
    <message>
        <source>I need work done (client)</source>
        <translation>أحتاج إلى إنجاز عمل (عميل)</translation>
    </message>
    <message>
        <source>I offer work (craftsman)</source>
        <translation>أقدّم خدماتي (حِرفي)</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>&amp;الاسم الكامل</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>&amp;البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Enter your full name.</source>
        <translation>أدخل اسمك الكامل.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>أدخل بريدًا إلكترونيًا صالحًا.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation><numerusform>استخدم %n حرف على الأقل.</numerusform><numerusform>استخدم حرفًا واحدًا على الأقل.</numerusform><numerusform>استخدم حرفين على الأقل.</numerusform><numerusform>استخدم %n أحرف على الأقل.</numerusform><numerusform>استخدم %n حرفًا على الأقل.</numerusform><numerusform>استخدم %n حرف على الأقل.</numerusform></translation>
    </message>
    <message>
        <source>An account with this email already exists.</source>
        <translation>يوجد حساب بهذا البريد الإلكتروني بالفعل.</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>رمز الدعوة</translation>
    </message>
    <message>
        <source>&amp;Invitation code</source>
        <translation>&amp;رمز الدعوة</translation>
    </message>
    <message>
        <source>This server needs an invitation code for this account. Ask the host for an invitation.</source>
        <translation>يحتاج هذا الخادم إلى رمز دعوة لهذا الحساب. اطلب دعوة من المضيف.</translation>
    </message>
    <message>
        <source>Required on this server</source>
        <translation>مطلوب على هذا الخادم</translation>
    </message>
    <message>
        <source>Only if you have an invitation</source>
        <translation>فقط إذا كانت لديك دعوة</translation>
    </message>
    <message>
        <source>This server creates this account only with an invitation. Ask the host for an invitation code.</source>
        <translation>لا ينشئ هذا الخادم هذا الحساب إلا بدعوة. اطلب رمز دعوة من المضيف.</translation>
    </message>
    <message>
        <source>This invitation code is not valid: it may have been used, expired or withdrawn. Ask the host for a new one.</source>
        <translation>رمز الدعوة هذا غير صالح: ربما استُخدم أو انتهت صلاحيته أو سُحب. اطلب رمزًا جديدًا من المضيف.</translation>
    </message>
    <message>
        <source>This invitation is for the other role. Choose the role the invitation was made for.</source>
        <translation>هذه الدعوة للدور الآخر. اختر الدور الذي أُنشئت له الدعوة.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ServerMonitorWindow</name>
    <message>
        <source>Server monitor</source>
        <translation>مراقبة الخادم</translation>
    </message>
    <message>
        <source>Rooms and sockets</source>
        <translation>الغرف والمقابس</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Cannot read the server's state: %1</source>
        <translation>تعذّرت قراءة حالة الخادم: %1</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>أرسل الخادم ردًا غير متوقع.</translation>
    </message>
    <message>
        <source>%1 connections, %2 rooms (updated %3)</source>
        <translation>%1 اتصالات، %2 غرف (آخر تحديث %3)</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ServerPage</name>
    <message>
        <source>Connect</source>
        <translation>اتصال</translation>
    </message>
    <message>
        <source>Host a server on this computer</source>
        <translation>استضافة خادم على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>الاتصال بخادم</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;العنوان</translation>
    </message>
    <message>
        <source>or</source>
        <translation>أو</translation>
    </message>
    <message>
        <source>Runs the chat server inside this app. Other computers on your network connect to the address shown after it starts.</source>
        <translation>يشغّل خادم المحادثة داخل هذا التطبيق. تتصل الحواسيب الأخرى في شبكتك بالعنوان الذي يظهر بعد التشغيل.</translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation>لا يمكن لهذا الإصدار من CraftChat استضافة خادم.</translation>
    </message>
    <message>
        <source>Enter an address like http://192.168.1.20:3001.</source>
        <translation>أدخل عنوانًا مثل http://192.168.1.20:3001.</translation>
    </message>
    <message>
        <source>Server address or invitation, e.g. https://192.168.1.20:3001</source>
        <translation>عنوان الخادم أو الدعوة، مثل https://192.168.1.20:3001</translation>
    </message>
    <message>
        <source>This invitation is not valid. Copy it again from the host's screen.</source>
        <translation>هذه الدعوة غير صالحة. انسخها مرة أخرى من شاشة المضيف.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SettingsDialog</name>
    <message>
        <source>Mute desktop notifications</source>
        <translation>كتم إشعارات سطح المكتب</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;المظهر</translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation>نسيان…</translation>
    </message>
    <message>
        <source>Trusted server certificates</source>
        <translation>شهادات الخوادم الموثوقة</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>الشهادات الموثوقة</translation>
    </message>
    <message>
        <source>Forget the trusted certificate</source>
        <translation>نسيان الشهادة الموثوقة</translation>
    </message>
    <message>
        <source>Forget the certificate trusted for %1? The next connection asks you to compare its fingerprint again.</source>
        <translation>هل تريد نسيان الشهادة الموثوقة لـ %1؟ سيطلب منك الاتصال التالي مقارنة بصمتها من جديد.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SignInForm</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;البريد الإلكتروني</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>أدخل بريدًا إلكترونيًا صالحًا.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>أدخل كلمة المرور.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SocketDebugModel</name>
    <message>
        <source>Room</source>
        <translation>الغرفة</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>المقابس</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>مستخدم غير معروف</translation>
    </message>
    <message>
        <source>%1 (all their connections)</source>
        <translation>%1 (كل اتصالاته)</translation>
    </message>
    <message>
        <source>Chat (nobody online)</source>
        <translation>محادثة (لا أحد متصل)</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>محادثة: %1</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>الاتصال %1</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::StartWindow</name>
    <message>
        <source>CraftChat</source>
        <translation>CraftChat</translation>
    </message>
    <message>
        <source>Welcome to CraftChat</source>
        <translation>مرحبًا بك في CraftChat</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>تعذّر تشغيل الخادم: %1</translation>
    </message>
    <message>
        <source>Change server</source>
        <translation>تغيير الخادم</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>إنشاء حساب</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>الخادم: %1</translation>
    </message>
    <message>
        <source>%1 does not look like a CraftChat server.</source>
        <translation>لا يبدو أن %1 خادم CraftChat.</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>جارٍ تشغيل الخادم…</translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation>(لا يوجد اتصال بالشبكة)</translation>
    </message>
    <message>
        <source>This computer is hosting the server. Other computers connect to:</source>
        <translation>هذا الحاسوب يستضيف الخادم. تتصل الحواسيب الأخرى بالعنوان:</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>البريد الإلكتروني أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n min.</source>
        <translation><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد دقيقة واحدة.</numerusform><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد دقيقتين.</numerusform><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد %n دقائق.</numerusform><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform><numerusform>محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد %n دقيقة.</numerusform></translation>
    </message>
</context>
</TS>