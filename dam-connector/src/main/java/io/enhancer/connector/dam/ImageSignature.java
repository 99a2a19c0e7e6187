package io.enhancer.connector.dam;

import java.util.Optional;

/** Recognises image formats from their first bytes, so content is checked rather than trusted headers. */
public final class ImageSignature {
  private ImageSignature() {}

  /** The media type of encoded bytes, by their signature (an encoder may fall back to another format). */
  public static String mediaType(byte[] b) {
    return "image/" + sniff(b).orElse("jpeg");
  }

  /** The usual file extension of encoded bytes. */
  public static String extension(byte[] b) {
    String format = sniff(b).orElse("jpeg");
    return format.equals("jpeg") ? "jpg" : format;
  }

  public static Optional<String> sniff(byte[] b) {
    if (b == null || b.length < 12) return Optional.empty();
    if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) return Optional.of("jpeg");
    if ((b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return Optional.of("png");
    if (b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
        && b[11] == 'P') return Optional.of("webp");
    if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return Optional.of("gif");
    if ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)) {
      return Optional.of("tiff");
    }
    if (b[0] == 'B' && b[1] == 'M') return Optional.of("bmp");
    return Optional.empty();
  }
}
