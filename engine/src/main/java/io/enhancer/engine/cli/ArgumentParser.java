package io.enhancer.engine.cli;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.options.Presets;
import io.enhancer.engine.options.RgbColor;
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
 * Turns a subcommand's arguments into {@link CommandArguments}: a preset first, explicit flags over it, then
 * validation by the option records. Every rejection names the flag and the value.
 */
final class ArgumentParser {

  /** Enhancement and engine flags that take a value. */
  static final Set<String> ENHANCE_VALUE_FLAGS = Set.of(
      "--mode", "--preset", "--presets", "--background", "--canvas", "--fill", "--scale", "--min-side",
      "--target-kb", "--format", "--quality", "--approve-threshold",
      "--max-pixels", "--max-mb", "--timeout-s", "--models-dir");

  /** Enhancement flags without a value. */
  static final Set<String> ENHANCE_SWITCHES = Set.of(
      "--remove-background", "--keep-background", "--no-canvas", "--shadow", "--no-shadow",
      "--label-guard", "--no-label-guard", "--protect-text", "--no-protect-text");

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
    EnhanceOptions.Builder b = base.toBuilder();

    if (f.containsKey("--mode")) b.mode(Mode.parse(f.get("--mode")));
    if (f.containsKey("--remove-background")) b.removeBackground(true);
    if (f.containsKey("--keep-background")) b.removeBackground(false);
    if (f.containsKey("--background")) {
      String bg = f.get("--background");
      if (bg.trim().equalsIgnoreCase("transparent")) {
        if (f.containsKey("--keep-background")) {
          throw new UsageException("--background transparent needs the background removed; drop --keep-background");
        }
        b.transparent(true).removeBackground(true);
        // PNG unless asked otherwise: JPEG has no alpha.
        if (!f.containsKey("--format") && base.format() == OutputFormat.JPEG) b.format(OutputFormat.PNG);
      } else {
        b.transparent(false).background(RgbColor.parse(bg));
      }
    }
    if (f.containsKey("--canvas")) b.canvas(CanvasOptions.parse(f.get("--canvas")));
    if (f.containsKey("--no-canvas")) b.canvas(null);
    if (f.containsKey("--fill")) b.fill(decimal("--fill", f.get("--fill")));
    if (f.containsKey("--scale")) b.maxScale(decimal("--scale", f.get("--scale")));
    if (f.containsKey("--min-side")) b.targetMinDimension(whole("--min-side", f.get("--min-side")));
    if (f.containsKey("--target-kb")) {
      String v = f.get("--target-kb");
      b.targetKb(v.equalsIgnoreCase("none") ? null : whole("--target-kb", v));
    }
    if (f.containsKey("--format")) b.format(OutputFormat.parse(f.get("--format")));
    if (f.containsKey("--quality")) b.quality(whole("--quality", f.get("--quality")));
    if (f.containsKey("--shadow")) b.shadow(true);
    if (f.containsKey("--label-guard")) b.labelGuard(true);
    if (f.containsKey("--no-label-guard")) b.labelGuard(false);
    if (f.containsKey("--protect-text")) b.protectText(true);
    if (f.containsKey("--no-protect-text")) b.protectText(false);
    if (f.containsKey("--no-shadow")) b.shadow(false);
    if (f.containsKey("--approve-threshold")) {
      b.autoApproveThreshold(decimal("--approve-threshold", f.get("--approve-threshold")));
    }
    return b.build();
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

  private static int whole(String flag, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " must be a whole number, got '" + v + "'");
    }
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
