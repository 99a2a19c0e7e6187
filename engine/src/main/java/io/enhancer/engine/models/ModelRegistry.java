package io.enhancer.engine.models;

import io.enhancer.engine.models.segmentation.OnnxMatteEstimator;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor;
import io.enhancer.engine.models.superres.LanczosResolver;
import io.enhancer.engine.models.superres.OnnxSuperResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the matte estimator and super-resolver from what the models folder holds, with the classical ones as
 * fallbacks. Sessions are opened once here and shared by every enhancement.
 *
 * <p>Layout of the models folder ({@code ENHANCER_MODELS_DIR}): {@code <dir>/u2netp/model.json} (or any segmenter
 * folder named by {@code segmenter}) and {@code <dir>/espcn/...} as in {@code ../shared/models}; the default
 * super-resolution family ({@code espcn-antialiased}) ships inside the engine jar and needs no file there.
 */
public final class ModelRegistry implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ModelRegistry.class.getName());

  private final MatteEstimator matteEstimator;
  private final MatteEstimator crossCheck;
  private final SuperResolver superResolver;
  private final List<Map<String, String>> loaded;
  private final List<AutoCloseable> closeables;

  private ModelRegistry(MatteEstimator matteEstimator, MatteEstimator crossCheck, SuperResolver superResolver,
      List<Map<String, String>> loaded, List<AutoCloseable> closeables) {
    this.matteEstimator = matteEstimator;
    this.crossCheck = crossCheck;
    this.superResolver = superResolver;
    this.loaded = List.copyOf(loaded);
    this.closeables = List.copyOf(closeables);
  }

  /** Classical steps only: no model files needed. */
  public static ModelRegistry classical() {
    return new ModelRegistry(new ClassicalMatteEstimator(), null, new LanczosResolver(),
        List.of(Map.of("role", "matte", "name", "classical"), Map.of("role", "upscale", "name", "lanczos")),
        List.of());
  }

  /**
   * Opens the models found under {@code modelsDir}; a missing model falls back to the classical step with a warning.
   * A model present but corrupt (checksum mismatch) fails loudly: a silently weaker pipeline would be worse.
   */
  public static ModelRegistry open(Path modelsDir, String segmenter, String superResolution, int threads) {
    if (modelsDir == null || !Files.isDirectory(modelsDir)) {
      if (modelsDir != null) LOG.log(System.Logger.Level.WARNING, "models folder {0} not found; classical steps only", modelsDir);
      return classical();
    }
    List<Map<String, String>> loaded = new ArrayList<>();
    List<AutoCloseable> closeables = new ArrayList<>();

    MatteEstimator matte;
    MatteEstimator crossCheck = null;
    Path segmenterDir = modelsDir.resolve(segmenter);
    if (Files.isRegularFile(segmenterDir.resolve(SegmenterDescriptor.FILE_NAME))) {
      OnnxMatteEstimator neural = OnnxMatteEstimator.open(segmenterDir, threads);
      closeables.add(neural);
      matte = neural;
      crossCheck = new ClassicalMatteEstimator();
      loaded.add(Map.of("role", "matte", "name", neural.name(), "sha256", neural.checksum()));
    } else {
      LOG.log(System.Logger.Level.WARNING,
          "no segmenter at {0} (run ./enhancer models install); background removal uses the classical estimator",
          segmenterDir);
      matte = new ClassicalMatteEstimator();
      loaded.add(Map.of("role", "matte", "name", "classical"));
    }

    SuperResolver upscaler;
    // "lanczos" asks for no model: classical resampling only (to compare, or where invented detail is unwanted)
    var sr = LanczosResolver.NAME.equals(superResolution) ? java.util.Optional.<OnnxSuperResolver>empty()
        : OnnxSuperResolver.load(modelsDir, superResolution, threads);
    if (sr.isPresent()) {
      closeables.add(sr.get());
      upscaler = sr.get();
      var pinned = new java.util.TreeMap<Integer, String>(sr.get().family().sha256ByScale());
      pinned.keySet().retainAll(sr.get().scales());
      loaded.add(Map.of("role", "upscale", "name", sr.get().name(), "sha256", pinned.toString()));
    } else {
      upscaler = new LanczosResolver();
      loaded.add(Map.of("role", "upscale", "name", "lanczos"));
    }
    return new ModelRegistry(matte, crossCheck, upscaler, loaded, closeables);
  }

  public MatteEstimator matteEstimator() {
    return matteEstimator;
  }

  /** A second, independent estimator whose disagreement flags doubtful cut-outs; null when there is none. */
  public MatteEstimator crossCheck() {
    return crossCheck;
  }

  public SuperResolver superResolver() {
    return superResolver;
  }

  /** What runs, for reports: role, name, and checksum or scales where known. */
  public List<Map<String, String>> describe() {
    return loaded;
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing a model failed: {0}", e.toString());
      }
    }
  }
}
