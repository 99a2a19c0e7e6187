package io.enhancer.connector.presets;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OptionCatalogue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options one job runs with, resolved once when it is queued (service defaults, then the preset, then the
 * request) and carried in its task, so what was accepted is what runs: a preset edited later changes no queued work.
 * Serialised as {@code {"v":1,"options":{...every option by its catalogue name...},"preset":"P","preset_version":2}}.
 *
 * @param v             version of this form; a reader refuses a version it does not know rather than guess
 * @param options       every option, as {@link OptionCatalogue#toMap} writes it
 * @param preset        the preset the options came from, or null
 * @param presetVersion that preset's version: a stored preset's row version, {@link #BUILT_IN_VERSION} for a
 *                      built-in one; null without a preset
 */
public record ResolvedOptions(int v, Map<String, Object> options, String preset, Integer presetVersion) {
  /** The version this code writes and the only one it reads. */
  public static final int VERSION = 1;
  /** The version a built-in preset reports: it changes only with the engine. */
  public static final int BUILT_IN_VERSION = 0;

  public ResolvedOptions {
    options = options == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static ResolvedOptions of(EnhanceOptions options, Integer presetVersion) {
    return new ResolvedOptions(VERSION, OptionCatalogue.toMap(options), options.preset(),
        options.preset() == null ? null : presetVersion);
  }

  /** The options to run; refuses a form it cannot read instead of running something else. */
  public EnhanceOptions toOptions() {
    if (v != VERSION) {
      throw new UnreadableForm("the task's resolved options are in form v" + v + "; this worker reads v" + VERSION
          + " only (a newer version queued it?), so it is not run with options it would have to guess");
    }
    if (options == null) throw new UnreadableForm("the task's resolved options (v" + v + ") have no \"options\"");
    return OptionCatalogue.apply(options, EnhanceOptions.builder().preset(preset)).build();
  }

  /** Resolved options in a form this version cannot read; retrying cannot fix it. */
  public static final class UnreadableForm extends RuntimeException {
    UnreadableForm(String message) {
      super(message);
    }
  }
}
