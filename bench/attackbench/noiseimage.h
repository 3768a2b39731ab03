// A valid PNG of random RGB pixels (noise does not compress, so the file is about
// width * height * 3 bytes), made with Qt Core only (zlib through qCompress).
#pragma once

#include <QByteArray>

namespace craftchat::bench {

// Smallest square PNG of at least minBytes.
QByteArray noisePng(qint64 minBytes);

} // namespace craftchat::bench
