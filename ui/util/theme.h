// Colours of the app derived from the active palette, and the light and dark palettes the app
// offers (Fusion style), both checked for readable contrast.
#pragma once

#include <QColor>
#include <QPalette>

namespace craftchat::ui::theme {

enum class Mode {
    System,
    Light,
    Dark
};

QPalette lightPalette();
QPalette darkPalette();
// Applies the mode to the application (Fusion style with our palettes; System keeps the
// platform palette but still picks our light or dark one to match its brightness).
void apply(Mode mode);

bool isDark(const QPalette &p);
QColor accent(const QPalette &p);
QColor ownBubble(const QPalette &p);
QColor ownBubbleText(const QPalette &p);
QColor otherBubble(const QPalette &p);
QColor otherBubbleText(const QPalette &p);
QColor mutedText(const QPalette &p);
QColor badge(const QPalette &p);
QColor badgeText(const QPalette &p);
QColor readTick(const QPalette &p);
QColor failed(const QPalette &p);
QColor conversationBackground(const QPalette &p);

} // namespace craftchat::ui::theme
