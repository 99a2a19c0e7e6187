package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one vocabulary of enhancement options: every option once, with its name, type, bounds, default and meaning.
 * The CLI, REST requests, presets (built-in, in files, in the database), the admin UI (through the published
 * {@link OptionsSchema}) and the option records' own checks all read it, so a bound changes in one place.
 */
public final class OptionCatalogue {
  /** The value of {@code background} that asks for a transparent one instead of a colour. */
  static final Object TRANSPARENT = new Object() {
    @Override
    public String toString() {
      return "transparent";
    }
  };

  public static final OptionSpec MODE = choice("mode", "auto", Arrays.stream(Mode.values()).map(Mode::id).toList(),
      "which steps run: auto lets the analysis decide which steps run and how strongly; full runs every step; "
          + "sharpen, denoise, upscale run just that step; optimize only standardises and compresses",
      Mode::parse, (b, v) -> b.mode((Mode) v));
  public static final OptionSpec REMOVE_BACKGROUND = new OptionSpec("remove_background", OptionType.BOOLEAN,
      null, null, null, List.of("auto"), null, "auto", null,
      "cut the product out (true) or keep the background (false); auto lets the mode decide",
      List.of(), null, (b, v) -> b.removeBackground((Boolean) v));
  public static final OptionSpec BACKGROUND = new OptionSpec("background", OptionType.COLOUR, null, null, null,
      List.of("transparent"), "^(transparent|#?[0-9A-Fa-f]{6})$", null, "#FFFFFF",
      "colour the product is placed on, #RRGGBB; transparent keeps an alpha channel (then the background is removed "
          + "and the format is png unless another is given)",
      List.of("background_color"), OptionCatalogue::colourOrTransparent, (b, v) -> {
        if (v == TRANSPARENT) b.transparent(true);
        else b.transparent(false).background((RgbColor) v);
      });
  public static final OptionSpec TRANSPARENT_BACKGROUND = flag("transparent", false,
      "keep the background transparent (png or webp only); the same as background=transparent",
      (b, v) -> b.transparent((Boolean) v));
  public static final OptionSpec CANVAS = new OptionSpec("canvas", OptionType.CANVAS, 16, 10_000, "px",
      List.of("none"), "^(none|[0-9]+x[0-9]+)$", "none", "1500x1500",
      "output canvas WIDTHxHEIGHT in px, each side 16..10000; the product is fitted and centred on it; none keeps "
          + "the photo's own frame",
      List.of(), CanvasOptions::parse, (b, v) -> b.canvas((CanvasOptions) v));
  public static final OptionSpec FILL = number("fill", 0.3, 1.0, 0.85,
      "share of the canvas the product's longer side fills", List.of(), (b, v) -> b.fill((Double) v));
  public static final OptionSpec MAX_SCALE = number("max_scale", 1, 8, 4.0,
      "largest upscale factor allowed (a ceiling: the image is enlarged only as far as the canvas or "
          + "target_min_dimension needs)", List.of(), (b, v) -> b.maxScale((Double) v));
  /** Exactly xN, where max_scale is only a ceiling: a user asking for x2 expects x2. */
  public static final OptionSpec SCALE = new OptionSpec("scale", OptionType.NUMBER, 1, 8, null, List.of("none"), null,
      "none", null, "enlarge the photo by exactly this factor (super-resolution where a model serves it); none lets "
          + "the canvas or target_min_dimension decide, up to max_scale. Keeps the photo's own frame unless the same "
          + "request names a canvas (which then sets the final size)", List.of(), null, (b, v) -> b.scale((Double) v));
  public static final OptionSpec TARGET_MIN_DIMENSION = new OptionSpec("target_min_dimension", OptionType.INTEGER,
      0, 10_000, "px", List.of(), null, null, 0,
      "without a canvas: upscale until the shorter side reaches this many px (0 leaves the size alone)",
      List.of(), null, (b, v) -> b.targetMinDimension((Integer) v));
  public static final OptionSpec TARGET_KB = new OptionSpec("target_kb", OptionType.INTEGER, 5, 50_000, null,
      List.of("none"), null, "none", null,
      "largest output file in KiB: the highest quality that fits is searched; none encodes at a fixed quality",
      List.of(), null, (b, v) -> b.targetKb((Integer) v));
  public static final OptionSpec QUALITY = new OptionSpec("quality", OptionType.INTEGER, 1, 100, null, List.of(),
      null, null, 92, "encoder quality when there is no size target, and the ceiling of the search when there is",
      List.of(), null, (b, v) -> b.quality((Integer) v));
  public static final OptionSpec FORMAT = choice("format", "jpeg", List.of("jpeg", "jpg", "webp", "png"),
      "output format", OutputFormat::parse, (b, v) -> b.format((OutputFormat) v));
  public static final OptionSpec SHADOW = flag("shadow", false, "add a soft contact shadow under the product",
      (b, v) -> b.shadow((Boolean) v));
  public static final OptionSpec LABEL_GUARD = flag("label_guard", true,
      "read label text and codes before and after (OCR and barcodes) wherever text is detected; a loss blocks"
          + " auto-approval; false opts out",
      (b, v) -> b.labelGuard((Boolean) v));
  public static final OptionSpec PROTECT_TEXT = flag("protect_text", false,
      "text and code regions get classical (Lanczos) pixels only, never model-made ones",
      (b, v) -> b.protectText((Boolean) v));
  public static final OptionSpec AUTO_APPROVE_THRESHOLD = number("auto_approve_threshold", 0, 100, 75.0,
      "QC score above which a result is approved without a reviewer; values up to 1 are read as a fraction "
          + "(0.85 = 85)", List.of(), (b, v) -> b.autoApproveThreshold(approveThreshold((Double) v)));

