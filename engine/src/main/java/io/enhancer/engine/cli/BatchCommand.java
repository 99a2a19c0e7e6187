package io.enhancer.engine.cli;

import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.errors.EngineException;
import io.enhancer.engine.options.EnhanceOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * {@code batch INPUT_DIR OUTPUT_DIR}: every image in a folder (not recursive), N threads over one shared
 * {@link Enhancer}, going on past bad files; exit status 1 when any file failed.
 */
final class BatchCommand {
  private final PrintStream out;
  private final BatchProgress progress;
  private final LongSupplier nanoTime;

  BatchCommand(PrintStream out, BatchProgress progress, LongSupplier nanoTime) {
    this.out = out;
    this.progress = progress;
    this.nanoTime = nanoTime;
  }

  int run(CommandArguments args) {
    Path inputDir = Path.of(args.positionals().get(0));
    Path outputDir = Path.of(args.positionals().get(1));
    if (!Files.isDirectory(inputDir)) throw new UsageException("input folder not found: " + inputDir);
    int threads = args.intFlag("--threads", Runtime.getRuntime().availableProcessors(), 1, 64);
    Path reportDir = args.flag("--report-dir") == null ? null : Path.of(args.flag("--report-dir"));

    List<Path> files = list(inputDir);
    List<Path> images = files.stream().filter(OutputFiles::looksLikeImage).toList();
    List<Path> skipped = files.stream().filter(f -> !OutputFiles.looksLikeImage(f)).toList();
    if (images.isEmpty()) throw new UsageException("no images (" + String.join(", ", OutputFiles.IMAGE_EXTENSIONS.stream().sorted().toList()) + ") in " + inputDir);
    try {
      Files.createDirectories(outputDir);
      if (reportDir != null) Files.createDirectories(reportDir);
    } catch (IOException e) {
      throw new UsageException("cannot create output folder: " + e.getMessage());
    }

    Enhancer enhancer;
    try {
      enhancer = new Enhancer(args.engine());
    } catch (EngineException e) {
      out.println("batch failed: " + e.code() + ": " + e.getMessage());
      return ExitStatus.FAILED;
    }
    EnhanceOptions options = args.options();
    Map<Path, Path> claimedBy = new HashMap<>();
    long start = nanoTime.getAsLong();
    progress.started(images.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    List<Future<BatchItemOutcome>> futures = new ArrayList<>();
    for (Path input : images) {
      Path output = OutputFiles.outputFor(outputDir, input, options.format());
      Path earlier = claimedBy.putIfAbsent(output, input);
      futures.add(pool.submit(() -> {
        BatchItemOutcome o = earlier == null
            ? enhanceOne(enhancer, options, input, output, reportDir)
            : BatchItemOutcome.failed(input, "output_conflict: " + output.getFileName() + " is already written from "
                + earlier.getFileName(), 0);
        progress.finished(o);
        return o;
      }));
    }
    List<BatchItemOutcome> outcomes = new ArrayList<>();
    try {
      for (Future<BatchItemOutcome> f : futures) outcomes.add(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
      return ExitStatus.FAILED;
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch worker failed outside an image", e.getCause());
    } finally {
      pool.shutdown();
    }
    progress.ended();
    BatchSummary summary = new BatchSummary(outcomes, skipped, (nanoTime.getAsLong() - start) / 1e9);
    summary.print(out);
    out.println("outputs in " + outputDir + (reportDir == null ? "" : ", reports in " + reportDir));
    return summary.failed() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
  }

  private BatchItemOutcome enhanceOne(Enhancer enhancer, EnhanceOptions options, Path input, Path output,
                                      Path reportDir) {
    long t0 = nanoTime.getAsLong();
    try {
      EnhanceResult result = enhancer.enhance(Files.readAllBytes(input), options);
      OutputFiles.writeAtomically(output, result.image());
      if (reportDir != null) {
        OutputFiles.writeAtomically(reportDir.resolve(OutputFiles.baseName(input) + ".json"),
            ReportJson.write(result.report()).getBytes(StandardCharsets.UTF_8));
      }
      return BatchItemOutcome.done(input, output, result.report().qcScore(), result.report().qcStatus(), millisSince(t0));
    } catch (EngineException e) {
      return BatchItemOutcome.failed(input, e.code() + ": " + e.getMessage(), millisSince(t0));
    } catch (IOException e) {
      return BatchItemOutcome.failed(input, "io_error: " + e.getMessage(), millisSince(t0));
    } catch (RuntimeException e) {
      // An engine bug on one file must not end the batch; the summary shows it so it can be reported.
      return BatchItemOutcome.failed(input, "internal_error: " + e, millisSince(t0));
    }
  }

  private double millisSince(long t0) {
    return (nanoTime.getAsLong() - t0) / 1e6;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "enhancer-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
