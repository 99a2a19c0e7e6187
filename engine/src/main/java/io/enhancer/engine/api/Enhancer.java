package io.enhancer.engine.api;

import io.enhancer.engine.codec.DecodedImage;
import io.enhancer.engine.codec.EncodedImage;
import io.enhancer.engine.codec.ImageDecoder;
import io.enhancer.engine.codec.ImageEncoder;
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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns a product photo into a marketplace-ready image plus a report. Thread-safe: one instance serves every
 * thread; each call keeps its own state.
 */
public final class Enhancer {
  private final EngineConfig config;
  private final ImageDecoder decoder;
  private final ImageAnalyzer analyzer = new ImageAnalyzer();
  private final Pipeline pipeline;
  private final ImageEncoder encoder = new ImageEncoder();
  private final QualityScorer scorer = new QualityScorer();

  public Enhancer(EngineConfig config) {
    OpenCvRuntime.ensureLoaded();
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = new ImageDecoder(config.limits());
    this.pipeline = new Pipeline(List.of(
        new RemoveBackgroundStep(),
        new CorrectLightAndColourStep(),
        new DenoiseStep(),
        new UpscaleStep(),
        new SharpenStep(),
        new StandardiseStep()));
  }

  public EnhanceResult enhance(byte[] input, EnhanceOptions options) {
    Objects.requireNonNull(options, "options");
    Instant deadline = config.clock().instant().plus(config.limits().timeout());
    List<StepTrace> trace = Pipeline.newTrace();
    StepNotes notes = new StepNotes();

    DecodedImage decoded = timed(trace, "decode", () -> decoder.decode(input));
    ImageMetrics before = timed(trace, "analyse", () -> analyzer.analyse(decoded.frame()));
    StepContext context = new StepContext(options, before, notes);

    Frame result = pipeline.run(decoded.frame(), context, deadline, config.clock(), trace);

    EncodedImage encoded = timed(trace, "encode", () -> encoder.encode(result, options));
    ImageMetrics after = analyzer.analyse(result);
    QcResult qc = timed(trace, "quality_check", () -> scorer.score(before, after, notes, options));

    EnhanceReport report = new EnhanceReport(qc.score(), qc.status(), qc.reasons(), before, after, List.copyOf(trace),
        new OutputInfo(encoded.width(), encoded.height(), encoded.bytes().length, encoded.format().id(), encoded.quality()),
        decoded.info(), options.mode().id(), options.preset(), notes.facts());
    return new EnhanceResult(encoded.bytes(), report);
  }

  private static <T> T timed(List<StepTrace> trace, String name, Supplier<T> work) {
    long start = System.nanoTime();
    T value = work.get();
    trace.add(new StepTrace(name, (System.nanoTime() - start) / 1e6, true));
    return value;
  }
}
