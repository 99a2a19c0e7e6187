package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;

/**
 * What a PNG's chunks declare, read without inflating any pixel data: size, bit depth and colour type from IHDR,
 * transparency (alpha colour types or a tRNS chunk), EXIF orientation from eXIf, and that the chunk list is complete.
 */
record PngStructure(int width, int height, int bitDepth, int colourType, boolean hasTransparency, int exifOrientation) {

  private static final int SIGNATURE_LENGTH = 8;

  String colourSpace() {
    return colourType == 0 || colourType == 4 ? "gray" : "srgb";
  }

  static PngStructure parse(byte[] b) {
    int i = SIGNATURE_LENGTH;
    int width = -1, height = -1, bitDepth = 0, colourType = -1, orientation = 1;
    boolean transparency = false;
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
        case "IEND" -> {
          boolean alphaType = colourType == 4 || colourType == 6;
          return new PngStructure(width, height, bitDepth, colourType, alphaType || transparency, orientation);
        }
        default -> { }
      }
      i = data + (int) length + 4; // + CRC
    }
  }

  private static long readU32(byte[] b, int i) {
    return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "?";
  }
}
