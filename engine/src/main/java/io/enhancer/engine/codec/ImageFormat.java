package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import java.util.Locale;

/** Source formats we decode, recognised from their leading bytes (a file name or media type is never trusted). */
public enum ImageFormat {
  JPEG("jpeg"), PNG("png"), WEBP("webp"), TIFF("tiff"), BMP("bmp"), GIF("gif");

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  /** The format name ImageIO readers register under. */
  String imageIoName() {
    return imageIoName;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ImageFormat sniff(byte[] bytes) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) return WEBP;
    // classic TIFF (42) and BigTIFF (43), both byte orders
    if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)
        || startsWith(bytes, 0, 'I', 'I', 43, 0) || startsWith(bytes, 0, 'M', 'M', 0, 43)) return TIFF;
    if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) return GIF;
    if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 26) return BMP;
    throw new InvalidImageException("not an image: unrecognised signature (expected JPEG, PNG, WebP, TIFF, BMP or GIF)");
  }

  private static boolean startsWith(byte[] bytes, int offset, int... signature) {
    if (bytes.length < offset + signature.length) return false;
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[offset + i] & 0xFF) != signature[i]) return false;
    }
    return true;
  }
}