  /** Every option, in the order they are applied and documented. */
  public static final List<OptionSpec> ALL = List.of(MODE, REMOVE_BACKGROUND, BACKGROUND, TRANSPARENT_BACKGROUND,
      CANVAS, FILL, MAX_SCALE, SCALE, TARGET_MIN_DIMENSION, TARGET_KB, QUALITY, FORMAT, SHADOW, LABEL_GUARD, PROTECT_TEXT,
      AUTO_APPROVE_THRESHOLD);

  private OptionCatalogue() {}

  /** The option {@code key} names (by its name or an alias). */
  public static Optional<OptionSpec> find(String key) {
    return ALL.stream().filter(o -> o.isNamed(key)).findFirst();
  }

  /** The option names, in catalogue order. */
  public static List<String> names() {
    return ALL.stream().map(OptionSpec::name).toList();
  }

  /** The options {@code values} ask for, every option they do not name at its default. */
  public static EnhanceOptions parse(Map<String, ?> values) {
    return apply(values, EnhanceOptions.builder()).build();
  }

  /**
   * Puts {@code values} (snake_case keys; Strings from forms and flags, or JSON values) over {@code b}. Unknown keys
   * and values out of bounds are rejected by name; a blank value, or null for an option that always has one, means
   * "not given". Options are applied in catalogue order, whatever the order of the map.
   */
  public static EnhanceOptions.Builder apply(Map<String, ?> values, EnhanceOptions.Builder b) {
    if (values == null || values.isEmpty()) return b;
    Map<String, Object> given = new LinkedHashMap<>();
    Map<String, String> givenAs = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      OptionSpec spec = find(e.getKey()).orElseThrow(() -> new InvalidOptionsException(
          "unknown option '" + e.getKey() + "'; known: " + String.join(", ", names())));
      Object raw = e.getValue();
      if (raw instanceof String s && s.isBlank()) continue;
      if (raw == null && spec.nullWord() == null) continue;
      String before = givenAs.put(spec.name(), e.getKey());
      if (before != null) {
        throw new InvalidOptionsException(spec.name() + " given twice (as " + before + " and " + e.getKey() + ")");
      }
      given.put(spec.name(), raw);
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (OptionSpec spec : ALL) {
      if (!givenAs.containsKey(spec.name())) continue;
      Object value = spec.parse(given.get(spec.name()));
      spec.setter().accept(b, value);
      parsed.put(spec.name(), value);
    }
    if (parsed.get(SCALE.name()) != null && !givenAs.containsKey(CANVAS.name())) {
      // x2 means x2: fitting the enlarged photo onto a canvas would undo the factor, so unless the same request names
      // a canvas, an explicit scale keeps the photo's own frame
      b.canvas(null);
    }
    boolean asksTransparent = parsed.get(BACKGROUND.name()) == TRANSPARENT
        || Boolean.TRUE.equals(parsed.get(TRANSPARENT_BACKGROUND.name()));
    if (asksTransparent) {
      // Transparency needs a cut-out and an alpha channel: both follow unless the same request says otherwise.
      if (!parsed.containsKey(REMOVE_BACKGROUND.name())) b.removeBackground(true);
      else if (Boolean.FALSE.equals(parsed.get(REMOVE_BACKGROUND.name()))) {
        throw new InvalidOptionsException("a transparent background needs the background removed, got "
            + "remove_background=false");
      }
      if (!parsed.containsKey(FORMAT.name()) && b.currentFormat() == OutputFormat.JPEG) b.format(OutputFormat.PNG);
    }
    return b;
  }

