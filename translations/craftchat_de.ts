<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiClient</name>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>Der Server hat eine unerwartete Antwort gesendet.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted yet.</source>
        <translation>Das Zertifikat von %1 ist noch nicht vertrauenswürdig.</translation>
    </message>
    <message>
        <source>%1 presented another certificate than the one trusted before. The connection was refused.</source>
        <translation>%1 hat ein anderes Zertifikat vorgelegt als das bisher vertraute. Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid: %2</source>
        <translation>Das Zertifikat von %1 ist ungültig: %2</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Mia Hoffmann</source>
        <translation>Mia Hoffmann</translation>
    </message>
    <message>
        <source>Carl Becker</source>
        <translation>Carl Becker</translation>
    </message>
    <message>
        <source>Sofia Marino</source>
        <translation>Sofia Marino</translation>
    </message>
    <message>
        <source>Jonas Weber</source>
        <translation>Jonas Weber</translation>
    </message>
    <message>
        <source>Lea Schmidt</source>
        <translation>Lea Schmidt</translation>
    </message>
    <message>
        <source>Tom Richter</source>
        <translation>Tom Richter</translation>
    </message>
    <message>
        <source>Anna Keller</source>
        <translation>Anna Keller</translation>
    </message>
    <message>
        <source>Kitchen wiring</source>
        <translation>Küchenelektrik</translation>
    </message>
    <message>
        <source>Great, see you Thursday at 9!</source>
        <translation>Super, bis Donnerstag um 9!</translation>
    </message>
    <message>
        <source>Bathroom tiles</source>
        <translation>Badfliesen</translation>
    </message>
    <message>
        <source>I can bring samples of the grey tiles.</source>
        <translation>Ich kann Muster der grauen Fliesen mitbringen.</translation>
    </message>
    <message>
        <source>Roof repair</source>
        <translation>Dachreparatur</translation>
    </message>
    <message>
        <source>The quote is attached.</source>
        <translation>Das Angebot ist im Anhang.</translation>
    </message>
    <message>
        <source>Garden fence</source>
        <translation>Gartenzaun</translation>
    </message>
    <message>
        <source>Thanks for the quick help!</source>
        <translation>Danke für die schnelle Hilfe!</translation>
    </message>
    <message>
        <source>Garage lights</source>
        <translation>Garagenbeleuchtung</translation>
    </message>
    <message>
        <source>Could you also check the fuse box?</source>
        <translation>Könnten Sie auch den Sicherungskasten prüfen?</translation>
    </message>
    <message>
        <source>Office sockets</source>
        <translation>Büro-Steckdosen</translation>
    </message>
    <message>
        <source>Invoice received, thank you.</source>
        <translation>Rechnung erhalten, danke.</translation>
    </message>
    <message>
        <source>Hello Carl, the kitchen needs four new sockets and a line for the oven.</source>
        <translation>Hallo Carl, die Küche braucht vier neue Steckdosen und eine Leitung für den Herd.</translation>
    </message>
    <message>
        <source>Hello Mia! That is no problem. Could you send me a photo of the wall?</source>
        <translation>Hallo Mia! Das ist kein Problem. Können Sie mir ein Foto der Wand schicken?</translation>
    </message>
    <message>
        <source>Thanks. I can do it on Thursday morning, it takes about four hours.</source>
        <translation>Danke. Ich kann es am Donnerstagvormittag machen, es dauert etwa vier Stunden.</translation>
    </message>
    <message>
        <source>The material costs around 180 €.</source>
        <translation>Das Material kostet etwa 180 €.</translation>
    </message>
    <message>
        <source>Should I clear the cupboards before?</source>
        <translation>Soll ich die Schränke vorher ausräumen?</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Quote kitchen.pdf</source>
        <translation>Angebot Küche.pdf</translation>
    </message>
</context>
<context>
    <name>HostCertificate</name>
    <message>
        <source>Cannot create the server's certificate: %1</source>
        <translation>Das Zertifikat des Servers kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>PhotoUpload</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is too large to send.</source>
        <translation>%1 ist zu groß zum Senden.</translation>
    </message>
    <message>
        <source>%1 is not a photo. CraftChat sends photos (JPEG, PNG, WebP).</source>
        <translation>%1 ist kein Foto. CraftChat sendet Fotos (JPEG, PNG, WebP).</translation>
    </message>
    <message>
        <source>The photo to send can no longer be read.</source>
        <translation>Das zu sendende Foto kann nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>The file is not a photo CraftChat can read.</source>
        <translation>Die Datei ist kein Foto, das CraftChat lesen kann.</translation>
    </message>
    <message>
        <source>The photo is too large to send, even scaled down.</source>
        <translation>Das Foto ist auch verkleinert zu groß zum Senden.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation><numerusform>%n Min.</numerusform><numerusform>%n Min.</numerusform></translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
