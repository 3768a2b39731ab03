// Registers the icons compiled into this static library (call once from main() and tests).
#pragma once

namespace craftchat::ui {
void initResources();
}
