package io.enhancer.engine.cli;

import java.util.List;
import java.util.Set;

/**
 * What one subcommand accepts beyond the shared enhancement flags.
 *
 * @param name            subcommand name
 * @param positionals     names of the required positional arguments, in order
 * @param valueFlags      extra flags that take a value (e.g. {@code --threads})
 * @param switches        extra flags without a value
 * @param enhanceFlags    whether the shared enhancement and engine flags apply
 */
record CommandSpec(String name, List<String> positionals, Set<String> valueFlags, Set<String> switches,
                   boolean enhanceFlags) {

  static final CommandSpec ENHANCE = new CommandSpec("enhance", List.of("INPUT", "OUTPUT"),
      Set.of("--report"), Set.of(), true);
  static final CommandSpec BATCH = new CommandSpec("batch", List.of("INPUT_DIR", "OUTPUT_DIR"),
      Set.of("--threads", "--report-dir"), Set.of(), true);
  static final CommandSpec BENCH = new CommandSpec("bench", List.of("INPUT_DIR"),
      Set.of("--scenario", "--limit", "--repeat", "--warmup", "--out", "--tsv"), Set.of(), true);
}
