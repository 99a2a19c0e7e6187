package io.enhancer.engine.cli;

import io.enhancer.engine.errors.EngineException;
import io.enhancer.engine.errors.InvalidOptionsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * The command line: {@code enhance}, {@code batch}, {@code bench}, {@code version}. Errors print one line to
 * stderr; exit status 0 done, 1 an image failed, 2 the command line was wrong.
 */
public final class EnhancerCli {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final boolean terminal;
  private final LongSupplier nanoTime;

  EnhancerCli(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  public static void main(String[] args) {
    EnhancerCli cli = new EnhancerCli(System.out, System.err, System.getenv(), System.console() != null,
        System::nanoTime);
    int status = cli.run(args);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs one command line in this process without exiting it (embedding, and tests of other modules that compare
   * their results with the CLI's); progress is printed as lines. Answers the exit status.
   */
  public static int runInProcess(PrintStream out, PrintStream err, Map<String, String> env, String... argv) {
    return new EnhancerCli(out, err, env, false, System::nanoTime).run(argv);
  }

  int run(String... argv) {
    if (argv.length == 0) {
      err.print(HelpText.MAIN);
      return ExitStatus.USAGE;
    }
    String command = argv[0];
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    try {
      return switch (command) {
        case "enhance" -> wantsHelp(rest) ? help(HelpText.ENHANCE)
            : new EnhanceCommand(out, err).run(parse(CommandSpec.ENHANCE, rest));
        case "batch" -> wantsHelp(rest) ? help(HelpText.BATCH)
            : new BatchCommand(out, progress(), nanoTime).run(parse(CommandSpec.BATCH, rest));
        case "bench" -> wantsHelp(rest) ? help(HelpText.BENCH)
            : new BenchCommand(out).run(parse(CommandSpec.BENCH, rest));
        case "version", "--version" -> {
          out.println("enhancer " + version() + " (java " + System.getProperty("java.version") + ")");
          yield ExitStatus.OK;
        }
        case "help", "--help", "-h" -> help(HelpText.MAIN);
        default -> throw new UsageException("unknown command '" + command + "' (commands: enhance, batch, bench, version)");
      };
    } catch (UsageException | InvalidOptionsException e) {
      err.println("error: " + e.getMessage());
      return ExitStatus.USAGE;
    } catch (EngineException e) {
      err.println("error: " + e.code() + ": " + e.getMessage());
      return ExitStatus.FAILED;
    } catch (UncheckedIOException e) {
      err.println("error: io_error: " + e.getCause().getMessage());
      return ExitStatus.FAILED;
    }
  }

  private CommandArguments parse(CommandSpec spec, List<String> args) {
    return new ArgumentParser(env).parse(spec, args);
  }

  private BatchProgress progress() {
    return terminal ? new ProgressBar(out, nanoTime) : new ProgressLines(out, nanoTime);
  }

  private static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  private int help(String text) {
    out.print(text);
    return ExitStatus.OK;
  }

  /** The version Maven wrote into the jar; "dev" when run from classes. */
  static String version() {
    try (InputStream in = EnhancerCli.class.getResourceAsStream(
        "/META-INF/maven/io.enhancer/enhancer-engine/pom.properties")) {
      if (in == null) return "dev";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
