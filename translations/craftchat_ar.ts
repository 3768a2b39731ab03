<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>ApiClient</name>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::app::EmbeddedServerHost</name>
    <message>
        <source>The server is not running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ApiClient</name>
    <message>
        <source>Cannot reach the server (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with status %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::AppController</name>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept your session. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatController</name>
    <message>
        <source>The photo is larger than 5 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone started a chat with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started a chat with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListDelegate</name>
    <message>
        <source>Craftsman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListModel</name>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatListPanel</name>
    <message>
        <source>Search chats (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a chat with a craftsman (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chats yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ChatSession</name>
    <message>
        <source>You are sending too fast. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write in this chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not store the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::Composer</name>
    <message>
        <source>Attach a photo (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ComposerEdit</name>
    <message>
        <source>Write a message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConnectionIndicator</name>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationPane</name>
    <message>
        <source>Chat partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to new messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::HostPanel</name>
    <message>
        <source>Stop server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosted server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is stopped. Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is running. Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other computers connect to: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ImageViewer</name>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading photo…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MainWindow</name>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a chat, or start a new one with Ctrl+N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a chat to start messaging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to chat &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosted server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show CraftChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CraftChat (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CraftChat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MessageDelegate</name>
    <message>
        <source>Not sent. Click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading photo…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::MessageModel</name>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search craftsmen by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search craftsmen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Craftsmen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Kitchen tiles (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello! … (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Craftsman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::Notifier</name>
    <message>
        <source>CraftChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>CraftChat: %n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>craftchat::ui::ServerMonitorWindow</name>
    <message>
        <source>Server monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms and sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the server&apos;s state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections, %2 rooms (updated %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SettingsDialog</name>
    <message>
        <source>Mute desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies the next time CraftChat starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::SocketDebugModel</name>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>craftchat::ui::StartWindow</name>
    <message>
        <source>CraftChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to CraftChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address, e.g. http://192.168.1.20:3001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a server on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the chat server inside this app. Other computers on your network connect to the address shown after it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build of CraftChat cannot host a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>I need work done (client)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I offer work (craftsman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address like http://192.168.1.20:3001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not look like a CraftChat server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the admin account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no network connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is hosting the server. Other computers connect to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>An account with this email already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
