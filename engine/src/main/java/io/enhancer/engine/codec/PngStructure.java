package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;

/**
 * What a PNG's chunks declare, read without inflating any pixel data: size, bit depth and colour type from IHDR,
 * transparency (alpha colour types or a tRNS chunk), EXIF orientation from eXIf, the colour profile (iCCP, or an sRGB
 * chunk, which the PNG spec says takes precedence), and that the chunk list is complete.
 */
record PngStructure(int width, int height, int bitDepth, int colourType, boolean hasTransparency, int exifOrientation,
                    EmbeddedProfile profile) {

  private static final int SIGNATURE_LENGTH = 8;

  String colourSpace() {
    return colourType == 0 || colourType == 4 ? "gray" : "srgb";
  }

  static PngStructure parse(byte[] b) {
    int i = SIGNATURE_LENGTH;
    int width = -1, height = -1, bitDepth = 0, colourType = -1, orientation = 1;
    boolean transparency = false;
    EmbeddedProfile profile = EmbeddedProfile.NONE;
    boolean srgbChunk = false;
    while (true) {
      if (i + 8 > b.length) throw new InvalidImageException("truncated PNG: no IEND chunk (" + b.length + " bytes received)");
      long length = readU32(b, i);
      String type = new String(b, i + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int data = i + 8;
      if (length > Integer.MAX_VALUE || data + length + 4 > b.length) {
        throw new InvalidImageException("truncated PNG: chunk '" + printable(type) + "' runs past the end of the data");
      }
      if (width < 0 && !type.equals("IHDR")) throw new InvalidImageException("corrupt PNG: first chunk is not IHDR");
      switch (type) {
        case "IHDR" -> {
          if (length != 13) throw new InvalidImageException("corrupt PNG: IHDR has length " + length);
          long w = readU32(b, data);
          long h = readU32(b, data + 4);
          if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new InvalidImageException("corrupt PNG: IHDR declares " + w + "x" + h);
          }
          width = (int) w;
          height = (int) h;
          bitDepth = b[data + 8] & 0xFF;
          colourType = b[data + 9] & 0xFF;
        }
        case "tRNS" -> transparency = true;
        case "eXIf" -> orientation = TiffOrientationTag.read(b, data, (int) length);
        case "iCCP" -> profile = iccProfile(b, data, (int) length);
        case "sRGB" -> srgbChunk = true;
        case "IEND" -> {
          boolean alphaType = colourType == 4 || colourType == 6;
          return new PngStructure(width, height, bitDepth, colourType, alphaType || transparency, orientation,
              srgbChunk ? EmbeddedProfile.SRGB_DECLARED : profile);
        }
        default -> { }
      }
      i = data + (int) length + 4; // + CRC
    }
  }

  /** iCCP: a profile name of 1-79 bytes, a NUL, compression method 0, then the zlib-compressed profile. */
  private static EmbeddedProfile iccProfile(byte[] b, int data, int length) {
    int nul = data;
    while (nul < data + Math.min(length, 80) && b[nul] != 0) nul++;
    if (nul >= data + length - 1 || b[nul] != 0) return EmbeddedProfile.unreadable("iCCP chunk has no profile name");
    if (b[nul + 1] != 0) return EmbeddedProfile.unreadable("iCCP chunk uses unknown compression " + b[nul + 1]);
    java.util.zip.Inflater inflater = new java.util.zip.Inflater();
    try {
      inflater.setInput(b, nul + 2, data + length - (nul + 2));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return EmbeddedProfile.unreadable("iCCP chunk's compressed profile is cut short");
        }
        out.write(buffer, 0, n);
        if (out.size() > EmbeddedProfile.MAX_BYTES) {
          return EmbeddedProfile.unreadable("iCCP profile inflates past " + EmbeddedProfile.MAX_BYTES + " bytes");
        }
      }
      return EmbeddedProfile.icc(out.toByteArray());
    } catch (java.util.zip.DataFormatException e) {
      return EmbeddedProfile.unreadable("iCCP chunk's compressed profile is damaged (" + e.getMessage() + ")");
    } finally {
      inflater.end();
    }
  }

  private static long readU32(byte[] b, int i) {
    return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "?";
  }
}