  /**
   * The inverse of {@link #apply}: every option of {@code o} under its canonical name, in catalogue order, written as
   * a request would write it (words for choices, colours and canvases, the null word for "none"/"auto"), so that
   * {@code apply(toMap(o), EnhanceOptions.builder().preset(o.preset())).build()} equals {@code o}. JSON-safe: only
   * Strings, Booleans and Numbers. The preset name is not an option and is not written.
   */
  public static Map<String, Object> toMap(EnhanceOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (OptionSpec spec : ALL) m.put(spec.name(), written(spec, o));
    return m;
  }

  private static Object written(OptionSpec spec, EnhanceOptions o) {
    return switch (spec.name()) {
      case "mode" -> o.mode().id();
      case "remove_background" -> o.removeBackground() == null ? spec.nullWord() : o.removeBackground();
      case "background" -> o.background().hex();
      case "transparent" -> o.transparent();
      case "canvas" -> o.canvas() == null ? spec.nullWord() : o.canvas().toString();
      case "fill" -> o.fill();
      case "max_scale" -> o.maxScale();
      case "scale" -> o.scale() == null ? spec.nullWord() : o.scale();
      case "target_min_dimension" -> o.targetMinDimension();
      case "target_kb" -> o.targetKb() == null ? spec.nullWord() : o.targetKb();
      case "quality" -> o.quality();
      case "format" -> o.format().id();
      case "shadow" -> o.shadow();
      case "label_guard" -> o.labelGuard();
      case "protect_text" -> o.protectText();
      // Written values up to 1 are read as a fraction: a threshold that small is written as its fraction.
      case "auto_approve_threshold" -> o.autoApproveThreshold() > 0 && o.autoApproveThreshold() <= 1.0
          ? BigDecimal.valueOf(o.autoApproveThreshold()).movePointLeft(2).doubleValue() : o.autoApproveThreshold();
      default -> throw new IllegalStateException("option " + spec.name() + " has no written form in toMap");
    };
  }

  /** Sets every option of a new builder to its default, through the same parse as a request. */
  static void applyDefaults(EnhanceOptions.Builder b) {
    for (OptionSpec spec : ALL) spec.setter().accept(b, spec.parse(spec.defaultValue()));
  }

  /**
   * An auto-approve threshold as written (a request, a preset, the AUTO_APPROVE_THRESHOLD setting) on the 0..100
   * score scale: checked against the bounds, values up to 1 read as a fraction (the seed wrote 0.85).
   */
  public static double autoApproveThreshold(Object written) {
    return approveThreshold((Double) AUTO_APPROVE_THRESHOLD.parse(written));
  }

  /** The catalogue default threshold, 0..100. */
  public static double defaultAutoApproveThreshold() {
    return (Double) AUTO_APPROVE_THRESHOLD.defaultValue();
  }

  private static double approveThreshold(double t) {
    // A decimal shift, not t * 100: 0.9 reads as exactly 90, and toMap's fractions read back exactly.
    return t <= 1.0 ? BigDecimal.valueOf(t).movePointRight(2).doubleValue() : t;
  }

  private static Object colourOrTransparent(String text) {
    if (text.equalsIgnoreCase("transparent")) return TRANSPARENT;
    return RgbColor.parse(text);
  }

  private static OptionSpec choice(String name, String defaultValue, List<String> choices, String description,
                                   Function<String, Object> words, BiConsumer<EnhanceOptions.Builder, Object> setter) {
    return new OptionSpec(name, OptionType.CHOICE, null, null, null, choices, null, null, defaultValue, description,
        List.of(), words, setter);
  }

  private static OptionSpec flag(String name, boolean defaultValue, String description,
                                 BiConsumer<EnhanceOptions.Builder, Object> setter) {
    return new OptionSpec(name, OptionType.BOOLEAN, null, null, null, List.of(), null, null, defaultValue,
        description, List.of(), null, setter);
  }

  private static OptionSpec number(String name, Number minimum, Number maximum, double defaultValue,
                                   String description, List<String> aliases,
                                   BiConsumer<EnhanceOptions.Builder, Object> setter) {
    return new OptionSpec(name, OptionType.NUMBER, minimum, maximum, null, List.of(), null, null, defaultValue,
        description, aliases, null, setter);
  }
}
