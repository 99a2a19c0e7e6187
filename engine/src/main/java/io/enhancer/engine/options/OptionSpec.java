package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One option of the vocabulary every edge speaks (CLI, REST, presets in files and in the database, the admin UI):
 * its name, type, bounds, default and meaning, and how a written value becomes a field of {@link EnhanceOptions}.
 * Listed once, in {@link OptionCatalogue}.
 *
 * @param name         the snake_case key
 * @param type         kind of value
 * @param minimum      smallest accepted value (for a canvas: of each side), or null
 * @param maximum      largest accepted value (for a canvas: of each side), or null
 * @param unit         unit named after the bounds in messages ({@code px}), or null
 * @param choices      the accepted words of a {@link OptionType#CHOICE} (or the special words of other types)
 * @param pattern      regular expression a written value matches (colour, canvas), or null
 * @param nullWord     the word that means "none of it" (no canvas, no size target, the mode decides), or null when
 *                     the option always has a value
 * @param defaultValue the value when nothing says otherwise, written as a request would write it
 * @param description  what it does, for help texts and the published schema
 * @param aliases      other names still accepted for it
 * @param words        turns a written word into the typed value (choice, colour, canvas); its messages name the value
 * @param setter       puts the typed value (Boolean, Integer, Double, or what {@code words} gives; null for the
 *                     null word) into a builder
 */
public record OptionSpec(String name, OptionType type, Number minimum, Number maximum, String unit,
                         List<String> choices, String pattern, String nullWord, Object defaultValue,
                         String description, List<String> aliases, Function<String, Object> words,
                         BiConsumer<EnhanceOptions.Builder, Object> setter) {

  public OptionSpec {
    choices = List.copyOf(choices);
    aliases = List.copyOf(aliases);
  }

  /** Whether {@code key} names this option (its name or an alias). */
  public boolean isNamed(String key) {
    return name.equals(key) || aliases.contains(key);
  }

  /** The bounds as messages and help texts write them: {@code 5..50000}, or null when unbounded. */
  public String bounds() {
    return minimum == null ? null : minimum + ".." + maximum;
  }

  /**
   * The typed value of {@code raw} (a String from a form or flag, or a Boolean/Number from JSON); null for the null
   * word. Rejects it with a message naming the option, the value and what is accepted.
   */
  public Object parse(Object raw) {
    String text = raw == null ? null : String.valueOf(raw).trim();
    if (raw == null || (nullWord != null && text.equalsIgnoreCase(nullWord))) {
      if (nullWord == null) throw new InvalidOptionsException(name + " needs a value");
      return null;
    }
    return switch (type) {
      case BOOLEAN -> bool(raw, text);
      case INTEGER -> {
        double d = number(raw, text, "a whole number");
        if (d != Math.rint(d)) throw rejected("a whole number", raw);
        check(name, d);
        yield (int) d;
      }
      case NUMBER -> {
        double d = number(raw, text, "a number");
        check(name, d);
        yield d;
      }
      case CHOICE, COLOUR, CANVAS -> words.apply(text);
    };
  }

  /** Throws unless {@code value} is within the bounds: {@code "target_kb must be 5..50000, got 100001"}. */
  public void check(double value) {
    check(name, value);
  }

  /** As {@link #check(double)}, naming {@code what} (e.g. "canvas width") instead of the option. */
  public void check(String what, double value) {
    if (minimum == null) return;
    if (!(value >= minimum.doubleValue() && value <= maximum.doubleValue())) {
      throw new InvalidOptionsException(what + " must be " + bounds() + (unit == null ? "" : " " + unit) + ", got "
          + (type == OptionType.NUMBER ? String.valueOf(value) : BigDecimal.valueOf(value).toPlainString()
              .replaceAll("\\.0$", "")));
    }
  }

  private boolean bool(Object raw, String text) {
    if (raw instanceof Boolean b) return b;
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw rejected("true or false" + (nullWord == null ? "" : " or " + nullWord), raw);
    };
  }

  private double number(Object raw, String text, String what) {
    if (raw instanceof Boolean) throw rejected(what, raw);
    double d;
    if (raw instanceof Number n) {
      d = n.doubleValue();
    } else {
      try {
        d = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw rejected(what, raw);
      }
    }
    if (!Double.isFinite(d)) throw rejected(what, raw);
    return d;
  }

  private InvalidOptionsException rejected(String what, Object raw) {
    return new InvalidOptionsException(name + " must be " + what + ", got '" + raw + "'");
  }
}
