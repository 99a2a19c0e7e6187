package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.util.Locale;

/** An sRGB colour, 0..255 per channel. */
public record RgbColor(int r, int g, int b) {

  public static final RgbColor WHITE = new RgbColor(255, 255, 255);

  public RgbColor {
    if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255) {
      throw new InvalidOptionsException("colour channels must be 0..255, got " + r + "," + g + "," + b);
    }
  }

  /** Parses {@code #RRGGBB} or {@code RRGGBB}. */
  public static RgbColor parse(String hex) {
    String h = hex == null ? "" : hex.trim();
    if (h.startsWith("#")) h = h.substring(1);
    if (!h.matches("[0-9a-fA-F]{6}")) {
      throw new InvalidOptionsException("background must be a colour like #FFFFFF, got '" + hex + "'");
    }
    int v = Integer.parseInt(h, 16);
    return new RgbColor((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
  }

  public String hex() {
    return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
  }
}
