package io.enhancer.engine.api;

import io.enhancer.engine.codec.DecodedImage;
import io.enhancer.engine.codec.EncodedImage;
import io.enhancer.engine.codec.ImageDecoder;
import io.enhancer.engine.codec.ImageEncoder;
import io.enhancer.engine.models.ModelRegistry;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Pipeline;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.StepTrace;
import io.enhancer.engine.pipeline.steps.CorrectLightAndColourStep;
import io.enhancer.engine.pipeline.steps.DenoiseStep;
import io.enhancer.engine.pipeline.steps.RemoveBackgroundStep;
import io.enhancer.engine.pipeline.steps.SharpenStep;
import io.enhancer.engine.pipeline.steps.StandardiseStep;
import io.enhancer.engine.pipeline.steps.UpscaleStep;
import io.enhancer.engine.quality.ImageAnalyzer;
import io.enhancer.engine.quality.ImageMetrics;
import io.enhancer.engine.quality.QcResult;
import io.enhancer.engine.quality.QualityScorer;
import io.enhancer.engine.quality.labelguard.LabelGuardResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns a product photo into a marketplace-ready image plus a report. Thread-safe: one instance serves every
 * thread; each call keeps its own state.
 */
public final class Enhancer implements AutoCloseable {
  private final EngineConfig config;
  private final ImageDecoder decoder;
  private final ImageAnalyzer analyzer = new ImageAnalyzer();
  private final Pipeline pipeline;
  private final ImageEncoder encoder = new ImageEncoder();
  private final QualityScorer scorer = new QualityScorer();
  private final ModelRegistry models;
  private final LabelGuardRunner labelGuard = new LabelGuardRunner();

  public Enhancer(EngineConfig config) {
    OpenCvRuntime.ensureLoaded();
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = new ImageDecoder(config.limits());
    this.models = ModelRegistry.open(config.modelsDir(), config.segmenter(), config.superResolution(),
        config.modelThreads());
    this.pipeline = new Pipeline(List.of(
        new RemoveBackgroundStep(models.matteEstimator(), models.crossCheck()),
        new CorrectLightAndColourStep(),
        new DenoiseStep(),
        new UpscaleStep(models.superResolver()),
        new SharpenStep(),
        new StandardiseStep()));
  }

  public EnhanceResult enhance(byte[] input, EnhanceOptions options) {
    return enhance(input, options, frame -> { });
  }

  /**
   * As {@link #enhance(byte[], EnhanceOptions)}, also handing the final frame (pixels and matte, before encoding) to
   * {@code finalFrame}: quality benches score the cut-out's matte against true masks with it. The frame's pixels are
   * released when this method returns, so the consumer copies what it keeps.
   */
  public EnhanceResult enhance(byte[] input, EnhanceOptions options, Consumer<Frame> finalFrame) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(finalFrame, "finalFrame");
    Instant deadline = config.clock().instant().plus(config.limits().timeout());
    List<StepTrace> trace = Pipeline.newTrace();
    StepNotes notes = new StepNotes();

    notes.fact("models", models.describe());
    DecodedImage decoded = timed(trace, "decode", () -> decoder.decode(input, decodeHint(options)));
    ImageMetrics before = timed(trace, "analyse", () -> analyzer.analyse(decoded.frame()));
    StepContext context = new StepContext(options, before, notes, decoded.frame().bgr());

    Frame result;
    try {
      result = pipeline.run(decoded.frame(), context, deadline, config.clock(), trace);
    } catch (RuntimeException e) {
      decoded.frame().releaseExcept();
      throw e;
    }
    try {
      finalFrame.accept(result);
      LabelGuardResult guard = options.labelGuard()
          ? timed(trace, "label_guard", () -> labelGuard.check(decoded.frame(), result, notes))
          : null;
      EncodedImage encoded = timed(trace, "encode", () -> encoder.encode(result, options));
      if (!encoded.fitsTarget() && options.targetKb() != null) {
        notes.penalty(String.format(java.util.Locale.ROOT, "file is %d KB, over the %d KB target even at quality %d",
            encoded.bytes().length / 1024, options.targetKb(), encoded.quality()), 10);
      }
      ImageMetrics after = analyzer.analyse(result);
      QcResult qc = LabelGuardRunner.decide(timed(trace, "quality_check", () -> scorer.score(before, after, notes, options)), guard,
          options.autoApproveThreshold());

      EnhanceReport report = new EnhanceReport(qc.score(), qc.status(), qc.reasons(), before, after, List.copyOf(trace),
          new OutputInfo(encoded.width(), encoded.height(), encoded.bytes().length, encoded.format().id(), encoded.quality(),
              encoded.fitsTarget()),
          decoded.info(), options.mode().id(), options.preset(), notes.facts(), guard);
      return new EnhanceResult(encoded.bytes(), report);
    } finally {
      // Native pixels go back now, not at a garbage collection that a small Java heap may not need for minutes.
      if (result != decoded.frame()) result.releaseExcept(decoded.frame());
      decoded.frame().releaseExcept();
    }
  }

  /** What runs instead of a model that is missing, and the checksums of those that run. */
  public List<java.util.Map<String, String>> models() {
    return models.describe();
  }

  /**
   * Long side a large JPEG may be reduced to while decoding: twice the canvas, so that trimming to a product that
   * fills half the frame still has full detail; 0 (full size) without a canvas.
   */
  private static int decodeHint(EnhanceOptions options) {
    if (options.canvas() == null) return 0;
    return 2 * Math.max(options.canvas().width(), options.canvas().height());
  }

  @Override
  public void close() {
    models.close();
    labelGuard.close();
  }

  private static <T> T timed(List<StepTrace> trace, String name, Supplier<T> work) {
    long start = System.nanoTime();
    T value = work.get();
    trace.add(new StepTrace(name, (System.nanoTime() - start) / 1e6, true));
    return value;
  }
}
