#include "util/theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace craftchat::ui::theme {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf5, 0xf8));
    p.setColor(QPalette::WindowText, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf1, 0xf5));
    p.setColor(QPalette::Text, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Button, QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::ButtonText, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::Highlight, QColor(0x1e, 0x6f, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x7c));
    p.setColor(QPalette::ToolTipBase, QColor(0x1b, 0x1f, 0x24));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1e, 0x6f, 0xd9));
    p.setColor(QPalette::Mid, QColor(0xc9, 0xce, 0xd6));
    p.setColor(QPalette::Midlight, QColor(0xe1, 0xe5, 0xea));
    p.setColor(QPalette::Dark, QColor(0x9a, 0xa1, 0xab));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa1, 0xab));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa1, 0xab));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa1, 0xab));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1c, 0x1f, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Base, QColor(0x24, 0x28, 0x2e));
    p.setColor(QPalette::AlternateBase, QColor(0x2b, 0x30, 0x37));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Button, QColor(0x2b, 0x30, 0x37));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x93, 0x9e));
    p.setColor(QPalette::ToolTipBase, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::ToolTipText, QColor(0x1c, 0x1f, 0x24));
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x40, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x39, 0x40));
    p.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x1a));
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4f));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x72, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x72, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6b, 0x72, 0x7c));
    return p;
}

void apply(Mode mode)
{
    static const bool platformDark = isDark(QGuiApplication::palette()); // before we change it
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    bool dark = mode == Mode::Dark;
    if (mode == Mode::System)
        dark = platformDark;
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
}

bool isDark(const QPalette &p) { return p.color(QPalette::Window).lightness() < 128; }
QColor accent(const QPalette &p) { return p.color(QPalette::Highlight); }

QColor ownBubble(const QPalette &p)
{
    return isDark(p) ? QColor(0x1f, 0x4f, 0x8f) : QColor(0xd8, 0xe8, 0xff);
}
QColor ownBubbleText(const QPalette &p) { return isDark(p) ? QColor(0xf2, 0xf6, 0xff) : QColor(0x10, 0x24, 0x40); }
QColor otherBubble(const QPalette &p) { return isDark(p) ? QColor(0x2e, 0x33, 0x3b) : Qt::white; }
QColor otherBubbleText(const QPalette &p) { return p.color(QPalette::Text); }
QColor mutedText(const QPalette &p)
{
    return isDark(p) ? QColor(0x9a, 0xa3, 0xae) : QColor(0x5f, 0x67, 0x72);
}
QColor badge(const QPalette &p) { return isDark(p) ? QColor(0x3d, 0x8b, 0xfd) : QColor(0x1e, 0x6f, 0xd9); }
QColor badgeText(const QPalette &) { return Qt::white; }
QColor readTick(const QPalette &p) { return isDark(p) ? QColor(0x7c, 0xc4, 0xff) : QColor(0x0b, 0x7a, 0xd6); }
QColor failed(const QPalette &p) { return isDark(p) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28); }
QColor conversationBackground(const QPalette &p)
{
    return isDark(p) ? QColor(0x17, 0x1a, 0x1e) : QColor(0xe9, 0xed, 0xf2);
}

} // namespace craftchat::ui::theme
