package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.util.Locale;

public enum OutputFormat {
  JPEG("jpg", "image/jpeg"), WEBP("webp", "image/webp"), PNG("png", "image/png");

  private final String extension;
  private final String mediaType;

  OutputFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutputFormat parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "jpeg", "jpg" -> JPEG;
      case "webp" -> WEBP;
      case "png" -> PNG;
      default -> throw new InvalidOptionsException("format must be jpeg|webp|png, got '" + value + "'");
    };
  }
}
