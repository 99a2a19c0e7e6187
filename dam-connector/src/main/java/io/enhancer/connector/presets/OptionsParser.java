package io.enhancer.connector.presets;

import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.options.RgbColor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies snake_case option maps (REST form fields, JSON bodies, presets) on top of a builder. Unknown keys are
 * rejected by name; values are checked by the engine's option records.
 */
public final class OptionsParser {
  public static final Set<String> KEYS = Set.of("mode", "remove_background", "background", "background_color",
      "transparent", "canvas", "fill", "max_scale", "scale", "target_min_dimension", "target_kb", "quality", "format",
      "shadow", "label_guard", "protect_text", "auto_approve_threshold");

  private OptionsParser() {}

  public static void apply(Map<String, ?> options, EnhanceOptions.Builder b) {
    if (options == null) return;
    for (Map.Entry<String, ?> e : options.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      if (v == null || (v instanceof String s && s.isBlank())) continue;
      switch (key) {
        case "mode" -> b.mode(Mode.parse(text(v)));
        case "remove_background" -> b.removeBackground(text(v).equalsIgnoreCase("auto") ? null : bool(key, v));
        case "background", "background_color" -> b.background(RgbColor.parse(text(v)));
        case "transparent" -> b.transparent(bool(key, v));
        case "canvas" -> b.canvas(text(v).equalsIgnoreCase("none") ? null : CanvasOptions.parse(text(v)));
        case "fill" -> b.fill(number(key, v));
        case "max_scale", "scale" -> b.maxScale(number(key, v));
        case "target_min_dimension" -> b.targetMinDimension((int) number(key, v));
        case "target_kb" -> b.targetKb((int) number(key, v));
        case "quality" -> b.quality((int) number(key, v));
        case "format" -> b.format(OutputFormat.parse(text(v)));
        case "shadow" -> b.shadow(bool(key, v));
        case "label_guard" -> b.labelGuard(bool(key, v));
        case "protect_text" -> b.protectText(bool(key, v));
        case "auto_approve_threshold" -> {
          double t = number(key, v);
          b.autoApproveThreshold(t <= 1.0 ? t * 100 : t);
        }
        default -> throw new InvalidOptionsException("unknown option '" + key + "'; known: " + String.join(", ",
            KEYS.stream().sorted().toList()));
      }
    }
  }

  private static String text(Object v) {
    return String.valueOf(v).trim();
  }

  private static boolean bool(String key, Object v) {
    if (v instanceof Boolean b) return b;
    String s = text(v).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new InvalidOptionsException(key + " must be true or false, got '" + v + "'");
    };
  }

  private static double number(String key, Object v) {
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(text(v));
    } catch (NumberFormatException e) {
      throw new InvalidOptionsException(key + " must be a number, got '" + v + "'");
    }
  }
}
