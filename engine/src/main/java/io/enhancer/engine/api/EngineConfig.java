package io.enhancer.engine.api;

import io.enhancer.engine.limits.ImageLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Engine-wide settings, fixed for the engine's lifetime.
 *
 * @param limits    bytes, pixels and time allowed per image
 * @param modelsDir folder with ONNX models (ENHANCER_MODELS_DIR), or null for classical steps only
 * @param clock     time source for deadlines (injected so tests control it)
 */
public record EngineConfig(ImageLimits limits, Path modelsDir, Clock clock) {
  public EngineConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
  }

  public static EngineConfig defaults() {
    return new EngineConfig(ImageLimits.DEFAULT, null, Clock.systemUTC());
  }

  public EngineConfig withModelsDir(Path dir) {
    return new EngineConfig(limits, dir, clock);
  }

  public EngineConfig withLimits(ImageLimits newLimits) {
    return new EngineConfig(newLimits, modelsDir, clock);
  }
}
