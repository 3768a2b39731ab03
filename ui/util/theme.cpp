#include "ui/util/theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace craftchat::ui::theme {

namespace {

// One palette entry in both of our palettes. An invalid colour leaves the role to the style.
struct PaletteEntry
{
    QPalette::ColorGroup group;
    QPalette::ColorRole role;
    QColor light;
    QColor dark;
};

QPalette makePalette(bool dark)
{
    constexpr auto All = QPalette::All;
    constexpr auto Disabled = QPalette::Disabled;
    static const PaletteEntry entries[] = {
        {All, QPalette::Window, QColor(0xf3, 0xf5, 0xf8), QColor(0x1c, 0x1f, 0x24)},
        {All, QPalette::WindowText, QColor(0x1b, 0x1f, 0x24), QColor(0xe6, 0xe8, 0xeb)},
        {All, QPalette::Base, Qt::white, QColor(0x24, 0x28, 0x2e)},
        {All, QPalette::AlternateBase, QColor(0xee, 0xf1, 0xf5), QColor(0x2b, 0x30, 0x37)},
        {All, QPalette::Text, QColor(0x1b, 0x1f, 0x24), QColor(0xe6, 0xe8, 0xeb)},
        {All, QPalette::Button, QColor(0xf7, 0xf8, 0xfa), QColor(0x2b, 0x30, 0x37)},
        {All, QPalette::ButtonText, QColor(0x1b, 0x1f, 0x24), QColor(0xe6, 0xe8, 0xeb)},
        {All, QPalette::Highlight, QColor(0x1e, 0x6f, 0xd9), QColor(0x3d, 0x8b, 0xfd)},
        {All, QPalette::HighlightedText, Qt::white, Qt::white},
        {All, QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x7c), QColor(0x8b, 0x93, 0x9e)},
        {All, QPalette::ToolTipBase, QColor(0x1b, 0x1f, 0x24), QColor(0xe6, 0xe8, 0xeb)},
        {All, QPalette::ToolTipText, Qt::white, QColor(0x1c, 0x1f, 0x24)},
        {All, QPalette::Link, QColor(0x1e, 0x6f, 0xd9), QColor(0x6c, 0xa8, 0xff)},
        {All, QPalette::Mid, QColor(0xc9, 0xce, 0xd6), QColor(0x3a, 0x40, 0x48)},
        {All, QPalette::Midlight, QColor(0xe1, 0xe5, 0xea), QColor(0x33, 0x39, 0x40)},
        {All, QPalette::Dark, QColor(0x9a, 0xa1, 0xab), QColor(0x14, 0x16, 0x1a)},
        {All, QPalette::Light, QColor(), QColor(0x40, 0x46, 0x4f)},
        {Disabled, QPalette::Text, QColor(0x9a, 0xa1, 0xab), QColor(0x6b, 0x72, 0x7c)},
        {Disabled, QPalette::ButtonText, QColor(0x9a, 0xa1, 0xab), QColor(0x6b, 0x72, 0x7c)},
        {Disabled, QPalette::WindowText, QColor(0x9a, 0xa1, 0xab), QColor(0x6b, 0x72, 0x7c)},
    };
    QPalette p;
    for (const PaletteEntry &entry : entries) {
        const QColor &color = dark ? entry.dark : entry.light;
        if (color.isValid())
            p.setColor(entry.group, entry.role, color);
    }
    return p;
}

} // namespace

QPalette lightPalette()
{
    return makePalette(false);
}
QPalette darkPalette()
{
    return makePalette(true);
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

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Window).lightness() < 128;
}
QColor accent(const QPalette &p)
{
    return p.color(QPalette::Highlight);
}

QColor ownBubble(const QPalette &p)
{
    return isDark(p) ? QColor(0x1f, 0x4f, 0x8f) : QColor(0xd8, 0xe8, 0xff);
}
QColor ownBubbleText(const QPalette &p)
{
    return isDark(p) ? QColor(0xf2, 0xf6, 0xff) : QColor(0x10, 0x24, 0x40);
}
QColor otherBubble(const QPalette &p)
{
    return isDark(p) ? QColor(0x2e, 0x33, 0x3b) : Qt::white;
}
QColor otherBubbleText(const QPalette &p)
{
    return p.color(QPalette::Text);
}
QColor mutedText(const QPalette &p)
{
    return isDark(p) ? QColor(0x9a, 0xa3, 0xae) : QColor(0x5f, 0x67, 0x72);
}
QColor badge(const QPalette &p)
{
    return isDark(p) ? QColor(0x3d, 0x8b, 0xfd) : QColor(0x1e, 0x6f, 0xd9);
}
QColor badgeText(const QPalette &)
{
    return Qt::white;
}
QColor readTick(const QPalette &p)
{
    return isDark(p) ? QColor(0x7c, 0xc4, 0xff) : QColor(0x0b, 0x7a, 0xd6);
}
QColor failed(const QPalette &p)
{
    return isDark(p) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}
QColor conversationBackground(const QPalette &p)
{
    return isDark(p) ? QColor(0x17, 0x1a, 0x1e) : QColor(0xe9, 0xed, 0xf2);
}

} // namespace craftchat::ui::theme
