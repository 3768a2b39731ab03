#include "ui/util/resources.h"

#include <QtGlobal>

static void initCraftchatResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace craftchat::ui {
void initResources()
{
    initCraftchatResources();
}
} // namespace craftchat::ui
