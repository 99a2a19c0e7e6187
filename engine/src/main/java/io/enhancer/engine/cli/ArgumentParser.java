package io.enhancer.engine.cli;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OptionCatalogue;
import io.enhancer.engine.options.OptionSpec;
import io.enhancer.engine.options.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a subcommand's arguments into {@link CommandArguments}: a preset first, explicit flags over it, each flag
 * standing for an option of the engine's {@link OptionCatalogue} (same bounds and messages as REST and presets).
 * Every rejection names the flag or option and the value.
 */
final class ArgumentParser {

  /** Enhancement and engine flags that take a value. */
  static final Set<String> ENHANCE_VALUE_FLAGS = Set.of(
      "--mode", "--preset", "--presets", "--background", "--canvas", "--fill", "--scale", "--max-scale", "--min-side",
      "--target-kb", "--format", "--quality", "--approve-threshold",
      "--max-pixels", "--max-mb", "--timeout-s", "--models-dir");

  /** Enhancement flags without a value. */
  static final Set<String> ENHANCE_SWITCHES = Set.of(
      "--remove-background", "--keep-background", "--no-canvas", "--shadow", "--no-shadow",
      "--label-guard", "--no-label-guard", "--protect-text", "--no-protect-text");

  /** Value flags and the catalogue option each sets. */
  private static final Map<String, String> VALUE_FLAG_OPTIONS = Map.ofEntries(
      Map.entry("--mode", "mode"), Map.entry("--background", "background"), Map.entry("--canvas", "canvas"),
      Map.entry("--fill", "fill"), Map.entry("--scale", "scale"), Map.entry("--max-scale", "max_scale"),
      Map.entry("--min-side", "target_min_dimension"), Map.entry("--target-kb", "target_kb"),
      Map.entry("--format", "format"), Map.entry("--quality", "quality"),
      Map.entry("--approve-threshold", "auto_approve_threshold"));

  /** Switches and the catalogue option value each stands for. */
  private static final Map<String, Map.Entry<String, String>> SWITCH_OPTIONS = Map.of(
      "--remove-background", Map.entry("remove_background", "true"),
      "--keep-background", Map.entry("remove_background", "false"),
      "--no-canvas", Map.entry("canvas", "none"),
      "--shadow", Map.entry("shadow", "true"), "--no-shadow", Map.entry("shadow", "false"),
      "--label-guard", Map.entry("label_guard", "true"), "--no-label-guard", Map.entry("label_guard", "false"),
      "--protect-text", Map.entry("protect_text", "true"), "--no-protect-text", Map.entry("protect_text", "false"));

  private final Map<String, String> env;

  /** @param env environment variables ({@code ENHANCER_MODELS_DIR}); passed in so tests control them */
  ArgumentParser(Map<String, String> env) {
    this.env = env;
  }

