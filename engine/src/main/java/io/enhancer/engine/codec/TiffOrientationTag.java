package io.enhancer.engine.codec;

/**
 * Reads the Orientation tag (0x0112) from IFD0 of a TIFF structure: the body of a JPEG APP1 "Exif" segment, a PNG
 * eXIf chunk, a WebP EXIF chunk, or a TIFF file itself. Damaged EXIF never fails a decode: it reads as 1 (as stored).
 */
final class TiffOrientationTag {
  private static final int ORIENTATION = 0x0112;

  private TiffOrientationTag() {}

  static int read(byte[] data, int start, int length) {
    int end = Math.min(data.length, start + length);
    if (end - start < 8) return 1;
    boolean littleEndian;
    if (data[start] == 'I' && data[start + 1] == 'I') littleEndian = true;
    else if (data[start] == 'M' && data[start + 1] == 'M') littleEndian = false;
    else return 1;
    Reader r = new Reader(data, start, end, littleEndian);
    if (r.u16(2) != 42) return 1; // BigTIFF and anything else: no orientation support, keep as stored
    long ifd = r.u32(4);
    if (ifd < 8 || ifd + 2 > end - start) return 1;
    int entries = r.u16((int) ifd);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + i * 12;
      if (entry + 12 > end - start) return 1;
      if (r.u16(entry) == ORIENTATION) {
        int type = r.u16(entry + 2);
        int value = type == 3 ? r.u16(entry + 8) : type == 4 ? (int) r.u32(entry + 8) : 1;
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private record Reader(byte[] data, int start, int end, boolean littleEndian) {
    int u8(int at) {
      int p = start + at;
      return p < end ? data[p] & 0xFF : 0;
    }

    int u16(int at) {
      return littleEndian ? u8(at) | u8(at + 1) << 8 : u8(at) << 8 | u8(at + 1);
    }

    long u32(int at) {
      long hi = littleEndian ? u16(at + 2) : u16(at);
      long lo = littleEndian ? u16(at) : u16(at + 2);
      return hi << 16 | lo;
    }
  }
}
