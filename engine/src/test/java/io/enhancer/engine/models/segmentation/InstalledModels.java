package io.enhancer.engine.models.segmentation;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds models installed by scripts/install-models.sh: system property {@code enhancer.models.dir}, else
 * ENHANCER_MODELS_DIR, else {@code <repo>/models}. A missing model skips the test, unless
 * {@code enhancer.require.models=true} (CI), where it fails.
 */
public final class InstalledModels {
  private InstalledModels() {}

  public static Path modelsDir() {
    String property = System.getProperty("enhancer.models.dir");
    if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath().normalize();
    String env = System.getenv("ENHANCER_MODELS_DIR");
    if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
    return repoRoot().resolve("models");
  }

  /** The folder holding u2netp.onnx and model.json, or a skipped (or, when required, failed) test. */
  public static Path u2netp() {
    Path dir = modelsDir().resolve("u2netp");
    if (Files.isRegularFile(dir.resolve("u2netp.onnx")) && Files.isRegularFile(dir.resolve(SegmenterDescriptor.FILE_NAME))) {
      return dir;
    }
    String message = "U2-Netp is not installed in " + dir + ": run scripts/install-models.sh " + modelsDir()
        + " (or set enhancer.models.dir / ENHANCER_MODELS_DIR)";
    if (required()) fail(message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** CI (ENHANCER_REQUIRE_MODELS=1, or -Denhancer.require.models=true) fails instead of skipping. */
  static boolean required() {
    return Boolean.getBoolean("enhancer.require.models") || "1".equals(System.getenv("ENHANCER_REQUIRE_MODELS"));
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("engine"))) return d;
    }
    return dir;
  }
}
