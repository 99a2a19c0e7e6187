package io.enhancer.connector.presets;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OptionCatalogue;
import java.util.List;
import java.util.Map;

/**
 * Applies snake_case option maps (REST form fields, JSON bodies, presets) on top of a builder, in the engine's one
 * vocabulary ({@link OptionCatalogue}): the same names, bounds and messages as the CLI. Unknown keys are rejected by
 * name; a blank or null value keeps what the layer below said.
 */
public final class OptionsParser {
  /** The option names requests may use (aliases such as background_color and scale are accepted too). */
  public static final List<String> KEYS = OptionCatalogue.names();

  private OptionsParser() {}

  public static void apply(Map<String, ?> options, EnhanceOptions.Builder b) {
    OptionCatalogue.apply(options, b);
  }
}
