package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;

/**
 * What a JPEG's marker segments declare, read without decoding any pixel: frame size and component count (from SOF),
 * the Adobe colour transform (tells CMYK from YCCK), EXIF orientation, the ICC profile (APP2 chunks), and whether
 * the data ends with an EOI marker.
 *
 * @param adobeTransform APP14 transform byte (0 = none/CMYK, 1 = YCbCr, 2 = YCCK), or -1 without an Adobe segment
 */
record JpegStructure(int width, int height, int components, int adobeTransform, int exifOrientation,
                     EmbeddedProfile profile) {
  private static final String ICC_SIGNATURE = "ICC_PROFILE\0";

  /** Colour space of the stored samples, as reported in {@link SourceInfo#colourSpace()}. */
  String colourSpace() {
    return switch (components) {
      case 1 -> "gray";
      case 4 -> adobeTransform > 0 ? "ycck" : "cmyk"; // libjpeg: Adobe transform 0 = CMYK, any other = YCCK
      default -> "srgb";
    };
  }

  /** Four-component JPEGs need a colour-managed CMYK conversion that OpenCV's libjpeg path does not do. */
  boolean needsCmykConversion() {
    return components == 4;
  }

  static JpegStructure parse(byte[] b) {
    int width = -1, height = -1, components = 0, adobeTransform = -1, orientation = 1;
    IccChunks icc = new IccChunks();
    int i = 2; // after SOI
    while (true) {
      if (i >= b.length) throw new InvalidImageException("truncated JPEG: data ends before the image scan starts");
      if ((b[i] & 0xFF) != 0xFF) throw new InvalidImageException("corrupt JPEG: expected a marker at byte " + i);
      while (i < b.length && (b[i] & 0xFF) == 0xFF) i++; // fill bytes
      if (i >= b.length) throw new InvalidImageException("truncated JPEG: data ends before the image scan starts");
      int marker = b[i] & 0xFF;
      i++;
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // stand-alone markers without a length
      if (marker == 0xD9) throw new InvalidImageException("corrupt JPEG: end-of-image marker before any scan");
      if (i + 2 > b.length) throw new InvalidImageException("truncated JPEG: data ends inside a marker segment");
      int length = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
      if (length < 2) throw new InvalidImageException("corrupt JPEG: marker segment with length " + length);
      int data = i + 2;
      int next = i + length;
      if (next > b.length) {
        throw new InvalidImageException("truncated JPEG: marker segment 0x" + Integer.toHexString(marker).toUpperCase()
            + " runs past the end of the data");
      }
      if (isStartOfFrame(marker)) {
        if (length < 8) throw new InvalidImageException("corrupt JPEG: frame header too short");
        height = (b[data + 1] & 0xFF) << 8 | (b[data + 2] & 0xFF);
        width = (b[data + 3] & 0xFF) << 8 | (b[data + 4] & 0xFF);
        components = b[data + 5] & 0xFF;
      } else if (marker == 0xE1 && length >= 8 && startsWith(b, data, "Exif\0\0")) {
        orientation = TiffOrientationTag.read(b, data + 6, length - 2 - 6);
      } else if (marker == 0xE2 && length >= 2 + 14 && startsWith(b, data, ICC_SIGNATURE)) {
        icc.add(b, data + 12, length - 2 - 12);
      } else if (marker == 0xEE && length >= 14 && startsWith(b, data, "Adobe")) {
        adobeTransform = b[data + 11] & 0xFF;
      } else if (marker == 0xDA) {
        if (width < 0) throw new InvalidImageException("corrupt JPEG: scan data before any frame header");
        if (height == 0) throw new InvalidImageException("unsupported JPEG: height defined after the first scan (DNL)");
        if (width == 0) throw new InvalidImageException("corrupt JPEG: frame declares zero width");
        if (components != 1 && components != 3 && components != 4) {
          throw new InvalidImageException("unsupported JPEG: " + components + " colour components");
        }
        requireEndOfImage(b, next);
        return new JpegStructure(width, height, components, adobeTransform, orientation, icc.profile());
      }
      i = next;
    }
  }

  /**
   * libjpeg fills a truncated scan with grey and only warns, so a half-uploaded photo would decode "successfully".
   * Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so an 0xFFD9 pair after the first
   * scan header can only be the end-of-image marker (searching backwards tolerates trailing bytes after it).
   */
  private static void requireEndOfImage(byte[] b, int scanStart) {
    for (int i = b.length - 2; i >= scanStart; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) return;
    }
    throw new InvalidImageException("truncated JPEG: no end-of-image marker after the scan data ("
        + b.length + " bytes received)");
  }

  /** A profile is split over APP2 segments, each numbered "n of count" (ICC.1 annex B.4), to be joined in order. */
  private static final class IccChunks {
    private byte[][] chunks;
    private String problem;

    void add(byte[] b, int offset, int length) {
      int sequence = b[offset] & 0xFF;
      int count = b[offset + 1] & 0xFF;
      if (problem != null) return;
      if (chunks == null) chunks = new byte[Math.max(count, 1)][];
      if (count != chunks.length || sequence < 1 || sequence > count || chunks[sequence - 1] != null) {
        problem = "ICC_PROFILE segments are misnumbered (" + sequence + " of " + count + ")";
        return;
      }
      chunks[sequence - 1] = java.util.Arrays.copyOfRange(b, offset + 2, offset + length);
    }

    EmbeddedProfile profile() {
      if (problem != null) return EmbeddedProfile.unreadable(problem);
      if (chunks == null) return EmbeddedProfile.NONE;
      int total = 0;
      for (int k = 0; k < chunks.length; k++) {
        if (chunks[k] == null) {
          return EmbeddedProfile.unreadable("ICC_PROFILE segment " + (k + 1) + " of " + chunks.length + " is missing");
        }
        total += chunks[k].length;
      }
      byte[] joined = new byte[total];
      for (int k = 0, at = 0; k < chunks.length; at += chunks[k].length, k++) {
        System.arraycopy(chunks[k], 0, joined, at, chunks[k].length);
      }
      return EmbeddedProfile.icc(joined);
    }
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static boolean startsWith(byte[] b, int offset, String ascii) {
    if (offset + ascii.length() > b.length) return false;
    for (int k = 0; k < ascii.length(); k++) {
      if (b[offset + k] != (byte) ascii.charAt(k)) return false;
    }
    return true;
  }
}