  CommandArguments parse(CommandSpec spec, List<String> args) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        positionals.add(arg);
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      boolean takesValue = spec.valueFlags().contains(name) || (spec.enhanceFlags() && ENHANCE_VALUE_FLAGS.contains(name));
      boolean isSwitch = spec.switches().contains(name) || (spec.enhanceFlags() && ENHANCE_SWITCHES.contains(name));
      if (!takesValue && !isSwitch) {
        throw new UsageException("unknown option " + name + " for '" + spec.name() + "' (see: enhancer " + spec.name() + " --help)");
      }
      if (takesValue && value == null) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) throw new UsageException(name + " needs a value");
        value = args.get(++i);
      }
      if (isSwitch && value != null) throw new UsageException(name + " takes no value, got '" + value + "'");
      if (flags.containsKey(name)) throw new UsageException(name + " given more than once");
      flags.put(name, value == null ? "" : value);
    }
    if (positionals.size() != spec.positionals().size()) {
      throw new UsageException("'" + spec.name() + "' needs " + String.join(" ", spec.positionals())
          + (positionals.size() > spec.positionals().size() ? ", got extra argument(s) " + positionals.subList(
              spec.positionals().size(), positionals.size()) : ""));
    }

    Map<String, String> commandFlags = new LinkedHashMap<>();
    Map<String, String> enhanceFlags = new LinkedHashMap<>();
    flags.forEach((k, v) -> {
      if (spec.valueFlags().contains(k) || spec.switches().contains(k)) commandFlags.put(k, v);
      else enhanceFlags.put(k, v);
    });
    try {
      return new CommandArguments(List.copyOf(positionals), options(enhanceFlags), engine(enhanceFlags),
          Set.copyOf(enhanceFlags.keySet()), commandFlags);
    } catch (InvalidOptionsException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private EnhanceOptions options(Map<String, String> f) {
    exclusive(f, "--remove-background", "--keep-background");
    exclusive(f, "--canvas", "--no-canvas");
    exclusive(f, "--shadow", "--no-shadow");
    exclusive(f, "--label-guard", "--no-label-guard");
    exclusive(f, "--protect-text", "--no-protect-text");

    Presets presets = Presets.builtIn();
    if (f.containsKey("--presets")) {
      Path file = Path.of(f.get("--presets"));
      if (!Files.isRegularFile(file)) throw new UsageException("--presets file not found: " + file);
      presets = presets.withFile(file);
    }
    EnhanceOptions base = f.containsKey("--preset") ? presets.get(f.get("--preset")) : EnhanceOptions.defaults();
    if (f.containsKey("--background") && f.get("--background").trim().equalsIgnoreCase("transparent")
        && f.containsKey("--keep-background")) {
      throw new UsageException("--background transparent needs the background removed; drop --keep-background");
    }
    Map<String, String> values = new LinkedHashMap<>();
    f.forEach((flag, value) -> {
      String key = VALUE_FLAG_OPTIONS.get(flag);
      if (key != null) values.put(key, checked(flag, key, value));
      Map.Entry<String, String> set = SWITCH_OPTIONS.get(flag);
      if (set != null) values.put(set.getKey(), set.getValue());
    });
    return OptionCatalogue.apply(values, base.toBuilder()).build();
  }

  /**
   * The value of one flag, checked by the option it sets so the message has the catalogue's bounds; it also names
   * the flag when the option's name differs from it ({@code --min-side: target_min_dimension must be ...}).
   */
  private static String checked(String flag, String key, String value) {
    OptionSpec spec = OptionCatalogue.find(key).orElseThrow();
    try {
      spec.parse(value);
      return value;
    } catch (InvalidOptionsException e) {
      boolean sameName = flag.equals("--" + key.replace('_', '-'));
      throw new UsageException(sameName ? e.getMessage() : flag + ": " + e.getMessage());
    }
  }

  private EngineConfig engine(Map<String, String> f) {
    ImageLimits d = ImageLimits.DEFAULT;
    long maxPixels = f.containsKey("--max-pixels") ? pixels(f.get("--max-pixels")) : d.maxPixels();
    long maxBytes = f.containsKey("--max-mb")
        ? Math.round(positive("--max-mb", f.get("--max-mb")) * 1024 * 1024) : d.maxBytes();
    Duration timeout = f.containsKey("--timeout-s")
        ? Duration.ofMillis(Math.round(positive("--timeout-s", f.get("--timeout-s")) * 1000)) : d.timeout();
    return EngineConfig.defaults()
        .withLimits(new ImageLimits(maxBytes, maxPixels, timeout))
        .withModelsDir(modelsDir(f.get("--models-dir")));
  }

  /** Explicit flag, else ENHANCER_MODELS_DIR, else ./models; null (classical steps only) when none exists. */
  private Path modelsDir(String flag) {
    if (flag != null) {
      Path dir = Path.of(flag);
      if (!Files.isDirectory(dir)) throw new UsageException("--models-dir is not a folder: " + dir);
      return dir;
    }
    String fromEnv = env.get("ENHANCER_MODELS_DIR");
    Path dir = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("models");
    return Files.isDirectory(dir) ? dir : null;
  }

  private static void exclusive(Map<String, String> f, String a, String b) {
    if (f.containsKey(a) && f.containsKey(b)) throw new UsageException(a + " and " + b + " cannot be used together");
  }

  private static double decimal(String flag, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " must be a number, got '" + v + "'");
    }
  }

  private static double positive(String flag, String v) {
    double d = decimal(flag, v);
    if (d <= 0) throw new UsageException(flag + " must be positive, got " + v);
    return d;
  }

  /** {@code 50000000}, {@code 50M} or {@code 50MP}. */
  private static long pixels(String v) {
    String s = v.trim().toUpperCase(Locale.ROOT);
    double factor = 1;
    if (s.endsWith("MP")) {
      s = s.substring(0, s.length() - 2);
      factor = 1e6;
    } else if (s.endsWith("M")) {
      s = s.substring(0, s.length() - 1);
      factor = 1e6;
    }
    double n = positive("--max-pixels", s) * factor;
    return Math.round(n);
  }
}
