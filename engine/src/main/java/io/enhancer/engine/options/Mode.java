package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which steps run. {@code AUTO} lets the analysis decide which steps run and how strongly. */
public enum Mode {
  AUTO, FULL, SHARPEN, DENOISE, UPSCALE, OPTIMIZE;

  public static Mode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new InvalidOptionsException("mode must be one of " + names() + ", got '" + value + "'");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String names() {
    return Arrays.stream(values()).map(Mode::id).collect(Collectors.joining("|"));
  }
}