</context>
<context>
    <name>craftchat::app::EmbeddedServerHost</name>
    <message>
        <source>Server administrator</source>
        <translation>Server-Administrator</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Stop the server before restoring a backup.</source>
        <translation>Stoppen Sie den Server, bevor Sie eine Sicherung wiederherstellen.</translation>
    </message>
    <message>
        <source>Cannot move the data folder %1 aside.</source>
        <translation>Der Datenordner %1 kann nicht beiseitegelegt werden.</translation>
    </message>
    <message>
        <source>Restored the backup of %1: %2 messages, %3 files. The previous data is kept in %4.</source>
        <translation>Sicherung vom %1 wiederhergestellt: %2 Nachrichten, %3 Dateien. Die bisherigen Daten liegen in %4.</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>Die Sicherung wurde nicht wiederhergestellt: %1</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ApiClient</name>
    <message>
        <source>Cannot reach the server (%1).</source>
        <translation>Der Server ist nicht erreichbar (%1).</translation>
    </message>
    <message>
        <source>The server answered with status %1.</source>
        <translation>Der Server antwortete mit Status %1.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::AppController</name>
    <message>
        <source>The server could not start: %1</source>
        <translation>Der Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server did not accept your session. Please sign in again.</source>
        <translation>Der Server hat Ihre Sitzung nicht akzeptiert. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Hosting: %1</source>
        <translation>Server läuft: %1</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message numerus="yes">
        <source>Messages not sent yet: %n. If you sign out now, they are deleted from this computer.</source>
        <translation><numerusform>Noch nicht gesendete Nachrichten: %n. Wenn Sie sich jetzt abmelden, werden sie von diesem Computer gelöscht.</numerusform><numerusform>Noch nicht gesendete Nachrichten: %n. Wenn Sie sich jetzt abmelden, werden sie von diesem Computer gelöscht.</numerusform></translation>
    </message>
    <message>
        <source>Sign out and delete them</source>
        <translation>Abmelden und löschen</translation>
    </message>
    <message>
        <source>The app could not sign in as the server's administrator: %1</source>
        <translation>Die App konnte sich nicht als Administrator des Servers anmelden: %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The invitation could not be read. Copy it again from the host's screen.</source>
        <translation>Die Einladung konnte nicht gelesen werden. Kopieren Sie sie erneut vom Bildschirm des Hosts.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::CertificateChangedWarning</name>
    <message>
        <source>Forget the trusted certificate…</source>
        <translation>Vertrautes Zertifikat vergessen…</translation>
    </message>
    <message>
        <source>The server's certificate has changed</source>
        <translation>Das Zertifikat des Servers hat sich geändert</translation>
    </message>
    <message>
        <source>%1 presented another certificate than the one you trusted before. Someone may be listening in on the connection, so it was refused.</source>
        <translation>%1 hat ein anderes Zertifikat vorgelegt als das, dem Sie bisher vertraut haben. Möglicherweise hört jemand die Verbindung ab, deshalb wurde sie abgelehnt.</translation>
    </message>
    <message>
        <source>If the host has made a new certificate on purpose (for example after reinstalling CraftChat), ask them to read the new fingerprint to you. Then forget the trusted certificate, connect again and compare.</source>
        <translation>Wenn der Host absichtlich ein neues Zertifikat erstellt hat (zum Beispiel nach einer Neuinstallation von CraftChat), lassen Sie sich den neuen Fingerabdruck vorlesen. Vergessen Sie dann das vertraute Zertifikat, verbinden Sie sich erneut und vergleichen Sie.</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>Bisher vertraut:</translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation>Jetzt vorgelegt:</translation>
    </message>
    <message>
        <source>Forget the trusted certificate</source>
        <translation>Vertrautes Zertifikat vergessen</translation>
    </message>
    <message>
        <source>Forget the certificate trusted for %1? Do this only when the host has told you that they made a new one. The next connection asks you to compare the new fingerprint.</source>
        <translation>Das für %1 vertraute Zertifikat vergessen? Tun Sie das nur, wenn der Host Ihnen gesagt hat, dass er ein neues erstellt hat. Bei der nächsten Verbindung werden Sie gebeten, den neuen Fingerabdruck zu vergleichen.</translation>
    </message>
    <message>
        <source>Forget it</source>
        <translation>Vergessen</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::CertificateQuestion</name>
    <message>
        <source>Trust this server</source>
        <translation>Diesem Server vertrauen</translation>
    </message>
    <message>
        <source>Check the server's certificate</source>
        <translation>Zertifikat des Servers prüfen</translation>
    </message>
    <message>
        <source>This computer does not know the certificate of %1 yet. Compare its fingerprint with the one the host's screen shows (in CraftChat: Hosted server). Trust it only when every group is the same.</source>
        <translation>Dieser Computer kennt das Zertifikat von %1 noch nicht. Vergleichen Sie seinen Fingerabdruck mit dem auf dem Bildschirm des Hosts (in CraftChat: Eigener Server). Vertrauen Sie ihm nur, wenn jede Gruppe gleich ist.</translation>
    </message>
    <message>
        <source>Once trusted, the app connects to this address without asking, and warns you if it ever presents another certificate.</source>
        <translation>Danach verbindet sich die App ohne Rückfrage mit dieser Adresse und warnt Sie, falls sie jemals ein anderes Zertifikat vorlegt.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatController</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Someone started a chat with you.</source>
        <translation>Jemand hat einen Chat mit Ihnen begonnen.</translation>
    </message>
    <message>
        <source>%1 started a chat with you.</source>
        <translation>%1 hat einen Chat mit Ihnen begonnen.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>Cannot keep a copy of %1 for sending.</source>
        <translation>Von %1 kann keine Kopie zum Senden angelegt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is %2; the server takes files up to %3.</source>
        <translation>%1 ist %2 groß; der Server nimmt Dateien bis %3.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListDelegate</name>
    <message>
        <source>Craftsman</source>
        <translation>Handwerker</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListModel</name>
    <message>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation><numerusform>%n ungelesen</numerusform><numerusform>%n ungelesen</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListPanel</name>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a chat with a craftsman (Ctrl+N)</source>
        <translation>Einen Chat mit einem Handwerker beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>No chats yet.</source>
        <translation>Noch keine Chats.</translation>
    </message>
    <message>
        <source>Search chats and messages (Ctrl+K)</source>
        <translation>Chats und Nachrichten durchsuchen (Strg+K)</translation>
    </message>
    <message>
        <source>Search chats and messages</source>
        <translation>Chats und Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>No chat matches “%1”.</source>
        <translation>Kein Chat passt zu „%1“.</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>Keine Nachricht passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatSession</name>
    <message>
        <source>You are sending too fast. Try again in a minute.</source>
        <translation>Sie senden zu schnell. Versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>You cannot write in this chat.</source>
        <translation>Sie können in diesem Chat nicht schreiben.</translation>
    </message>
    <message>
        <source>The message was refused.</source>
        <translation>Die Nachricht wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The server could not store the message.</source>
        <translation>Der Server konnte die Nachricht nicht speichern.</translation>
    </message>
    <message>
        <source>Sending failed.</source>
        <translation>Senden fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The server refused the photo.</source>
        <translation>Der Server hat das Foto abgelehnt.</translation>
    </message>
    <message>
        <source>The server refused the photo: %1</source>
        <translation>Der Server hat das Foto abgelehnt: %1</translation>
    </message>
    <message>
        <source>You are offline. Try again when the connection is back.</source>
        <translation>Sie sind offline. Versuchen Sie es erneut, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>The server did not answer. Try again.</source>
        <translation>Der Server hat nicht geantwortet. Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Only the sender can change this message.</source>
        <translation>Nur der Absender kann diese Nachricht ändern.</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>Der Server hat die Änderung abgelehnt.</translation>
    </message>
    <message>
        <source>%1 is %2; the server takes files up to %3.</source>
        <translation>%1 ist %2 groß; der Server nimmt Dateien bis %3.</translation>
    </message>
    <message>
        <source>The file to send can no longer be read.</source>
        <translation>Die zu sendende Datei kann nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>The server refused the file.</source>
        <translation>Der Server hat die Datei abgelehnt.</translation>
    </message>
    <message>
        <source>The server refused the file: %1</source>
        <translation>Der Server hat die Datei abgelehnt: %1</translation>
    </message>
    <message>
        <source>%1 is larger than this server accepts.</source>
        <translation>%1 ist größer, als dieser Server annimmt.</translation>
    </message>
    <message>
        <source>The photo is larger than this server accepts.</source>
        <translation>Das Foto ist größer, als dieser Server annimmt.</translation>
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
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Characters left</source>
        <translation>Verbleibende Zeichen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Attach a file (Ctrl+Shift+A)</source>
        <translation>Datei anhängen (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Datei anhängen</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Antwort an %1</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ComposerEdit</name>
    <message>
        <source>Write a message…</source>
        <translation>Nachricht schreiben…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation><numerusform>Neuer Versuch in %n s</numerusform><numerusform>Neuer Versuch in %n s</numerusform></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Messages and passwords cross the network unencrypted. Ask the server's host for an https:// address.</source>
        <translation>Nachrichten und Passwörter gehen unverschlüsselt durchs Netz. Bitten Sie den Host des Servers um eine https://-Adresse.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationPane</name>
    <message>
        <source>Chat partner</source>
        <translation>Chatpartner</translation>
    </message>
    <message>
        <source>Typing indicator</source>
        <translation>Tippanzeige</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>You are offline. Messages you write are sent when the connection is back.</source>
        <translation>Sie sind offline. Was Sie schreiben, wird gesendet, sobald die Verbindung wieder steht.</translation>
    </message>
    <message numerus="yes">
        <source>Next attempt in %n s.</source>
        <translation><numerusform>Nächster Versuch in %n s.</numerusform><numerusform>Nächster Versuch in %n s.</numerusform></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt versuchen</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>sich selbst</translation>
    </message>
    <message>
        <source>That message is no longer in this chat.</source>
        <translation>Diese Nachricht ist nicht mehr in diesem Chat.</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
    <message>
        <source>Photos (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>Fotos (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.txt *.csv)</source>
        <translation>Dokumente (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.txt *.csv)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>Text &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete for everyone…</source>
        <translation>Für alle &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the chat? This cannot be undone.</source>
        <translation>Diese Nachricht für alle im Chat löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <source>No program is set up to open %1.</source>
        <translation>Kein Programm ist zum Öffnen von %1 eingerichtet.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>Cannot save the file as %1.</source>
        <translation>Die Datei kann nicht als %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Gespeichert als %1.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>New messages ↓</source>
        <translation>Neue Nachrichten ↓</translation>
    </message>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation><numerusform>%n neu ↓</numerusform><numerusform>%n neu ↓</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Jump to the newest messages (%n unread)</source>
        <translation><numerusform>Zu den neuesten Nachrichten (%n ungelesen)</numerusform><numerusform>Zu den neuesten Nachrichten (%n ungelesen)</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::FileCache</name>
    <message>
        <source>This file is not on the chat server.</source>
        <translation>Diese Datei liegt nicht auf dem Chat-Server.</translation>
    </message>
    <message>
        <source>Cannot write to %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Download abgebrochen.</translation>
    </message>
    <message>
        <source>The file is no longer on the server.</source>
        <translation>Die Datei ist nicht mehr auf dem Server.</translation>
    </message>
    <message>
        <source>The server sent more than the file's size.</source>
        <translation>Der Server hat mehr als die Dateigröße gesendet.</translation>
    </message>
    <message>
        <source>The download failed (%1).</source>
        <translation>Der Download ist fehlgeschlagen (%1).</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::FindBar</name>
    <message>
        <source>Find in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Neuerer Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>Neuerer Treffer</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>Älterer Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>Älterer Treffer</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::HostPanel</name>
    <message>
        <source>Stop server</source>
        <translation>Server stoppen</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>Server starten</translation>
    </message>
    <message>
        <source>Hosted server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Der Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation>Diese Version von CraftChat kann keinen Server bereitstellen.</translation>
    </message>
    <message>
        <source>The server is stopped. Data folder: %1</source>
        <translation>Der Server ist gestoppt. Datenordner: %1</translation>
    </message>
    <message>
        <source>The server is running. Data folder: %1</source>
        <translation>Der Server läuft. Datenordner: %1</translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation>(keine Netzwerkverbindung)</translation>
    </message>
    <message>
        <source>Other computers connect to: %1</source>
        <translation>Andere Computer verbinden sich mit: %1</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>Jetzt sichern…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>No backup yet. Back up now to a USB disk or another computer.</source>
        <translation>Noch keine Sicherung. Sichern Sie jetzt auf einen USB-Datenträger oder einen anderen Computer.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation><numerusform>vor %n Tag</numerusform><numerusform>vor %n Tagen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation><numerusform>vor %n Stunde</numerusform><numerusform>vor %n Stunden</numerusform></translation>
    </message>
    <message>
        <source>less than an hour ago</source>
        <translation>vor weniger als einer Stunde</translation>
    </message>
    <message>
        <source>Warning: the last backup is old (%1, %2). Back up now.</source>
        <translation>Achtung: Die letzte Sicherung ist alt (%1, %2). Sichern Sie jetzt.</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2).</source>
        <translation>Letzte Sicherung: %1 (%2).</translation>
    </message>
    <message>
        <source>A backup is being written…</source>
        <translation>Eine Sicherung wird geschrieben…</translation>
    </message>
    <message>
        <source>The last attempt failed: %1</source>
        <translation>Der letzte Versuch ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Daily backups go to %1.</source>
        <translation>Tägliche Sicherungen gehen nach %1.</translation>
    </message>
    <message>
        <source>Stop the server to restore a backup.</source>
        <translation>Stoppen Sie den Server, um eine Sicherung wiederherzustellen.</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>Ordner für Sicherungen</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>CraftChat backups (craftchat-backup-*.tar)</source>
        <translation>CraftChat-Sicherungen (craftchat-backup-*.tar)</translation>
    </message>
    <message>
        <source>Replace the server's data with the backup %1?

Everything written since that backup is no longer shown. The current data folder is kept next to it under a new name.</source>
        <translation>Die Daten des Servers durch die Sicherung %1 ersetzen?

Alles, was seit dieser Sicherung geschrieben wurde, wird nicht mehr angezeigt. Der bisherige Datenordner bleibt unter neuem Namen daneben erhalten.</translation>
    </message>
    <message>
        <source>Restoring and verifying the backup…</source>
        <translation>Sicherung wird geprüft und wiederhergestellt…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Create invitation</source>
        <translation>Einladung erstellen</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Invitation as QR code</source>
        <translation>Einladung als QR-Code</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Craftsman</source>
        <translation>Handwerker</translation>
    </message>
    <message>
        <source>Role of the invited person</source>
        <translation>Rolle der eingeladenen Person</translation>
    </message>
    <message>
        <source>Certificate fingerprint: when someone connects for the first time, their app shows it; they compare it with this one.</source>
        <translation>Fingerabdruck des Zertifikats: Wer sich zum ersten Mal verbindet, sieht ihn in seiner App und vergleicht ihn mit diesem.</translation>
    </message>
    <message>
        <source>Invitation: send it, or let them photograph the QR code. It carries the address and the fingerprint, so their app trusts this server.</source>
        <translation>Einladung: Schicken Sie sie oder lassen Sie den QR-Code fotografieren. Sie enthält Adresse und Fingerabdruck, damit die App dem Server vertraut.</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <source>This server is not encrypted.</source>
        <translation>Dieser Server ist nicht verschlüsselt.</translation>
    </message>
    <message>
        <source>Registration on this server needs an invitation code. Sign in to create one.</source>
        <translation>Die Registrierung auf diesem Server braucht einen Einladungscode. Melden Sie sich an, um einen zu erstellen.</translation>
    </message>
    <message>
        <source>Registration on this server needs an invitation code: create one for the person you invite.</source>
        <translation>Die Registrierung auf diesem Server braucht einen Einladungscode: Erstellen Sie einen für die Person, die Sie einladen.</translation>
    </message>
    <message>
        <source>No invitation was created: %1</source>
        <translation>Es wurde keine Einladung erstellt: %1</translation>
    </message>
    <message>
        <source>Invitation for a craftsman, valid for 7 days and for one account.</source>
        <translation>Einladung für einen Handwerker, 7 Tage und für ein Konto gültig.</translation>
    </message>
    <message>
        <source>Invitation for a client, valid for 7 days and for one account.</source>
        <translation>Einladung für einen Kunden, 7 Tage und für ein Konto gültig.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ImageViewer</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Loading photo…</source>
        <translation>Foto wird geladen…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MainWindow</name>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Select a chat, or start a new one with Ctrl+N.</source>
        <translation>Wählen Sie einen Chat oder beginnen Sie mit Strg+N einen neuen.</translation>
    </message>
    <message>
        <source>Select a chat to start messaging.</source>
        <translation>Wählen Sie einen Chat, um zu schreiben.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>&amp;Neuer Chat…</translation>
    </message>
    <message>
        <source>&amp;Find chat</source>
        <translation>Chat &amp;suchen</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Write message</source>
        <translation>Nachricht &amp;schreiben</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Go to chat &amp;list</source>
        <translation>Zur Chat&amp;liste</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Close chat</source>
        <translation>Chat s&amp;chließen</translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Server &amp;monitor</source>
        <translation>Server&amp;monitor</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>&amp;Hosted server…</source>
        <translation>&amp;Eigener Server…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Show CraftChat</source>
        <translation>CraftChat anzeigen</translation>
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
        <translation>Foto wird geladen…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>The server did not take the message.</source>
        <translation>Der Server hat die Nachricht nicht angenommen.</translation>
    </message>
    <message>
        <source>Click to retry or delete it.</source>
        <translation>Klicken, um es erneut zu versuchen oder zu löschen.</translation>
    </message>
    <message>
        <source>Click to delete it.</source>
        <translation>Klicken, um sie zu löschen.</translation>
    </message>
    <message>
        <source>Photo unavailable</source>
        <translation>Foto nicht verfügbar</translation>
    </message>
    <message>
        <source>Load image from %1</source>
        <translation>Bild von %1 laden</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>Frühere Nachricht</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1-Datei</translation>
    </message>
    <message>
        <source>%1 % · click to cancel</source>
        <translation>%1 % · Klicken zum Abbrechen</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MessageModel</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Search craftsmen by name</source>
        <translation>Handwerker nach Namen suchen</translation>
    </message>
    <message>
        <source>Search craftsmen</source>
        <translation>Handwerker suchen</translation>
    </message>
    <message>
        <source>Craftsmen</source>
        <translation>Handwerker</translation>
    </message>
    <message>
        <source>e.g. Kitchen tiles (optional)</source>
        <translation>z. B. Küchenfliesen (optional)</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Auftragstitel</translation>
    </message>
    <message>
        <source>Hello! … (optional)</source>
        <translation>Hallo! … (optional)</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>Erste Nachricht</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <source>&amp;Craftsman</source>
        <translation>&amp;Handwerker</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;Auftragstitel</translation>
    </message>
    <message>
        <source>First &amp;message</source>
        <translation>Erste &amp;Nachricht</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::NoticeBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
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
        <translation><numerusform>CraftChat: %n ungelesen</numerusform><numerusform>CraftChat: %n ungelesen</numerusform></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::RegisterForm</name>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation><numerusform>Mindestens %n Zeichen</numerusform><numerusform>Mindestens %n Zeichen</numerusform></translation>
    </message>
    <message>
        <source>I need work done (client)</source>
        <translation>Ich suche Handwerker (Kunde)</translation>
    </message>
    <message>
        <source>I offer work (craftsman)</source>
        <translation>Ich biete Arbeit an (Handwerker)</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>&amp;Vollständiger Name</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>E-&amp;Mail</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Enter your full name.</source>
        <translation>Geben Sie Ihren vollständigen Namen ein.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation><numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform><numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform></translation>
    </message>
    <message>
        <source>An account with this email already exists.</source>
        <translation>Ein Konto mit dieser E-Mail-Adresse existiert bereits.</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>&amp;Invitation code</source>
        <translation>&amp;Einladungscode</translation>
    </message>
    <message>
        <source>This server needs an invitation code for this account. Ask the host for an invitation.</source>
        <translation>Dieser Server braucht für dieses Konto einen Einladungscode. Bitten Sie den Host um eine Einladung.</translation>
    </message>
    <message>
        <source>Required on this server</source>
        <translation>Auf diesem Server erforderlich</translation>
    </message>
    <message>
        <source>Only if you have an invitation</source>
        <translation>Nur wenn Sie eine Einladung haben</translation>
    </message>
    <message>
        <source>This server creates this account only with an invitation. Ask the host for an invitation code.</source>
        <translation>Dieser Server erstellt dieses Konto nur mit einer Einladung. Bitten Sie den Host um einen Einladungscode.</translation>
    </message>
    <message>
        <source>This invitation code is not valid: it may have been used, expired or withdrawn. Ask the host for a new one.</source>
        <translation>Dieser Einladungscode ist ungültig: Er wurde vielleicht schon benutzt, ist abgelaufen oder wurde zurückgezogen. Bitten Sie den Host um einen neuen.</translation>
    </message>
    <message>
        <source>This invitation is for the other role. Choose the role the invitation was made for.</source>
        <translation>Diese Einladung gilt für die andere Rolle. Wählen Sie die Rolle, für die die Einladung erstellt wurde.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ServerMonitorWindow</name>
    <message>
        <source>Server monitor</source>
        <translation>Servermonitor</translation>
    </message>
    <message>
        <source>Rooms and sockets</source>
        <translation>Räume und Sockets</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Cannot read the server's state: %1</source>
        <translation>Der Serverstatus kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>Der Server hat eine unerwartete Antwort gesendet.</translation>
    </message>
    <message>
        <source>%1 connections, %2 rooms (updated %3)</source>
        <translation>%1 Verbindungen, %2 Räume (aktualisiert %3)</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ServerPage</name>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Host a server on this computer</source>
        <translation>Server auf diesem Computer bereitstellen</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>or</source>
        <translation>oder</translation>
    </message>
    <message>
        <source>Runs the chat server inside this app. Other computers on your network connect to the address shown after it starts.</source>
        <translation>Startet den Chatserver in dieser App. Andere Computer in Ihrem Netzwerk verbinden sich mit der Adresse, die nach dem Start angezeigt wird.</translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation>Diese Version von CraftChat kann keinen Server bereitstellen.</translation>
    </message>
    <message>
        <source>Enter an address like http://192.168.1.20:3001.</source>
        <translation>Geben Sie eine Adresse wie http://192.168.1.20:3001 ein.</translation>
    </message>
    <message>
        <source>Server address or invitation, e.g. https://192.168.1.20:3001</source>
        <translation>Serveradresse oder Einladung, z. B. https://192.168.1.20:3001</translation>
    </message>
    <message>
        <source>This invitation is not valid. Copy it again from the host's screen.</source>
        <translation>Diese Einladung ist ungültig. Kopieren Sie sie erneut vom Bildschirm des Hosts.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SettingsDialog</name>
    <message>
        <source>Mute desktop notifications</source>
        <translation>Desktop-Benachrichtigungen stummschalten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation>Vergessen…</translation>
    </message>
    <message>
        <source>Trusted server certificates</source>
        <translation>Vertraute Server-Zertifikate</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Vertraute Zertifikate</translation>
    </message>
    <message>
        <source>Forget the trusted certificate</source>
        <translation>Vertrautes Zertifikat vergessen</translation>
    </message>
    <message>
        <source>Forget the certificate trusted for %1? The next connection asks you to compare its fingerprint again.</source>
        <translation>Das für %1 vertraute Zertifikat vergessen? Bei der nächsten Verbindung werden Sie gebeten, seinen Fingerabdruck erneut zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SignInForm</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SocketDebugModel</name>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>Sockets</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Unbekannter Benutzer</translation>
    </message>
    <message>
        <source>%1 (all their connections)</source>
        <translation>%1 (alle Verbindungen)</translation>
    </message>
    <message>
        <source>Chat (nobody online)</source>
        <translation>Chat (niemand online)</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>Chat: %1</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>Verbindung %1</translation>
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
        <translation>Willkommen bei CraftChat</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Der Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Change server</source>
        <translation>Server wechseln</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>%1 does not look like a CraftChat server.</source>
        <translation>%1 scheint kein CraftChat-Server zu sein.</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Server wird gestartet…</translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation>(keine Netzwerkverbindung)</translation>
    </message>
    <message>
        <source>This computer is hosting the server. Other computers connect to:</source>
        <translation>Dieser Computer stellt den Server bereit. Andere Computer verbinden sich mit:</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>E-Mail oder Passwort ist falsch.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n min.</source>
        <translation><numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Min. erneut.</numerusform><numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Min. erneut.</numerusform></translation>
    </message>
</context>
</TS>