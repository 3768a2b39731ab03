// Removes an image's metadata (EXIF, XMP with its location, comments, text) without touching
// its pixels: each filter walks the file's own container structure (JPEG segments, PNG chunks,
// the RIFF chunks of WebP), copies what it keeps byte for byte and drops the rest. Input is
// read and output written in bounded pieces. Anything that does not parse (truncated, a length
// past the end, a bad signature) is an error and nothing is to be kept.
#pragma once

#include "common/core/result.h"

#include <QString>

class QIODevice;

namespace craftchat::api {

using StripResult = Result<void, QString>;

// JPEG: drops APP1 (Exif, XMP), APP13 (Photoshop/IPTC) and COM segments before the image
// data; everything from the start of scan on is copied as it is, up to and including EOI.
StripResult stripJpegMetadata(QIODevice &in, QIODevice &out);
// PNG: drops the tEXt, zTXt, iTXt, eXIf and tIME chunks; ends after IEND.
StripResult stripPngMetadata(QIODevice &in, QIODevice &out);
// WebP: drops the EXIF and XMP chunks, clears their flags in VP8X and writes the new RIFF
// size (out must be seekable). A simple (VP8/VP8L) file has no metadata and is copied.
StripResult stripWebpMetadata(QIODevice &in, QIODevice &out);

} // namespace craftchat::api
