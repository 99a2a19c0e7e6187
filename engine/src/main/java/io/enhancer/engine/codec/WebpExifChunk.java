package io.enhancer.engine.codec;

/** Finds the EXIF chunk of an extended (VP8X) WebP and reads its orientation; 1 when there is none. */
final class WebpExifChunk {
  private static final int RIFF_HEADER = 12;

  private WebpExifChunk() {}

  static int orientation(byte[] b) {
    int i = RIFF_HEADER;
    while (i + 8 <= b.length) {
      long size = (b[i + 4] & 0xFFL) | (b[i + 5] & 0xFFL) << 8 | (b[i + 6] & 0xFFL) << 16 | (b[i + 7] & 0xFFL) << 24;
      int data = i + 8;
      if (size > b.length - data) return 1;
      if (b[i] == 'E' && b[i + 1] == 'X' && b[i + 2] == 'I' && b[i + 3] == 'F') {
        // some writers keep the JPEG-style "Exif\0\0" prefix inside the chunk
        int skip = size >= 6 && b[data] == 'E' && b[data + 1] == 'x' && b[data + 2] == 'i' && b[data + 3] == 'f' ? 6 : 0;
        return TiffOrientationTag.read(b, data + skip, (int) size - skip);
      }
      i = data + (int) size + (int) (size & 1); // chunks are padded to even length
    }
    return 1;
  }
}
