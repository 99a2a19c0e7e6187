package io.enhancer.engine.codec;

/** Reads the metadata chunks of an extended (VP8X) WebP: EXIF orientation and the ICCP colour profile. */
final class WebpMetadataChunks {
  private static final int RIFF_HEADER = 12;

  private WebpMetadataChunks() {}

  /** 1 when there is no EXIF chunk. */
  static int orientation(byte[] b) {
    int data = find(b, "EXIF");
    if (data < 0) return 1;
    int size = size(b, data - 8);
    // some writers keep the JPEG-style "Exif\0\0" prefix inside the chunk
    int skip = size >= 6 && b[data] == 'E' && b[data + 1] == 'x' && b[data + 2] == 'i' && b[data + 3] == 'f' ? 6 : 0;
    return TiffOrientationTag.read(b, data + skip, size - skip);
  }

  static EmbeddedProfile profile(byte[] b) {
    int data = find(b, "ICCP");
    return data < 0 ? EmbeddedProfile.NONE
        : EmbeddedProfile.icc(java.util.Arrays.copyOfRange(b, data, data + size(b, data - 8)));
  }

  /** Offset of the named chunk's data, or -1. */
  private static int find(byte[] b, String fourCc) {
    int i = RIFF_HEADER;
    while (i + 8 <= b.length) {
      long size = size(b, i) & 0xFFFFFFFFL;
      int data = i + 8;
      if (size > b.length - data) return -1;
      if (b[i] == fourCc.charAt(0) && b[i + 1] == fourCc.charAt(1) && b[i + 2] == fourCc.charAt(2)
          && b[i + 3] == fourCc.charAt(3)) {
        return data;
      }
      i = data + (int) size + (int) (size & 1); // chunks are padded to even length
    }
    return -1;
  }

  private static int size(byte[] b, int chunk) {
    return (b[chunk + 4] & 0xFF) | (b[chunk + 5] & 0xFF) << 8 | (b[chunk + 6] & 0xFF) << 16 | (b[chunk + 7] & 0xFF) << 24;
  }
}
