package io.enhancer.engine.cli;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.options.EnhanceOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parsed command line: positional arguments, validated enhancement options and engine settings, and the
 * command's own flags as given.
 *
 * @param positionals   positional arguments, exactly as many as the command requires
 * @param options       preset (if any) with the explicit flags applied over it
 * @param engine        limits and models folder
 * @param explicitFlags the enhancement flags given on the command line (to tell them from preset values)
 * @param commandFlags  the command's own value flags ({@code --threads 4} -> {@code "--threads" -> "4"})
 */
record CommandArguments(List<String> positionals, EnhanceOptions options, EngineConfig engine,
                        Set<String> explicitFlags, Map<String, String> commandFlags) {

  String flag(String name) {
    return commandFlags.get(name);
  }

  int intFlag(String name, int fallback, int min, int max) {
    String v = commandFlags.get(name);
    if (v == null) return fallback;
    int parsed;
    try {
      parsed = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, got '" + v + "'");
    }
    if (parsed < min || parsed > max) throw new UsageException(name + " must be " + min + ".." + max + ", got " + parsed);
    return parsed;
  }
}
