package io.enhancer.engine.cli;

import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.errors.EngineException;
import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OutputFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** {@code enhance INPUT OUTPUT}: one image, optional JSON report. */
final class EnhanceCommand {
  private final PrintStream out;
  private final PrintStream err;

  EnhanceCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(CommandArguments args) {
    Path input = Path.of(args.positionals().get(0));
    if (!Files.isRegularFile(input)) throw new UsageException("input not found: " + input);
    String outArg = args.positionals().get(1);
    Path output = Path.of(outArg);
    boolean intoFolder = Files.isDirectory(output) || outArg.endsWith("/");
    EnhanceOptions options = formatFromOutputName(args, intoFolder ? null : output);
    if (intoFolder) output = OutputFiles.outputFor(output, input, options.format());
    String reportArg = args.flag("--report");

    long start = System.nanoTime();
    try {
      Enhancer enhancer = new Enhancer(args.engine());
      EnhanceResult result = enhancer.enhance(Files.readAllBytes(input), options);
      OutputFiles.writeAtomically(output, result.image());
      if (reportArg != null) {
        OutputFiles.writeAtomically(Path.of(reportArg), ReportJson.write(result.report()).getBytes(StandardCharsets.UTF_8));
      }
      out.println(describe(output, result.report(), (System.nanoTime() - start) / 1e9));
      return ExitStatus.OK;
    } catch (EngineException e) {
      err.println("enhance failed: " + input + ": " + e.code() + ": " + e.getMessage());
      return ExitStatus.FAILED;
    } catch (IOException e) {
      err.println("enhance failed: " + input + ": io_error: " + e.getMessage());
      return ExitStatus.FAILED;
    }
  }

  /** Without --format, the output file's extension picks the format; with it, the two must agree. */
  private static EnhanceOptions formatFromOutputName(CommandArguments args, Path output) {
    EnhanceOptions options = args.options();
    Optional<OutputFormat> named = output == null ? Optional.empty() : OutputFiles.formatOf(output);
    if (named.isEmpty() || named.get() == options.format()) return options;
    if (args.explicitFlags().contains("--format")) {
      throw new UsageException("--format " + options.format().id() + " does not match the output name " + output.getFileName());
    }
    try {
      return options.toBuilder().format(named.get()).build();
    } catch (InvalidOptionsException e) {
      throw new UsageException(e.getMessage() + " (from the output name " + output.getFileName() + ")");
    }
  }

  static String describe(Path output, EnhanceReport r, double seconds) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s  %dx%d %s %.0f KB  qc %.0f %s  %.2f s",
        output, r.output().width(), r.output().height(), r.output().format(), r.output().bytes() / 1024.0,
        r.qcScore(), r.qcStatus().id(), seconds));
    if (!r.reasons().isEmpty()) s.append("\n  reasons: ").append(String.join("; ", r.reasons()));
    return s.toString();
  }
}
