package io.enhancer.engine.api;

import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.superres.ModelFamily;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Engine-wide settings, fixed for the engine's lifetime.
 *
 * @param limits    bytes, pixels and time allowed per image
 * @param modelsDir folder with ONNX models (ENHANCER_MODELS_DIR), or null for classical steps only
 * @param clock     time source for deadlines (injected so tests control it)
 * @param segmenter        segmenter folder under {@code modelsDir} (default u2netp)
 * @param superResolution  super-resolution family (default espcn-antialiased, bundled in the engine jar)
 * @param modelThreads     ONNX Runtime intra-op threads per session
 */
public record EngineConfig(ImageLimits limits, Path modelsDir, Clock clock, String segmenter, String superResolution,
                           int modelThreads) {
  /** Fixed rather than per-core so that model outputs are the same bytes on every machine. */
  public static final int DEFAULT_MODEL_THREADS = 2;

  public EngineConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(segmenter, "segmenter");
    Objects.requireNonNull(superResolution, "superResolution");
    if (modelThreads < 1 || modelThreads > 64) {
      throw new InvalidOptionsException("model threads must be 1..64, got " + modelThreads);
    }
  }

  public EngineConfig(ImageLimits limits, Path modelsDir, Clock clock) {
    this(limits, modelsDir, clock, "u2netp", ModelFamily.DEFAULT.id(), DEFAULT_MODEL_THREADS);
  }

  public static EngineConfig defaults() {
    return new EngineConfig(ImageLimits.DEFAULT, null, Clock.systemUTC());
  }

  public EngineConfig withModelsDir(Path dir) {
    return new EngineConfig(limits, dir, clock, segmenter, superResolution, modelThreads);
  }

  public EngineConfig withLimits(ImageLimits newLimits) {
    return new EngineConfig(newLimits, modelsDir, clock, segmenter, superResolution, modelThreads);
  }

  /** {@code segmenter}: folder name under the models dir (u2netp, or a plugged-in model); {@code superResolution}: a {@link ModelFamily} id. */
  public EngineConfig withModels(String newSegmenter, String newSuperResolution, int threads) {
    return new EngineConfig(limits, modelsDir, clock, newSegmenter, newSuperResolution, threads);
  }
}
