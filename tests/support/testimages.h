// Real images for upload tests (the server decodes every image it accepts), encoded with
// QImageWriter from one small picture.
#pragma once

#include <QByteArray>

namespace craftchat::testsupport {

// format: "png", "jpeg", "webp" (width x height pixels), "gif" (1x1, written by hand: Qt has no
// GIF writer). Empty if Qt cannot write the format.
QByteArray encodedTestImage(const char *format, int width = 24, int height = 16);

} // namespace craftchat::testsupport
